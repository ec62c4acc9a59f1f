package org.mlregistry.core.error;

/** The entity with this id does not exist. */
public class NotFoundException extends RefusedException {

    /** The kind of entity looked for, e.g. {@code model version}. */
    private final String entity;
    /** The id that was looked for. */
    private final Object id;

    /**
     * @param entity the kind of entity looked for, e.g. {@code model version}
     * @param id the id (or name) that matched nothing
     */
    public NotFoundException(String entity, Object id) {
        super(entity + " " + id + " does not exist");
        this.entity = entity;
        this.id = id;
    }

    /** @return the kind of entity looked for, e.g. {@code model version} */
    public String entity() {
        return entity;
    }

    /** @return the id (or name) that matched nothing */
    public Object id() {
        return id;
    }
}
