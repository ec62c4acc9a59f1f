package org.mlregistry.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.mlregistry.examples.bench.TrackingBenchmark.OperationResult;
import org.mlregistry.examples.bench.TrackingBenchmark.Options;
import org.mlregistry.examples.bench.TrackingBenchmark.Report;
import org.mlregistry.schema.DatabaseTest;
import org.mlregistry.schema.TestDatabase;

/** Smoke test of the benchmark logic with tiny numbers on a fresh database; it asserts results, never times. */
class TrackingBenchmarkTest extends DatabaseTest {

    @Test
    void producesARowPerOperationAndTheImportComparison() {
        Options options = Options.parse("--runs", "2000", "--iterations", "5", "--warmup", "2", "--import-runs", "500",
                "--insert-runs", "100", "--import-repeats", "1", "--workers", "4", "--claim-runs", "40", "--claim-rounds", "1",
                "--registry-rounds", "3");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

        Report report = TrackingBenchmark.run(TestDatabase.freshDatabase(), options, out);
        TrackingBenchmark.print(report, options, out);

        assertThat(report.runs()).isEqualTo(2000);
        assertThat(report.operations()).extracting(OperationResult::operation).containsExactly(
                "claimNext (rolled back)", "get by id", "active jobs (page of 50)", "recent failures 7d (page of 50)",
                "top-3 accuracy per framework", "params @> lora_r 8 (page of 50)", "keyset page 3 (50, newest first)",
                "count failed 30d");
        assertThat(report.operations()).extracting(OperationResult::rounds).containsOnly(5);
        // what the operations found, by the data's skew (both sides were checked to find the same)
        assertThat(report.operations()).extracting(r -> r.operation() + "=" + r.rows()).contains(
                "claimNext (rolled back)=1", "get by id=1", "active jobs (page of 50)=40",
                "recent failures 7d (page of 50)=50", "top-3 accuracy per framework=18",
                "params @> lora_r 8 (page of 50)=20", "keyset page 3 (50, newest first)=50");
        assertThat(report.operations().get(7).rows()).isBetween(150L, 250L); // ~10% failed, all within 30 days

        assertThat(report.imports().rows()).isEqualTo(500);
        assertThat(report.imports().insertRows()).isEqualTo(100);

        // every queued run was claimed and finished once per side (the benchmark throws otherwise)
        assertThat(report.claims().workers()).isEqualTo(4);
        assertThat(report.claims().runsPerRound()).isEqualTo(40);
        // one statement, one round trip: a write of one statement has no BEGIN, timeout setup or COMMIT
        assertThat(report.operations()).extracting(r -> r.operation() + "=" + r.statementsAndRoundTrips())
                .contains("get by id=1/1", "keyset page 3 (50, newest first)=1/1");
        // in the caller's transaction the claim carries the timeouts: one statement, then the caller's ROLLBACK
        assertThat(report.operations()).extracting(r -> r.operation() + "=" + r.statementsAndRoundTrips())
                .contains("claimNext (rolled back)=1/2");
        assertThat(report.registryOperations()).extracting(r -> r.operation() + "=" + r.sent())
                .contains("register version=1/1");

        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("operation", "library median µs", "JDBC median µs", "ratio", "raw CopyManager COPY",
                "row-by-row INSERT", "target >= 0.8", "claims/s", "stmts/RT", "deploy (staging)", "promote (qa)");
    }

    @Test
    void optionsOverrideTheDefaultsAndRefuseWhatTheyDoNotKnow() {
        Options options = Options.parse("--runs", "1_000", "--seconds-per-operation", "2.5", "--user", "u");

        assertThat(options.runs()).isEqualTo(1000);
        assertThat(options.secondsPerOperation()).isEqualTo(2.5);
        assertThat(options.user()).isEqualTo("u");
        assertThat(options.iterations()).isEqualTo(Options.defaults().iterations());
        assertThatThrownBy(() -> Options.parse("--bogus", "1")).hasMessage("unknown option --bogus");
        assertThatThrownBy(() -> Options.parse("--runs")).hasMessage("missing value after --runs");
        assertThatThrownBy(() -> Options.parse("--runs", "0")).hasMessage("--runs must be at least 1, got 0");
    }
}
