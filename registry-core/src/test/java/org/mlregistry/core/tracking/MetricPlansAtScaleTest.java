package org.mlregistry.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlregistry.core.tracking.RunFilter.hasTag;
import static org.mlregistry.core.tracking.RunFilter.metric;
import static org.mlregistry.core.tracking.RunFilter.tag;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mlregistry.core.Registry;
import org.mlregistry.testing.SyntheticRuns;

/**
 * At 200,000 runs ({@link SyntheticRuns}) and 2,000,000 metric points over three monthly
 * partitions, ANALYZEd, every selective metric and tag read is planned with an index: one run's
 * history on its (run_id, metric, step) index, a time-bounded read on its month's partition only,
 * a metric filter on run_metric_latest's (metric, value, run_id) index, a tag filter on run_tags'
 * (key, value, run_id) index. The plans are read from EXPLAIN of the statements as the API sends them.
 */
@Tag("scale")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricPlansAtScaleTest extends TrackingTestSupport {

    private static final int RUNS = 200_000;
    /** 2,000 runs × 10 metrics × 100 steps. */
    private static final int HISTORY_RUNS = 2_000;
    /** Points are logged over three months, January to March 2026, one partition each. */
    private static final OffsetDateTime JANUARY = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private DSLContext ctx;
    private Runs runs;
    private UUID someRun;

    @BeforeAll
    void load() {
        DataSource ds = freshMigratedDatabase();
        ctx = DSL.using(ds, SQLDialect.POSTGRES);
        runs = Registry.configure().dataSource(ds).load().runs();
        assertThat(runs.csv().importFrom(SyntheticRuns.of(RUNS, 0).csvStream(), SyntheticRuns.COLUMNS)).isEqualTo(RUNS);
        runs.metrics().partitions().ensure(JANUARY, JANUARY.plusMonths(2));
        // step s of 0..99 is logged on day s × 0.89 (January 1st to March 29th)
        ctx.execute("""
                INSERT INTO tracking.metric_points (run_id, metric, step, logged_at, value)
                SELECT r.run_id, 'metric_' || m, s, ?::timestamptz + s * interval '1 day' * 0.89, 1.0 / (1 + s) + m
                  FROM (SELECT run_id FROM tracking.training_runs ORDER BY run_id LIMIT ?) r,
                       generate_series(0, 9) m, generate_series(0, 99) s
                """, JANUARY, HISTORY_RUNS);
        ctx.execute("""
                INSERT INTO tracking.run_metric_latest (run_id, metric, step, value, logged_at)
                SELECT run_id, 'val_loss', 100, ('x' || substr(md5(run_id::text), 1, 8))::bit(32)::bigint / 4294967296.0,
                       created_at FROM tracking.training_runs
                """);
        // team-0 … team-999 on every run (200 runs each); 0.1% of runs have a priority tag, as
        // selective as the metric filter below. (At 1% of the runs, an unpaged read of all matches
        // is planned as a hash join over a sequential scan of training_runs: cheaper than 2,000
        // probes of its primary key, not a missing index.)
        ctx.execute("""
                INSERT INTO tracking.run_tags (run_id, key, value)
                SELECT run_id, 'team', 'team-' || (abs(hashtext(run_id::text)) % 1000) FROM tracking.training_runs
                UNION ALL
                SELECT run_id, 'priority', 'high' FROM tracking.training_runs WHERE abs(hashtext(run_id::text)) % 1000 = 42
                """);
        ctx.execute("ANALYZE tracking.training_runs");
        ctx.execute("ANALYZE tracking.metric_points");
        ctx.execute("ANALYZE tracking.run_metric_latest");
        ctx.execute("ANALYZE tracking.run_tags");
        someRun = ctx.fetchSingle("SELECT run_id FROM tracking.training_runs ORDER BY run_id OFFSET 1000 LIMIT 1").get(0, UUID.class);
        assertThat(ctx.fetchCount(DSL.table("tracking.metric_points"))).isEqualTo(HISTORY_RUNS * 10 * 100);
    }

    private String plan(String what, Query query) {
        String plan = ctx.explain(query).plan();
        System.out.println("-- " + what + "\n" + plan);
        return plan;
    }

    @Test
    void oneRunsHistoryIsReadThroughTheRunMetricStepIndexOfEachPartition() {
        String plan = plan("history", runs.metrics().historySelect(someRun, "metric_3", null, null));

        assertThat(plan).doesNotContain("Seq Scan").containsPattern("Index (Only )?Scan using metric_points_2026_0[1-3]_run_id_metric_step_idx");
        assertThat(runs.metrics().history(someRun, "metric_3")).hasSize(100);
    }

    @Test
    void downsamplingReadsThroughTheSameIndex() {
        String plan = plan("downsample", MetricReads.downsample(ctx, someRun, "metric_3", 20));

        assertThat(plan).doesNotContain("Seq Scan").contains("run_id_metric_step_idx");
    }

    @Test
    void aTimeBoundedReadScansOnlyItsMonthsPartition() {
        OffsetDateTime february = JANUARY.plusMonths(1);
        String plan = plan("history in February",
                runs.metrics().historySelect(someRun, "metric_3", february, february.plusMonths(1)));

        assertThat(partitionsIn(plan)).containsExactly("metric_points_2026_02");
        assertThat(partitionsIn(plan("history, unbounded", runs.metrics().historySelect(someRun, "metric_3", null, null))))
                .containsExactlyInAnyOrder("metric_points_2026_01", "metric_points_2026_02", "metric_points_2026_03");
        assertThat(plan).doesNotContain("Seq Scan");
    }

    private static List<String> partitionsIn(String plan) {
        Matcher m = Pattern.compile(" on (metric_points_\\d{4}_\\d{2})").matcher(plan);
        return m.results().map(r -> r.group(1)).distinct().toList();
    }

    @Test
    void aMetricFilterUsesTheLatestTablesSearchIndex() {
        RunFilter best = metric("val_loss").lt(0.001); // about 200 of 200,000 runs

        String unordered = plan("metric filter", runs.where(best).asSelect());
        String byValue = plan("metric filter by value, page of 50",
                runs.where(best).orderBy(RunOrder.asc(SortKey.metric("val_loss"))).pageSize(50).asSelect());

        for (String plan : List.of(unordered, byValue)) {
            assertThat(plan).contains("idx_run_metric_latest_search").doesNotContain("Seq Scan");
        }
        assertThat(runs.where(best).count()).isEqualTo(
                ctx.fetchSingle("SELECT count(*) FROM tracking.run_metric_latest WHERE metric = 'val_loss' AND value < 0.001").get(0, Long.class));
    }

    @Test
    void tagFiltersUseTheRunTagsKeyValueIndex() {
        String byValue = plan("tag team = team-7", runs.where(tag("team").eq("team-7")).asSelect());
        String byKey = plan("has tag priority", runs.where(hasTag("priority")).asSelect());

        for (String plan : List.of(byValue, byKey)) {
            assertThat(plan).contains("idx_run_tags_key_value").doesNotContain("Seq Scan");
        }
        assertThat(runs.where(tag("team").eq("team-7")).count()).isEqualTo(
                ctx.fetchSingle("SELECT count(*) FROM tracking.run_tags WHERE key = 'team' AND value = 'team-7'").get(0, Long.class));
    }
}
