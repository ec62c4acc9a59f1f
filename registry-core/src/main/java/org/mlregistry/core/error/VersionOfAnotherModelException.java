package org.mlregistry.core.error;

import java.util.UUID;

/**
 * A version was named for a model it does not belong to, e.g. an alias of one model set on
 * another model's version. Nothing was written.
 */
public class VersionOfAnotherModelException extends InvalidValueException {

    /** The model the operation was for. */
    private final UUID modelId;
    /** The model the version belongs to. */
    private final UUID versionModelId;

    /**
     * @param modelId the model the operation was for
     * @param versionId the version given
     * @param versionModelId the model the version belongs to
     */
    public VersionOfAnotherModelException(UUID modelId, UUID versionId, UUID versionModelId) {
        super("version_id", versionId, "must be a version of model " + modelId + ", not of model " + versionModelId);
        this.modelId = modelId;
        this.versionModelId = versionModelId;
    }

    /** @return the model the operation was for */
    public UUID modelId() {
        return modelId;
    }

    /** @return the model the version belongs to */
    public UUID versionModelId() {
        return versionModelId;
    }
}
