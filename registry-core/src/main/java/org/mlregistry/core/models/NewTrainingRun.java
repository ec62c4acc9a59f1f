package org.mlregistry.core.models;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.mlregistry.schema.types.RunStatus;

/**
 * A training run that produced a model version, with the datasets it used.
 *
 * @param versionId the version the run trained
 * @param runName name of the run, or null
 * @param experimentName experiment, or null
 * @param status run status; for a finished status the completion time is now
 * @param accuracy accuracy in [0, 1], or null
 * @param f1Score F1 score in [0, 1], or null
 * @param hyperparametersJson hyperparameters as a JSON object, or null
 * @param datasets datasets by role
 */
public record NewTrainingRun(UUID versionId, String runName, String experimentName, RunStatus status,
        BigDecimal accuracy, BigDecimal f1Score, String hyperparametersJson, List<DatasetUsage> datasets) {

    /**
     * Copies datasets; null becomes an empty list.
     *
     * @param versionId the version the run trained
     * @param runName name of the run, or null
     * @param experimentName experiment, or null
     * @param status run status
     * @param accuracy accuracy in [0, 1], or null
     * @param f1Score F1 score in [0, 1], or null
     * @param hyperparametersJson hyperparameters as a JSON object, or null
     * @param datasets datasets by role, or null for none
     */
    public NewTrainingRun {
        datasets = datasets == null ? List.of() : List.copyOf(datasets);
    }
}
