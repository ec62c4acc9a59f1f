package org.mlregistry.core.error;

/**
 * The operation was refused because of its input, a rule of the registry or the current state of
 * what it touches; nothing was written. Retrying the same call will fail the same way: change the
 * input or the state first.
 */
public class RefusedException extends RegistryException {

    /**
     * @param message what was refused and why, in words
     */
    public RefusedException(String message) {
        super(message);
    }

    /**
     * @param message what was refused and why, in words
     * @param cause the database's refusal, or null
     */
    public RefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
