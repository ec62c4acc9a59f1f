package org.mlregistry.core.tracking;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.mlregistry.schema.jooq.tracking.tables.records.TrainingRunsRecord;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.RunStatus;

/**
 * One row of {@code tracking.training_runs} as the database holds it.
 *
 * @param runId primary key
 * @param modelName model trained
 * @param framework ML framework
 * @param experimentName experiment the run belongs to
 * @param status lifecycle state
 * @param accuracy accuracy in [0, 1], or null
 * @param loss final loss, or null
 * @param precision precision in [0, 1], or null
 * @param recall recall in [0, 1], or null
 * @param f1 F1 score in [0, 1], or null
 * @param dataset dataset trained on
 * @param computeTarget where the run executes (the queue workers claim from)
 * @param gpuHours GPU hours consumed
 * @param cpuHours CPU hours consumed
 * @param parametersJson hyperparameters as a JSON object text
 * @param createdAt when the run was submitted
 * @param startedAt when it started running, or null while queued
 * @param completedAt when it reached a terminal state, or null
 * @param notes free text, appended to over the run's life
 * @param createdBy database user that created the row
 * @param archivedAt when a retention policy archived the run, or null for live runs
 */
public record Run(
        UUID runId,
        String modelName,
        Framework framework,
        String experimentName,
        RunStatus status,
        BigDecimal accuracy,
        BigDecimal loss,
        BigDecimal precision,
        BigDecimal recall,
        BigDecimal f1,
        String dataset,
        String computeTarget,
        BigDecimal gpuHours,
        BigDecimal cpuHours,
        String parametersJson,
        OffsetDateTime createdAt,
        OffsetDateTime startedAt,
        OffsetDateTime completedAt,
        String notes,
        String createdBy,
        OffsetDateTime archivedAt) {

    /**
     * Maps a generated jOOQ record to a run.
     *
     * @param r a record of {@code tracking.training_runs}
     * @return the run it holds
     */
    public static Run from(TrainingRunsRecord r) {
        return new Run(r.getRunId(), r.getModelName(), r.getFramework(), r.getExperimentName(), r.getStatus(),
                r.getAccuracy(), r.getLoss(), r.getPrecisionScore(), r.getRecallScore(), r.getF1Score(),
                r.getDataset(), r.getComputeTarget(), r.getGpuHours(), r.getCpuHours(),
                r.getParameters() == null ? null : r.getParameters().data(),
                r.getCreatedAt(), r.getStartedAt(), r.getCompletedAt(), r.getNotes(), r.getCreatedBy(),
                r.getArchivedAt());
    }
}
