package org.mlregistry.core.error;

/**
 * A statement ran longer than the statement timeout (SQLState {@code 57014}, "canceling statement
 * due to statement timeout") and was cancelled; its transaction rolled back.
 */
public class StatementTimeoutException extends TransientException {

    /**
     * @param message what failed, in words
     * @param cause the database's cancellation
     */
    public StatementTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
