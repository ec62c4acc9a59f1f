package org.mlregistry.core.error;

/**
 * The database role lacks a privilege the operation needs (SQLState {@code 42501}); nothing was
 * written. Grant the privilege or use another role.
 */
public class PermissionDeniedException extends RefusedException {

    /**
     * @param message what was denied, in words
     * @param cause the database's refusal
     */
    public PermissionDeniedException(String message, Throwable cause) {
        super(message, cause);
    }
}
