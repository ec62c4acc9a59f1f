package org.mlregistry.core.error;

/**
 * The database refused a statement for a reason mlregistry has no more specific type for (e.g. a
 * missing table when the schema was not migrated, SQLState {@code 42P01}); nothing was written.
 * {@link #sqlState()} says which. Retrying as is will not help.
 */
public class DatabaseRefusedException extends RefusedException {

    /**
     * @param message what was refused, in words
     * @param cause the database's refusal
     */
    public DatabaseRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
