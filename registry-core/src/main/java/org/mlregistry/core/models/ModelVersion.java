package org.mlregistry.core.models;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.mlregistry.schema.types.ModelFramework;
import org.mlregistry.schema.types.VersionStatus;

/**
 * A version of a model: an artifact under a semantic version, moving through its lifecycle.
 *
 * @param versionId its id
 * @param modelId the model
 * @param semver its semantic version, unique per model
 * @param description what changed, or null
 * @param artifactUri where the artifact is
 * @param framework the framework it was built with
 * @param status where it is in its lifecycle
 * @param statusReason why it reached its status, or null
 * @param statusChangedAt when it reached its status
 * @param registeredBy who registered it
 * @param registeredAt when it was registered
 * @param promotedToProductionAt when it first served production, or null
 * @param deprecatedAt when it was deprecated, or null
 * @param deprecationReason why it was deprecated, or null
 */
public record ModelVersion(UUID versionId, UUID modelId, String semver, String description, String artifactUri,
        ModelFramework framework, VersionStatus status, String statusReason, OffsetDateTime statusChangedAt,
        String registeredBy, OffsetDateTime registeredAt, OffsetDateTime promotedToProductionAt,
        OffsetDateTime deprecatedAt, String deprecationReason) {
}
