package org.mlregistry.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mlregistry.schema.jooq.tracking.tables.TrainingRuns.TRAINING_RUNS;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.tracking.Run;
import org.mlregistry.schema.DatabaseTest;
import org.mlregistry.schema.jooq.registry.tables.ModelVersions;
import org.mlregistry.schema.types.Framework;

class SeriesTest extends DatabaseTest {

    private final Analytics analytics = Registry.configure().dataSource(dataSource()).load().analytics();

    private static BigDecimal round(BigDecimal value) {
        return value == null ? null : value.setScale(6, RoundingMode.HALF_UP);
    }

    @Test
    void runningTotalMovingAverageAndLagMatchHandWrittenSql() {
        List<SeriesPoint<OffsetDateTime, Run>> points = analytics.trainingRuns().gpuHoursSeries();
        List<List<Object>> expected = Jdbc.rows(dataSource(), """
            SELECT run_id, gpu_hours,
                   round(SUM(gpu_hours) OVER w_all, 6),
                   round(AVG(gpu_hours) OVER (ORDER BY created_at, run_id ROWS BETWEEN 4 PRECEDING AND CURRENT ROW), 6),
                   LAG(gpu_hours) OVER w, LEAD(gpu_hours) OVER w, gpu_hours - LAG(gpu_hours) OVER w
            FROM tracking.training_runs
            WHERE gpu_hours > 0
            WINDOW w AS (ORDER BY created_at, run_id),
                   w_all AS (ORDER BY created_at, run_id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
            ORDER BY created_at, run_id""");
        assertThat(expected).hasSizeGreaterThan(5);
        assertThat(points).hasSize(expected.size());
        for (int i = 0; i < points.size(); i++) {
            SeriesPoint<OffsetDateTime, Run> p = points.get(i);
            List<Object> e = expected.get(i);
            assertThat(p.row().runId()).isEqualTo(e.get(0));
            assertThat(p.at()).isEqualTo(p.row().createdAt());
            assertThat(p.value()).isEqualByComparingTo((BigDecimal) e.get(1));
            assertThat(round(p.runningTotal())).isEqualByComparingTo((BigDecimal) e.get(2));
            assertThat(round(p.movingAverage())).isEqualByComparingTo((BigDecimal) e.get(3));
            if (e.get(4) == null) {
                assertThat(p.previous()).isNull();
            } else {
                assertThat(p.previous()).isEqualByComparingTo((BigDecimal) e.get(4));
            }
            if (e.get(6) == null) {
                assertThat(p.delta()).isNull();
            } else {
                assertThat(p.delta()).isEqualByComparingTo((BigDecimal) e.get(6));
            }
            if (e.get(5) == null) {
                assertThat(p.next()).isNull();
            } else {
                assertThat(p.next()).isEqualByComparingTo((BigDecimal) e.get(5));
            }
        }
        // the last running total is the sum of all GPU hours
        BigDecimal total = (BigDecimal) Jdbc.rows(dataSource(), "SELECT sum(gpu_hours) FROM tracking.training_runs").get(0).get(0);
        assertThat(points.get(points.size() - 1).runningTotal()).isEqualByComparingTo(total);
        assertThat(points.get(0).previous()).isNull();
        assertThat(points.get(0).delta()).isNull();
    }

    @Test
    void partitionedSeriesRestartsPerPartitionAndFrameIsChosen() {
        var points = analytics.series(TRAINING_RUNS)
            .partitionBy(TRAINING_RUNS.FRAMEWORK)
            .orderBy(TRAINING_RUNS.CREATED_AT, TRAINING_RUNS.RUN_ID)
            .value(TRAINING_RUNS.CPU_HOURS)
            .movingAverageOver(0)
            .fetch();
        assertThat(points).hasSize(20);
        // frame of the row alone: the moving average is the value itself
        assertThat(points).allSatisfy(p -> assertThat(p.movingAverage()).isEqualByComparingTo(p.value()));
        // pytorch's last running total is pytorch's CPU hours
        BigDecimal pytorch = (BigDecimal) Jdbc.rows(dataSource(),
            "SELECT sum(cpu_hours) FROM tracking.training_runs WHERE framework = 'pytorch'").get(0).get(0);
        var pytorchPoints = points.stream().filter(p -> p.row().getFramework() == Framework.PYTORCH).toList();
        assertThat(pytorchPoints).hasSize(10);
        assertThat(pytorchPoints.get(9).runningTotal()).isEqualByComparingTo(pytorch);
        assertThat(pytorchPoints.get(0).previous()).isNull();
        assertThatThrownBy(() -> analytics.series(TRAINING_RUNS).orderBy(TRAINING_RUNS.CREATED_AT)
            .value(TRAINING_RUNS.GPU_HOURS).movingAverageOver(-1)).isInstanceOf(InvalidValueException.class).hasFieldOrPropertyWithValue("field", "precedingRows");
    }

