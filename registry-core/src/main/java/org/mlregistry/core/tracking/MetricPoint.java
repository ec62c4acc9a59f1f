package org.mlregistry.core.tracking;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One logged value of a run's metric: {@code val_loss} was 0.31 at step 1200, logged at 10:42 UTC.
 * Given to {@link RunMetrics#log(MetricPoint)}, {@link RunMetrics#logAll} and {@link RunMetrics#copy},
 * and returned by the reads. The rules (name 1–250 letters, digits, {@code _ - . / :} and spaces;
 * step &gt;= 0; logged_at within [2000-01-01, 2100-01-01) UTC, kept to the microsecond; value finite)
 * are checked by the write paths, which name the refused point.
 *
 * @param runId the run, a {@code tracking.training_runs.run_id}
 * @param name the metric's name, e.g. {@code val_loss}
 * @param step the training step or epoch
 * @param loggedAt when it was logged (read back in UTC)
 * @param value the value
 */
public record MetricPoint(UUID runId, String name, long step, OffsetDateTime loggedAt, double value) {
}
