package org.mlregistry.core.models;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.mlregistry.schema.types.ModelFramework;
import org.mlregistry.schema.types.VersionStatus;

/**
 * A model with its latest non-archived version by registration ({@code vw_latest_model_versions}).
 *
 * @param modelId the model
 * @param modelName its name
 * @param modelDisplayName its name for people
 * @param versionId the version
 * @param semver its semantic version
 * @param status its status
 * @param framework its framework
 * @param registeredAt when it was registered
 * @param artifactUri where its artifact is
 */
public record LatestVersion(UUID modelId, String modelName, String modelDisplayName, UUID versionId, String semver,
        VersionStatus status, ModelFramework framework, OffsetDateTime registeredAt, String artifactUri) {
}
