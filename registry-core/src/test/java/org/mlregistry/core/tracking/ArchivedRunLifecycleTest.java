package org.mlregistry.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.error.InvalidTransitionException;
import org.mlregistry.core.error.RunArchivedException;
import org.mlregistry.schema.types.RunStatus;

/** Archived (soft-deleted) runs are frozen: no lifecycle step and no derived F1 touches them. */
class ArchivedRunLifecycleTest extends TrackingTestSupport {

    private static void archive(Registry reg, UUID runId) {
        reg.dsl().update(TRAINING_RUNS).set(TRAINING_RUNS.ARCHIVED_AT, DSL.currentOffsetDateTime())
                .where(TRAINING_RUNS.RUN_ID.eq(runId)).execute();
    }

    @Test
    void lifecycleStepsRefuseArchivedRuns() {
        withRollback(reg -> {
            Runs runs = reg.runs();
            Run queued = runs.submit(newRun("m-" + UUID.randomUUID()));
            Run running = runs.submit(newRun("m-" + UUID.randomUUID()));
            runs.start(running.runId());
            archive(reg, queued.runId());
            archive(reg, running.runId());

            RunArchivedException start = catchThrowableOfType(RunArchivedException.class, () -> runs.start(queued.runId()));
            assertThat(start).isInstanceOf(InvalidTransitionException.class);
            assertThat(start.current()).isEqualTo(RunStatus.QUEUED);
            assertThat(start.attempted()).isEqualTo(RunStatus.RUNNING);
            assertThat(start.archivedAt()).isNotNull();
            assertThat(start.getMessage()).contains("archived");
            assertThat(catchThrowableOfType(RunArchivedException.class, () -> runs.cancel(queued.runId(), "x"))).isNotNull();
            assertThat(catchThrowableOfType(RunArchivedException.class,
                    () -> runs.succeed(running.runId(), Metrics.none().withAccuracy(0.9)))).isNotNull();
            assertThat(catchThrowableOfType(RunArchivedException.class, () -> runs.fail(running.runId(), "x"))).isNotNull();
            assertThat(catchThrowableOfType(RunArchivedException.class, () -> runs.timeout(running.runId()))).isNotNull();
            assertThat(catchThrowableOfType(RunArchivedException.class, () -> runs.cancel(running.runId(), "x"))).isNotNull();

            assertThat(runs.get(queued.runId()).status()).isEqualTo(RunStatus.QUEUED);
            Run frozen = runs.get(running.runId());
            assertThat(frozen.status()).isEqualTo(RunStatus.RUNNING);
            assertThat(frozen.accuracy()).isNull();
            assertThat(frozen.completedAt()).isNull();
            return null;
        });
    }

    @Test
    void deriveF1LeavesArchivedRunsAlone() {
        withRollback(reg -> {
            UUID live = insertRun(reg.dsl(), "m-" + UUID.randomUUID(), "t", RunStatus.SUCCEEDED, OffsetDateTime.now().minusHours(1));
            UUID archived = insertRun(reg.dsl(), "m-" + UUID.randomUUID(), "t", RunStatus.SUCCEEDED, OffsetDateTime.now().minusHours(1));
            reg.dsl().update(TRAINING_RUNS).set(TRAINING_RUNS.PRECISION_SCORE, new BigDecimal("0.8"))
                    .set(TRAINING_RUNS.RECALL_SCORE, new BigDecimal("0.6")).setNull(TRAINING_RUNS.F1_SCORE)
                    .where(TRAINING_RUNS.RUN_ID.in(live, archived)).execute();
            archive(reg, archived);

            List<Run> derived = reg.runs().deriveF1();
            assertThat(derived).extracting(Run::runId).contains(live).doesNotContain(archived);
            assertThat(reg.runs().get(live).f1()).isEqualByComparingTo("0.6857");
            assertThat(reg.runs().get(archived).f1()).isNull();
            return null;
        });
    }
}
