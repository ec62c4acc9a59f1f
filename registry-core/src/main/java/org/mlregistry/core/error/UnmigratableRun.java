package org.mlregistry.core.error;

import java.util.UUID;

/**
 * A tracking run that the lab 01 → lab 02 migration cannot move into the registry, and why.
 *
 * @param runId the tracking run_id
 * @param modelName its model_name
 * @param reason why it cannot be migrated
 * @param detail the offending value in words, e.g. {@code framework 'mxnet'}
 */
public record UnmigratableRun(UUID runId, String modelName, Reason reason, String detail) {

    /** Why a tracking run cannot be migrated. */
    public enum Reason {
        /** Lab 01's framework has no lab 02 counterpart ({@code mxnet} is not in {@code registry.model_versions.valid_framework}). */
        UNMAPPED_FRAMEWORK,
        /** The model name breaks {@code registry.models.valid_model_name} (kebab-case). */
        INVALID_MODEL_NAME,
        /** The dataset name breaks {@code registry.datasets.valid_dataset_name} ({@code ^[a-z0-9_-]+$}). */
        INVALID_DATASET_NAME,
        /** The run is archived (soft-deleted) and the migration was not told to include archived runs. */
        ARCHIVED
    }
}
