package org.mlregistry.core.error;

/** Base of every error mlregistry reports on purpose. */
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
}
