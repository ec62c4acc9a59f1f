package org.mlregistry.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.mlregistry.examples.bench.ScaleBenchmark.Options;
import org.mlregistry.examples.bench.ScaleBenchmark.Read;
import org.mlregistry.examples.bench.ScaleBenchmark.Step;
import org.mlregistry.schema.TestDatabase;

/** Smoke test of the scale benchmark with tiny numbers on a fresh database; it asserts rows and plans, never times. */
class ScaleBenchmarkTest {

    @Test
    void growsBothTablesAndShowsWhichPartitionsEachReadVisits() {
        Options options = Options.parse("--points", "2000,6000", "--audit", "500,1500", "--months", "3", "--runs", "20",
                "--metrics", "5", "--rounds", "3");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        DataSource database = TestDatabase.freshDatabase();

        List<Step> steps = ScaleBenchmark.run(database, options, out);

        DSLContext ctx = DSL.using(database, SQLDialect.POSTGRES);
        assertThat(ctx.fetchSingle("SELECT count(*) FROM tracking.metric_points").get(0, Long.class)).isEqualTo(6000L);
        assertThat(ctx.fetchSingle("SELECT count(*) FROM registry.audit_log").get(0, Long.class)).isEqualTo(1500L);
        assertThat(steps).extracting(Step::points).containsExactly(2000L, 6000L);
        Step last = steps.get(1);
        // 6000 points over 20 runs x 5 metrics: 60 steps of metric_3 for the run (the 11th created); 3 months of metric partitions,
        // audit: 3 months, the migration's next month and the default
        assertThat(last.reads()).extracting(Read::operation, Read::rows, Read::partitionsRead, Read::partitions).containsExactly(
                tuple("history(run, metric), whole", 60, 3, 3),
                tuple("history(run, metric, last month)", ctx.fetchSingle(
                        "SELECT count(*)::int FROM tracking.metric_points WHERE run_id = (SELECT run_id FROM tracking.training_runs "
                                + "WHERE experiment_name = 'scale-11') AND metric = 'metric_3' AND logged_at >= "
                                + "date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - interval '1 month' "
                                + "AND logged_at < date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'").get(0, Integer.class), 1, 3),
                tuple("latest(run, metric)", 0, 0, 3),
                tuple("audit between(one day), page of 50", ctx.fetchSingle(
                        "SELECT least(count(*), 50)::int FROM registry.audit_log, LATERAL (SELECT date_trunc('month', now() AT TIME ZONE 'UTC') "
                                + "AT TIME ZONE 'UTC' - interval '1 month' + interval '14 days' AS d) AS day "
                                + "WHERE occurred_at >= day.d AND occurred_at < day.d + interval '1 day'").get(0, Integer.class), 1, 5),
                tuple("audit byActor, page of 50", 30, 5, 5),
                tuple("audit ofModel, page of 50", 15, 5, 5));
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("6,000 metric points, 1,500 audit rows", "partitions",
                "scans in the plan", "median ms", "p99 ms");
    }
}
