package org.mlregistry.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.mlregistry.examples.bench.MetricBenchmark.Options;
import org.mlregistry.examples.bench.MetricBenchmark.Report;
import org.mlregistry.examples.bench.TrackingBenchmark.OperationResult;
import org.mlregistry.schema.DatabaseTest;
import org.mlregistry.schema.TestDatabase;

/** Smoke test of the metric benchmark with tiny numbers on a fresh database; it asserts results, never times. */
class MetricBenchmarkTest extends DatabaseTest {

    @Test
    void ingestsByBothPathsAndComparesEveryRead() {
        // 20 runs x 5 metrics x 200 steps; two rounds, so both orders of the sides run
        Options options = Options.parse("--runs", "3000", "--points", "20000", "--ingest-runs", "20", "--metrics", "5",
                "--ingest-repeats", "2", "--logall-points", "2500", "--history-points", "5000", "--below", "0.5",
                "--iterations", "5", "--warmup", "2");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        DataSource database = TestDatabase.freshDatabase();

        Report report = MetricBenchmark.run(database, options, out);
        MetricBenchmark.print(report, options, out);

        assertThat(report.runs()).isEqualTo(3000);
        assertThat(report.ingest().points()).isEqualTo(20_000);
        assertThat(report.ingest().logAllPoints()).isEqualTo(2500);
        assertThat(report.ingest().latestRows()).isEqualTo(20 * 5);
        // what the database holds afterwards: the library's last ingest and the downsampled history
        DSLContext ctx = DSL.using(database, SQLDialect.POSTGRES);
        assertThat(ctx.fetchSingle("SELECT count(*) FROM tracking.metric_points WHERE metric LIKE 'ingest_%'").get(0, Long.class))
                .isEqualTo(20_000L);
        assertThat(ctx.fetchSingle("SELECT count(*) FROM tracking.metric_points WHERE metric = 'val_curve'").get(0, Long.class))
                .isEqualTo(5000L);
        assertThat(ctx.fetch("SELECT DISTINCT step FROM tracking.run_metric_latest WHERE metric LIKE 'ingest_%'")
                .getValues(0, Long.class)).containsExactly(199L);
        assertThat(ctx.fetchSingle("SELECT count(*) FROM tracking.run_metric_latest WHERE metric = 'val_loss'").get(0, Long.class))
                .isEqualTo(3000L);

        assertThat(report.operations()).extracting(OperationResult::operation).containsExactly("downsample 200 buckets",
                "val_loss < x (page of 50, newest)", "val_loss < x by val_loss, page 3", "all runs by val_loss, page 3");
        assertThat(report.operations()).extracting(OperationResult::rounds).containsOnly(5);
        // both sides were checked to find the same rows
        assertThat(report.operations()).extracting(OperationResult::rows).containsExactly(200L, 50L, 50L, 50L);

        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("ingest path", "points/s", "library copy(Stream)", "raw CopyManager COPY",
                "library logAll, batches of 1,000", "target >= 0.8", "operation", "library median µs", "JDBC median µs",
                "ratio");
    }

    @Test
    void optionsOverrideTheDefaultsAndRefuseWhatTheyDoNotKnow() {
        Options options = Options.parse("--points", "2_000_000", "--below", "0.1");

        assertThat(options.points()).isEqualTo(2_000_000);
        assertThat(options.below()).isEqualTo(0.1);
        assertThat(options.runs()).isEqualTo(1_000_000);
        assertThat(Options.defaults().points()).isEqualTo(10_000_000);
        assertThatThrownBy(() -> Options.parse("--bogus", "1")).hasMessage("unknown option --bogus");
        assertThatThrownBy(() -> Options.parse("--points", "0")).hasMessage("--points must be at least 1, got 0");
    }
}
