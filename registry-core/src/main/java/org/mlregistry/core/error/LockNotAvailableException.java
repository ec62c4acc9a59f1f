package org.mlregistry.core.error;

/**
 * A row or table lock was not granted within the lock timeout (SQLState {@code 55P03}); another
 * transaction holds it. The transaction rolled back.
 */
public class LockNotAvailableException extends TransientException {

    /**
     * @param message what failed, in words
     * @param cause the database's refusal
     */
    public LockNotAvailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
