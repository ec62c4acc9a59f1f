package org.mlregistry.core.models;

import org.mlregistry.schema.types.EnvironmentType;

/**
 * A deployment environment, e.g. {@code prod} of type {@code production}. Its name is the one
 * deployments and approvals ({@code requiredForEnv}) use.
 *
 * @param environmentId its id
 * @param name its unique name, e.g. {@code prod-eu}
 * @param type its kind; {@code production} environments are guarded by the approval gate
 * @param description what it is for, or null
 * @param priority its rank in the promotion order (dev 0 … prod 4 in the lab's rows), or null
 */
public record Environment(Integer environmentId, String name, EnvironmentType type, String description,
        Integer priority) {
}
