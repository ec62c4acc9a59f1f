package org.mlregistry.core.error;

/** The entity with this id does not exist. */
public class NotFoundException extends RegistryException {

    private final String entity;
    private final Object id;

    public NotFoundException(String entity, Object id) {
        super(entity + " " + id + " does not exist");
        this.entity = entity;
        this.id = id;
    }

    public String entity() {
        return entity;
    }

    public Object id() {
        return id;
    }
}
