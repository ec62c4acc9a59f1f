package org.mlregistry.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.mlregistry.examples.bench.ReplicaBenchmark.Batch;
import org.mlregistry.examples.bench.ReplicaBenchmark.Options;
import org.mlregistry.examples.bench.ReplicaBenchmark.Result;
import org.mlregistry.testing.database.StandbyPair;

/**
 * Smoke test of the replica benchmark with tiny numbers on a fresh primary and standby: it asserts
 * where the reads ran and what they saw, never times.
 */
class ReplicaBenchmarkTest {

    @Test
    void routedReadsRunOnTheStandbyAndEveryReadSeesItsOwnWrite() {
        Options options = Options.parse("--runs", "3000", "--threads", "2,3", "--operations", "60", "--rounds", "2",
                "--warmup", "12", "--writes", "20");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

        Result result;
        long standbyRuns;
        boolean standbyInRecovery;
        try (StandbyPair pair = StandbyPair.start()) {
            result = ReplicaBenchmark.run(pair, options, out);
            pair.awaitReplay();
            var standby = DSL.using(pair.standby(), SQLDialect.POSTGRES);
            standbyRuns = standby.fetchSingle("SELECT count(*) FROM tracking.training_runs").get(0, Long.class);
            standbyInRecovery = standby.fetchSingle("SELECT pg_is_in_recovery()").get(0, Boolean.class);
        }

        assertThat(standbyInRecovery).isTrue();
        // the load and the 20 read-your-writes submits, replayed on the standby
        assertThat(standbyRuns).isEqualTo(3000 + 20);
        // 2 rounds x 2 thread counts x both sides
        assertThat(result.batches()).hasSize(8);
        assertThat(result.batches()).allSatisfy(batch -> assertThat(batch.operations()).isEqualTo(60));
        // all on the primary: every read took a primary connection and none touched the standby
        assertThat(result.batches()).filteredOn(batch -> !batch.onReplica()).allSatisfy(batch -> {
            assertThat(batch.standbyConnections()).isZero();
            assertThat(batch.primaryConnections()).isGreaterThanOrEqualTo(60);
        });
        // routed: every read on the standby, none fell back (no writes meanwhile, the standby caught up)
        assertThat(result.batches()).filteredOn(Batch::onReplica).allSatisfy(batch -> {
            assertThat(batch.primaryConnections()).isZero();
            assertThat(batch.standbyConnections()).isGreaterThanOrEqualTo(60);
        });
        // six reads, each having returned the same rows on both servers before timing
        assertThat(result.reads()).hasSize(6);
        assertThat(result.writes().writes()).isEqualTo(20);
        assertThat(result.writes().stale()).isZero();
        assertThat(result.writes().servedByReplica() + result.writes().fallbacks()).isEqualTo(20);
        assertThat(result.writes().servedByReplica()).isPositive();
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("all on primary, ops/s", "routed to replica, ops/s",
                "read-your-writes: 20 ×", "cannot add CPU");
    }
}
