package org.mlregistry.core.error;

/**
 * The server ran out of a resource (SQLState class {@code 53}: too many connections, disk full,
 * out of memory) or the pool had no connection to give in time; nothing was written. Retrying
 * later may succeed.
 */
public class ResourcesExhaustedException extends TransientException {

    /**
     * @param message what failed, in words
     * @param cause the database's or pool's failure
     */
    public ResourcesExhaustedException(String message, Throwable cause) {
        super(message, cause);
    }
}
