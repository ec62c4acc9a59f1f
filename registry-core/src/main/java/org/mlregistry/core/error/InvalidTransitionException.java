package org.mlregistry.core.error;

/** A state change that the entity's current state does not allow; nothing was written. */
public class InvalidTransitionException extends RefusedException {

    /** The kind of entity, e.g. {@code model version}. */
    private final String entity;
    /** The entity's id. */
    private final Object id;
    /** The state the entity is in. */
    private final Object current;
    /** The state (or change) that was refused. */
    private final Object attempted;

    /**
     * @param entity the kind of entity, e.g. {@code model version}
     * @param id the entity's id
     * @param current the state the entity is in
     * @param attempted the refused target state, or the refused change in words
     */
    public InvalidTransitionException(String entity, Object id, Object current, Object attempted) {
        super("Cannot move " + entity + " " + id + " from " + current + " to " + attempted);
        this.entity = entity;
        this.id = id;
        this.current = current;
        this.attempted = attempted;
    }

    /** @return the kind of entity, e.g. {@code model version} */
    public String entity() {
        return entity;
    }

    /** @return the entity's id */
    public Object id() {
        return id;
    }

    /** @return the state the entity is in, unchanged */
    public Object current() {
        return current;
    }

    /** @return the refused target state, or the refused change in words */
    public Object attempted() {
        return attempted;
    }
}
