package org.mlregistry.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.schema.types.RunStatus;

class ProgressAndMaintenanceTest extends TrackingTestSupport {

    @Test
    void addsHoursMergesParametersAndAppendsNotes() {
        withRollback(r -> {
            Runs runs = r.runs();
            UUID id = runs.submit(newRun("api-progress")).runId();
            runs.addHours(id, 1.25, 0.5);
            Run after = runs.addHours(id, 2.0, 0.25);
            assertThat(after.gpuHours()).isEqualByComparingTo("3.25");
            assertThat(after.cpuHours()).isEqualByComparingTo("0.75");

            Run merged = runs.mergeParameters(id, "{\"batch_size\": 128, \"lora_r\": 8}");
            assertThat(merged.parametersJson()).isEqualTo("{\"lora_r\": 8, \"optimizer\": \"adam\", \"batch_size\": 128}");

            runs.appendNote(id, "epoch 1 done");
            assertThat(runs.appendNote(id, "epoch 2 done").notes()).isEqualTo("epoch 1 done | epoch 2 done");

            InvalidValueException negative = catchThrowableOfType(InvalidValueException.class, () -> runs.addHours(id, -1, 0));
            assertThat(negative.field()).isEqualTo("gpu_hours");
            assertThat(negative.value()).isEqualTo(-1.0);
            assertThat(catchThrowableOfType(NotFoundException.class, () -> runs.appendNote(UUID.randomUUID(), "x")))
                    .isNotNull();
            return null;
        });
    }

    @Test
    void derivesF1WhereMissing() {
        withRollback(r -> {
            UUID id = insertRun(r.dsl(), "api-f1", "t", RunStatus.SUCCEEDED, OffsetDateTime.now().minusDays(1));
            r.dsl().update(TRAINING_RUNS).set(TRAINING_RUNS.PRECISION_SCORE, new BigDecimal("0.8"))
                    .set(TRAINING_RUNS.RECALL_SCORE, new BigDecimal("0.6")).where(TRAINING_RUNS.RUN_ID.eq(id)).execute();
            long missingBefore = r.dsl().fetchCount(TRAINING_RUNS, TRAINING_RUNS.PRECISION_SCORE.isNotNull()
                    .and(TRAINING_RUNS.RECALL_SCORE.isNotNull()).and(TRAINING_RUNS.F1_SCORE.isNull()));
            List<Run> derived = r.runs().deriveF1();
            assertThat(derived).hasSize((int) missingBefore);
            Run run = derived.stream().filter(x -> x.runId().equals(id)).findFirst().orElseThrow();
            // 2 * 0.8 * 0.6 / 1.4 = 0.685714...
            assertThat(run.f1()).isEqualByComparingTo("0.6857");
            assertThat(r.runs().deriveF1()).isEmpty();
            return null;
        });
    }

    @Test
    void cancelsRunsQueuedTooLong() {
        withRollback(r -> {
            OffsetDateTime now = OffsetDateTime.now();
            UUID stale = insertRun(r.dsl(), "api-stale", "t", RunStatus.QUEUED, now.minusDays(40));
            UUID fresh = insertRun(r.dsl(), "api-fresh", "t", RunStatus.QUEUED, now.minusDays(2));
            UUID running = insertRun(r.dsl(), "api-old-running", "t", RunStatus.RUNNING, now.minusDays(60));
            long staleQueued = r.dsl().fetchCount(TRAINING_RUNS, TRAINING_RUNS.STATUS.eq(RunStatus.QUEUED)
                    .and(TRAINING_RUNS.CREATED_AT.lt(now.minusDays(30))));

            List<Run> cancelled = r.runs().cancelQueuedOlderThan(Duration.ofDays(30));
            assertThat(cancelled).hasSize((int) staleQueued).extracting(Run::runId).contains(stale)
                    .doesNotContain(fresh, running);
            Run run = r.runs().get(stale);
            assertThat(run.status()).isEqualTo(RunStatus.CANCELLED);
            assertThat(run.notes()).startsWith("Auto-cancelled: queued for over PT720H");
            assertThat(r.runs().get(fresh).status()).isEqualTo(RunStatus.QUEUED);
            assertThat(r.runs().get(running).status()).isEqualTo(RunStatus.RUNNING);
            assertThat(catchThrowableOfType(InvalidValueException.class,
                    () -> r.runs().cancelQueuedOlderThan(Duration.ZERO)).field()).isEqualTo("maxAge");
            return null;
        });
    }
}
