package org.mlregistry.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.error.UnsupportedIsolationLevelException;
import org.mlregistry.testing.SyntheticRuns;

/**
 * claimNext right after a bulk import, and inside a caller's REPEATABLE READ transaction.
 *
 * <p>Before this fix, 200,000 queued runs COPY-imported into a table last analyzed when small
 * made the planner estimate one queued run of the target: it chose the plain compute_target index
 * and sorted every run of the target (215 ms per claim) instead of the first entry of the partial
 * claim index (0.1 ms), until autovacuum analyzed the table. A bulk import of at least
 * {@link Runs#ANALYZE_THRESHOLD} runs now ANALYZEs the table once it committed.
 */
class ClaimAfterBulkImportTest extends TrackingTestSupport {

    private static final int IMPORTED = 30_000;

    @Test
    void aClaimRightAfterABulkImportReadsTheFirstEntryOfTheClaimIndex() {
        DataSource ds = freshMigratedDatabase();
        DSLContext ctx = DSL.using(ds, SQLDialect.POSTGRES);
        Runs runs = Registry.configure().dataSource(ds).load().runs();
        // a service that ran a while: a few thousand finished runs, analyzed, and no queued run of gpu-1
        runs.csv().importFrom(SyntheticRuns.of(2_000, 7).experimentPrefix("warm-").csvStream(), SyntheticRuns.COLUMNS);
        ctx.execute("ANALYZE tracking.training_runs");

        long imported = runs.csv().importFrom(new ByteArrayInputStream(queuedCsv().getBytes(StandardCharsets.UTF_8)), COLUMNS);

        assertThat(imported).isEqualTo(IMPORTED);
        String plan = ctx.transactionResult(c -> {
            String claim = c.dsl().renderInlined(RunStatements.claim(c.dsl(), "gpu-1"));
            return String.join("\n", c.dsl().fetch("EXPLAIN " + claim).getValues(0, String.class));
        });
        assertThat(plan).contains("idx_training_runs_claim").doesNotContain("Sort");
        assertThat(runs.claimNext("gpu-1")).get().extracting(Run::experimentName).isEqualTo("bulk-1");
    }

    private static final List<String> COLUMNS = List.of("model_name", "framework", "experiment_name", "dataset",
            "compute_target", "status", "parameters", "created_at");

    private static String queuedCsv() {
        StringBuilder csv = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (int i = 0; i < IMPORTED; i++) {
            csv.append("m-").append(i % 50).append(",pytorch,bulk-").append(i).append(",ds,gpu-").append(i % 4)
                    .append(",queued,{},").append(java.time.Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i)).append('\n');
        }
        return csv.toString();
    }

    @Test
    void claimNextInsideARepeatableReadTransactionIsRefusedBeforeItReadsAnything() throws Exception {
        DataSource ds = freshMigratedDatabase();
        Registry other = Registry.configure().dataSource(ds).load();
        UUID queued = other.runs().submit(newRun("m-rr")).runId();
        try (Connection c = ds.getConnection()) {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            DSL.using(c, SQLDialect.POSTGRES).transaction(cfg -> {
                Registry rr = Registry.configure().dsl(cfg.dsl()).load();
                assertThat(rr.runs().get(queued).status().getLiteral()).isEqualTo("queued"); // the snapshot
                other.runs().start(queued); // a concurrent change that a claim in this snapshot would trip over (40001)
                UnsupportedIsolationLevelException refused = catchThrowableOfType(UnsupportedIsolationLevelException.class,
                        () -> rr.runs().leases().claimNext("target-api", Lease.of("w", java.time.Duration.ofMinutes(1))));
                assertThat(refused.isolationLevel()).isEqualTo("repeatable read");
                assertThat(catchThrowableOfType(UnsupportedIsolationLevelException.class, () -> rr.runs().claimNext("target-api"))
                        .operation()).isEqualTo("claimNext");
            });
        }
    }
}
