package org.mlregistry.core.models;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.mlregistry.schema.types.RiskLevel;

/**
 * A model of the registry: a name under which versions are registered and deployed.
 *
 * @param modelId its id
 * @param modelName its unique kebab-case name
 * @param displayName its name for people
 * @param description what it does, or null
 * @param teamId the owning team, or null
 * @param riskLevel its business risk
 * @param complianceRequired whether production deployments need approvals
 * @param createdBy who created it
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record Model(UUID modelId, String modelName, String displayName, String description, UUID teamId,
        RiskLevel riskLevel, Boolean complianceRequired, String createdBy, OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {
}
