package org.mlregistry.core.models;

import java.util.UUID;
import org.mlregistry.schema.types.ModelFramework;

/**
 * A model version to register (status {@code registered}).
 *
 * @param modelId the model
 * @param semver semantic version, e.g. {@code 1.2.3} or {@code 1.2.3-beta}
 * @param artifactUri where the artifact is stored
 * @param framework framework of the artifact
 * @param description free text, or null
 */
public record NewVersion(UUID modelId, String semver, String artifactUri, ModelFramework framework,
        String description) {

    /**
     * A version without description.
     *
     * @param modelId the model
     * @param semver semantic version, e.g. {@code 1.2.3} or {@code 1.2.3-beta}
     * @param artifactUri where the artifact is stored
     * @param framework framework of the artifact
     * @return the version, its description null
     */
    public static NewVersion of(UUID modelId, String semver, String artifactUri, ModelFramework framework) {
        return new NewVersion(modelId, semver, artifactUri, framework, null);
    }
}
