package org.mlregistry.core.error;

/** Base of every error mlregistry reports on purpose. */
public class RegistryException extends RuntimeException {

    public RegistryException(String message) {
        super(message);
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