    @Test
    void dailyActivityUsesUtcDaysAndMatchesHandWrittenSql() {
        OffsetDateTime since = OffsetDateTime.now(ZoneOffset.UTC).minusDays(30);
        List<GroupRow> days = analytics.trainingRuns().dailyActivity(since);
        List<List<Object>> expected = Jdbc.rows(dataSource(), """
            SELECT (created_at AT TIME ZONE 'UTC')::date, count(*),
                   count(*) FILTER (WHERE status = 'succeeded'), count(*) FILTER (WHERE status = 'failed'), sum(gpu_hours)
            FROM tracking.training_runs WHERE created_at > now() - interval '30 days'
            GROUP BY 1 ORDER BY 1""");
        assertThat(expected).isNotEmpty();
        assertThat(days).hasSize(expected.size());
        long runs = 0;
        for (int i = 0; i < days.size(); i++) {
            GroupRow day = days.get(i);
            List<Object> e = expected.get(i);
            assertThat(day.valueOf(TrainingRunAnalytics.CREATED_DAY_UTC)).isEqualTo(((java.sql.Date) e.get(0)).toLocalDate());
            assertThat(day.value(TrainingRunAnalytics.RUNS)).isEqualTo(e.get(1));
            assertThat(day.value(TrainingRunAnalytics.SUCCEEDED)).isEqualTo(e.get(2));
            assertThat(day.value(TrainingRunAnalytics.FAILED)).isEqualTo(e.get(3));
            assertThat(day.value(TrainingRunAnalytics.TOTAL_GPU_HOURS)).isEqualByComparingTo((BigDecimal) e.get(4));
            runs += day.value(TrainingRunAnalytics.RUNS);
        }
        long expectedRuns = (Long) Jdbc.rows(dataSource(),
            "SELECT count(*) FROM tracking.training_runs WHERE created_at > now() - interval '30 days'").get(0).get(0);
        assertThat(runs).isEqualTo(expectedRuns);
    }

    @Test
    void dayBucketFollowsTheZoneNotTheSession() {
        // an instant late on 2026-01-01 UTC is already 2026-01-02 in Tokyo and still 2026-01-01 at -05:00
        OffsetDateTime instant = OffsetDateTime.parse("2026-01-01T20:30:00Z");
        var at = org.jooq.impl.DSL.val(instant);
        LocalDate utc = rolledBack(ctx -> {
            ctx.execute("SET LOCAL TimeZone = 'Asia/Tokyo'");
            return ctx.select(Buckets.dayUtc(at)).fetchOne(0, LocalDate.class);
        });
        assertThat(utc).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(db().select(Buckets.day(at, ZoneId.of("Asia/Tokyo"))).fetchOne(0, LocalDate.class)).isEqualTo(LocalDate.of(2026, 1, 2));
        assertThat(db().select(Buckets.day(org.jooq.impl.DSL.val(OffsetDateTime.parse("2026-01-02T02:00:00Z")), ZoneOffset.ofHours(-5)))
            .fetchOne(0, LocalDate.class)).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(db().select(Buckets.day(org.jooq.impl.DSL.val(OffsetDateTime.parse("2026-01-01T22:00:00Z")), ZoneOffset.ofHours(3)))
            .fetchOne(0, LocalDate.class)).isEqualTo(LocalDate.of(2026, 1, 2));
    }

    @Test
    void worksOnRegistryModelVersions() {
        ModelVersions mv = ModelVersions.MODEL_VERSIONS;
        var points = analytics.series(mv)
            .orderBy(mv.REGISTERED_AT, mv.VERSION_ID)
            .value(org.jooq.impl.DSL.inline(1))
            .fetch();
        long count = (Long) Jdbc.rows(dataSource(), "SELECT count(*) FROM registry.model_versions").get(0).get(0);
        assertThat(count).isPositive();
        assertThat(points).hasSize((int) count);
        for (int i = 0; i < points.size(); i++) {
            assertThat(points.get(i).runningTotal()).isEqualByComparingTo(BigDecimal.valueOf(i + 1));
            assertThat(points.get(i).at()).isEqualTo(points.get(i).row().getRegisteredAt());
        }
    }
}
