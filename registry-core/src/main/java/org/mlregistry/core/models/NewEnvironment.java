package org.mlregistry.core.models;

import org.mlregistry.schema.types.EnvironmentType;

/**
 * An environment to create with {@link Environments#create(NewEnvironment)}.
 *
 * @param name its unique name: 1 to 63 characters, a lowercase letter, then lowercase letters,
 *     digits or '-', not ending in '-'
 * @param type its kind
 * @param description what it is for, or null
 * @param priority its rank in the promotion order
 */
public record NewEnvironment(String name, EnvironmentType type, String description, int priority) {

    /**
     * An environment without description, priority 0.
     *
     * @param name its unique name
     * @param type its kind
     * @return the specification
     */
    public static NewEnvironment of(String name, EnvironmentType type) {
        return new NewEnvironment(name, type, null, 0);
    }

    /**
     * @param description what the environment is for, or null
     * @return a copy with this description
     */
    public NewEnvironment withDescription(String description) {
        return new NewEnvironment(name, type, description, priority);
    }

    /**
     * @param priority its rank in the promotion order
     * @return a copy with this priority
     */
    public NewEnvironment withPriority(int priority) {
        return new NewEnvironment(name, type, description, priority);
    }
}
