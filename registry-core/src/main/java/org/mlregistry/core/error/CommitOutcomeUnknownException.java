package org.mlregistry.core.error;

/**
 * The connection was lost while the transaction committed: the work may or may not have been
 * committed. Find out before repeating a change that is not idempotent (e.g. a worker asks
 * {@code leases().owned(owner)} after a claim).
 */
public class CommitOutcomeUnknownException extends ConnectionLostException {

    /**
     * @param cause the driver's failure during COMMIT
     */
    public CommitOutcomeUnknownException(Throwable cause) {
        super("connection lost during COMMIT: the transaction may or may not have committed", cause);
    }
}
