package org.mlregistry.core.error;

/**
 * A concurrent transaction changed what this one read or wrote, so it cannot be serialized
 * (SQLState {@code 40001}); it rolled back. Retrying the whole transaction may succeed.
 */
public class SerializationFailureException extends TransientException {

    /**
     * @param message what failed, in words
     * @param cause the database's refusal
     */
    public SerializationFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
