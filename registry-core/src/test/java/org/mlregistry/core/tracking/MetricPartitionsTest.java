package org.mlregistry.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

class MetricPartitionsTest extends MetricTestSupport {

    private static final OffsetDateTime JAN = OffsetDateTime.parse("2025-01-20T08:00:00Z");
    private static final OffsetDateTime FEB = OffsetDateTime.parse("2025-02-20T08:00:00Z");

    @Test
    void ensureCreatesEachMonthOnceAndListsThem() {
        withRollback(registry -> {
            MetricPartitions partitions = registry.runs().metrics().partitions();
            int before = partitions.list().size();
            assertThat(partitions.ensure(JAN, MARCH)).isEqualTo(3);
            assertThat(partitions.ensure(JAN, MARCH)).isZero();
            assertThat(partitions.list()).hasSize(before + 3).contains(
                    new MetricPartition("metric_points_2025_01", OffsetDateTime.parse("2025-01-01T00:00Z"), OffsetDateTime.parse("2025-02-01T00:00Z")),
                    new MetricPartition("metric_points_2025_03", OffsetDateTime.parse("2025-03-01T00:00Z"), OffsetDateTime.parse("2025-04-01T00:00Z")));
            return null;
        });
    }

    @Test
    void retentionDropsOnlyWholeOldPartitionsAndKeepsNewerPoints() {
        withRollback(registry -> {
            UUID run = newRun(registry, "metric-retention");
            registry.runs().metrics().logAll(List.of(new MetricPoint(run, "loss", 1, JAN, 0.9),
                    new MetricPoint(run, "loss", 2, FEB, 0.8), new MetricPoint(run, "loss", 3, MARCH, 0.7)));

            // mid-February: January lies wholly before it, February does not
            List<String> dropped = registry.runs().metrics().partitions().dropBefore(OffsetDateTime.parse("2025-02-15T00:00:00Z"));

            assertThat(dropped).containsExactly("metric_points_2025_01");
            assertThat(registry.runs().metrics().history(run, "loss")).extracting(MetricPoint::step).containsExactly(2L, 3L);
            assertThat(registry.runs().metrics().partitions().list()).extracting(MetricPartition::name)
                    .doesNotContain("metric_points_2025_01").contains("metric_points_2025_02", "metric_points_2025_03");
            assertThat(registry.dsl().fetchSingle("SELECT to_regclass('tracking.metric_points_2025_01') IS NULL").get(0, Boolean.class)).isTrue();
            assertThat(registry.runs().metrics().latest(run, "loss")).get().extracting(MetricPoint::step).isEqualTo(3L);
            // a point for a dropped month comes back with its partition
            registry.runs().metrics().log(new MetricPoint(run, "loss", 0, JAN, 1.0));
            assertThat(registry.runs().metrics().history(run, "loss")).extracting(MetricPoint::step).containsExactly(0L, 2L, 3L);
            return null;
        });
    }

    @Test
    void aTimeBoundedReadScansOnlyItsMonthsAndOneRunsHistoryUsesTheIndex() {
        withRollback(registry -> {
            UUID[] runs = LongStream.range(0, 20).mapToObj(i -> newRun(registry, "metric-plan-" + i)).toArray(UUID[]::new);
            registry.runs().metrics().copy(LongStream.range(0, 30_000).mapToObj(i -> new MetricPoint(runs[(int) (i % 20)],
                    i % 3 == 0 ? "val_loss" : "train_loss", i / 20, (i % 3 == 0 ? JAN : i % 3 == 1 ? FEB : MARCH).plusSeconds(i), 1.0 / (i + 1))));
            DSLContext ctx = registry.dsl();
            ctx.execute("ANALYZE tracking.metric_points");
            RunMetrics metrics = registry.runs().metrics();

            String bounded = ctx.explain(metrics.historySelect(runs[3], "train_loss", FEB.minusDays(1), FEB.plusDays(1))).plan();
            assertThat(bounded).contains("metric_points_2025_02").doesNotContain("metric_points_2025_01").doesNotContain("metric_points_2025_03");

            String history = ctx.explain(metrics.historySelect(runs[3], "val_loss", null, null)).plan();
            assertThat(history).containsPattern("Index Scan using metric_points_2025_\\d\\d_run_id_metric_step_idx")
                    .doesNotContain("Seq Scan");
            return null;
        });
    }
}
