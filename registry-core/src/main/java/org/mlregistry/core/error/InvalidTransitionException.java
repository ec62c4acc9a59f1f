package org.mlregistry.core.error;

/** A state change that the entity's current state does not allow; nothing was written. */
public class InvalidTransitionException extends RegistryException {

    private final String entity;
    private final Object id;
    private final Object current;
    private final Object attempted;

    public InvalidTransitionException(String entity, Object id, Object current, Object attempted) {
        super("Cannot move " + entity + " " + id + " from " + current + " to " + attempted);
        this.entity = entity;
        this.id = id;
        this.current = current;
        this.attempted = attempted;
    }

    public String entity() {
        return entity;
    }

    public Object id() {
        return id;
    }

    public Object current() {
        return current;
    }

    public Object attempted() {
        return attempted;
    }
}
