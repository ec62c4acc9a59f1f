package org.mlregistry.core.models;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.mlregistry.schema.types.RunStatus;

/**
 * A training run recorded for a model version (the registry's lineage; tracked runs of the
 * {@code tracking} schema are {@link org.mlregistry.core.tracking.Run}s).
 *
 * @param runId its id
 * @param versionId the version it trained
 * @param runName its name, or null
 * @param experimentName its experiment, or null
 * @param status how it ended, or where it is
 * @param accuracy accuracy in [0, 1], or null
 * @param f1Score F1 score in [0, 1], or null
 * @param hyperparameters its hyperparameters as a JSON object text
 * @param startedBy who recorded it
 * @param createdAt when it was recorded
 * @param completedAt when it finished, or null
 */
public record TrainingRun(UUID runId, UUID versionId, String runName, String experimentName, RunStatus status,
        BigDecimal accuracy, BigDecimal f1Score, String hyperparameters, String startedBy, OffsetDateTime createdAt,
        OffsetDateTime completedAt) {
}
