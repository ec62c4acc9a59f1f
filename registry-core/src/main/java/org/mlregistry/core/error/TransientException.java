package org.mlregistry.core.error;

/**
 * The database could not finish the operation this time (connection lost, timeout, lock not
 * available, serialization failure, deadlock, resources exhausted); its transaction was rolled
 * back, unless {@link CommitOutcomeUnknownException} says the outcome is unknown. Retrying an
 * idempotent operation may succeed (see {@code org.mlregistry.core.RetryPolicy}).
 */
public class TransientException extends RegistryException {

    /**
     * @param message what failed, in words
     * @param cause the database's or driver's failure
     */
    public TransientException(String message, Throwable cause) {
        super(message, cause);
    }
}
