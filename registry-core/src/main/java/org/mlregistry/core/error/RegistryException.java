package org.mlregistry.core.error;

import java.sql.SQLException;

/**
 * Base of every failure mlregistry lets a caller see. Each is either a {@link RefusedException}
 * (the input, a rule or the current state refuses the operation: retrying as is will not help) or
 * a {@link TransientException} (the database could not finish it this time: retrying may help).
 * When the database reported the failure, the cause is its {@link SQLException} and
 * {@link #sqlState()} its SQLState; the message never repeats the SQL.
 */
public class RegistryException extends RuntimeException {

    /**
     * @param message what went wrong, in words
     */
    public RegistryException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, in words
     * @param cause the underlying failure (e.g. the database's refusal), or null
     */
    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The SQLState the database (or the driver) reported, from the first {@link SQLException} in
     * the causes that carries one.
     *
     * @return the five-character SQLState, e.g. {@code 40001}, or null when Java refused the call
     */
    public String sqlState() {
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
