package org.mlregistry.core.error;

/**
 * PostgreSQL found this transaction in a deadlock and rolled it back to break it (SQLState
 * {@code 40P01}); the other transaction went on. Retrying may succeed.
 */
public class DeadlockDetectedException extends TransientException {

    /**
     * @param message what failed, in words
     * @param cause the database's refusal
     */
    public DeadlockDetectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
