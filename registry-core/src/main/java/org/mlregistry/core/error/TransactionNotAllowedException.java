package org.mlregistry.core.error;

/**
 * An operation that must run its own short transactions (e.g. {@code DETACH PARTITION …
 * CONCURRENTLY}, which PostgreSQL refuses inside a transaction block) was called inside a
 * transaction; nothing was changed. Call it outside {@code inTransaction}, on a connection in
 * autocommit mode.
 */
public class TransactionNotAllowedException extends RefusedException {

    /** The refused operation. */
    private final String operation;

    /**
     * @param operation the refused operation, e.g. {@code dropOlderThan}
     */
    public TransactionNotAllowedException(String operation) {
        super(operation + " cannot run inside a transaction: it commits each partition's detach on its own");
        this.operation = operation;
    }

    /**
     * The refused operation, e.g. {@code dropOlderThan}.
     *
     * @return the operation's name
     */
    public String operation() {
        return operation;
    }
}
