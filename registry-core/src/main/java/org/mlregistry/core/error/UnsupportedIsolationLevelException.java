package org.mlregistry.core.error;

/**
 * An operation whose correctness relies on the isolation level ran in a transaction of another
 * level; nothing was written. Deploys and traffic changes lock the model's row and then re-read
 * the allocated traffic, which sees concurrent commits only under {@code read committed}: under
 * {@code repeatable read} or {@code serializable} the re-read uses the transaction's snapshot, so
 * two concurrent deploys could both pass the 100 % check.
 */
public class UnsupportedIsolationLevelException extends RefusedException {

    /** The refused operation. */
    private final String operation;
    /** The transaction's isolation level. */
    private final String isolationLevel;
    /** The isolation level the operation requires. */
    private final String required;

    /**
     * @param operation the refused operation, e.g. {@code deploy}
     * @param isolationLevel the transaction's isolation level as PostgreSQL names it
     * @param required the isolation level the operation requires
     */
    public UnsupportedIsolationLevelException(String operation, String isolationLevel, String required) {
        super(operation + " requires a transaction at isolation level '" + required + "', but runs at '" + isolationLevel + "'");
        this.operation = operation;
        this.isolationLevel = isolationLevel;
        this.required = required;
    }

    /**
     * The refused operation, e.g. {@code deploy}.
     *
     * @return the operation's name
     */
    public String operation() {
        return operation;
    }

    /**
     * The transaction's isolation level as PostgreSQL names it, e.g. {@code repeatable read}.
     *
     * @return the level the transaction runs at
     */
    public String isolationLevel() {
        return isolationLevel;
    }

    /**
     * The isolation level the operation requires, {@code read committed}.
     *
     * @return the required level
     */
    public String required() {
        return required;
    }
}
