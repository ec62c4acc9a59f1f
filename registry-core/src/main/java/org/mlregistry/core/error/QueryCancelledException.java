package org.mlregistry.core.error;

/**
 * A statement was cancelled on request (SQLState {@code 57014} for another reason than the
 * statement timeout, e.g. {@code Statement.cancel()} or {@code pg_cancel_backend}); its
 * transaction rolled back. Transient, but someone asked for the cancellation: retry policies do
 * not retry it.
 */
public class QueryCancelledException extends TransientException {

    /**
     * @param message what failed, in words
     * @param cause the database's cancellation
     */
    public QueryCancelledException(String message, Throwable cause) {
        super(message, cause);
    }
}
