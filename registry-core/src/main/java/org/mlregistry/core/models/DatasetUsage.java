package org.mlregistry.core.models;

import java.util.UUID;
import org.mlregistry.schema.types.DatasetRole;

/**
 * A dataset a training run used, in one role.
 *
 * @param datasetId the dataset
 * @param role how the run used it
 * @param sampleCount number of samples used, or null
 */
public record DatasetUsage(UUID datasetId, DatasetRole role, Long sampleCount) {

    /**
     * Usage without sample count.
     *
     * @param datasetId the dataset
     * @param role how the run used it
     * @return the usage, its sample count null
     */
    public static DatasetUsage of(UUID datasetId, DatasetRole role) {
        return new DatasetUsage(datasetId, role, null);
    }
}
