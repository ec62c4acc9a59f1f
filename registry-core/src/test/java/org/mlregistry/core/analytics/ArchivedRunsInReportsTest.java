package org.mlregistry.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlregistry.schema.jooq.tracking.tables.TrainingRuns.TRAINING_RUNS;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.schema.DatabaseTest;
import org.mlregistry.schema.jooq.tracking.tables.records.TrainingRunsRecord;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.RunStatus;

/** Archived runs are soft-deleted: the ready-made training run reports leave them out. */
class ArchivedRunsInReportsTest extends DatabaseTest {

    private static final BigDecimal RATE = new BigDecimal("2.50");
    private static final OffsetDateTime EPOCH = OffsetDateTime.parse("1970-01-01T00:00:00Z");

    private record Snapshot(List<UUID> leaderboard, List<UUID> ranking, long rollupTotal, long dailyTotal,
            List<UUID> series, BigDecimal frameworkHours) {
    }

    private static Snapshot reports(DSLContext ctx, Framework framework) {
        TrainingRunAnalytics reports = Registry.configure().dsl(ctx).load().analytics().trainingRuns();
        return new Snapshot(
                reports.leaderboard(1000).stream().map(r -> r.row().runId()).toList(),
                reports.accuracyRanking().stream().map(r -> r.row().runId()).toList(),
                reports.frameworkStatusRollup().stream().filter(GroupRow::isGrandTotal).findFirst().orElseThrow()
                        .value(TrainingRunAnalytics.RUNS),
                reports.dailyActivity(EPOCH).stream().mapToLong(r -> r.value(TrainingRunAnalytics.RUNS)).sum(),
                reports.gpuHoursSeries().stream().map(p -> p.row().runId()).toList(),
                reports.gpuCostByFramework(RATE).stream().filter(c -> c.key() == framework).findFirst()
                        .map(CostRow::hours).orElse(BigDecimal.ZERO));
    }

    @Test
    void reportsLeaveOutArchivedRuns() {
        rolledBack(ctx -> {
            TrainingRunsRecord run = ctx.selectFrom(TRAINING_RUNS)
                    .where(TRAINING_RUNS.ARCHIVED_AT.isNull())
                    .and(TRAINING_RUNS.STATUS.eq(RunStatus.SUCCEEDED))
                    .and(TRAINING_RUNS.ACCURACY.isNotNull())
                    .and(TRAINING_RUNS.GPU_HOURS.gt(BigDecimal.ZERO))
                    .and(TRAINING_RUNS.CREATED_AT.gt(EPOCH))
                    .orderBy(TRAINING_RUNS.RUN_ID).limit(1).fetchSingle();
            Snapshot before = reports(ctx, run.getFramework());
            assertThat(before.leaderboard()).contains(run.getRunId());
            assertThat(before.ranking()).contains(run.getRunId());
            assertThat(before.series()).contains(run.getRunId());

            ctx.update(TRAINING_RUNS).set(TRAINING_RUNS.ARCHIVED_AT, DSL.currentOffsetDateTime())
                    .where(TRAINING_RUNS.RUN_ID.eq(run.getRunId())).execute();

            Snapshot after = reports(ctx, run.getFramework());
            assertThat(after.leaderboard()).doesNotContain(run.getRunId());
            assertThat(after.ranking()).doesNotContain(run.getRunId());
            assertThat(after.series()).doesNotContain(run.getRunId());
            assertThat(after.rollupTotal()).isEqualTo(before.rollupTotal() - 1);
            assertThat(after.dailyTotal()).isEqualTo(before.dailyTotal() - 1);
            assertThat(after.frameworkHours()).isEqualByComparingTo(before.frameworkHours().subtract(run.getGpuHours()));
        });
    }
}
