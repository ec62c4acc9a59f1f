package org.mlregistry.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.schema.types.RunStatus;

class ClaimNextTest extends TrackingTestSupport {

    @Test
    void claimsTheOldestQueuedRunOfTheTarget() {
        withRollback(r -> {
            OffsetDateTime now = OffsetDateTime.now();
            UUID newer = insertRun(r.dsl(), "claim-newer", "claim-target", RunStatus.QUEUED, now.minusMinutes(5));
            UUID oldest = insertRun(r.dsl(), "claim-oldest", "claim-target", RunStatus.QUEUED, now.minusMinutes(30));
            insertRun(r.dsl(), "claim-other", "other-target", RunStatus.QUEUED, now.minusDays(3));
            insertRun(r.dsl(), "claim-running", "claim-target", RunStatus.RUNNING, now.minusDays(3));

            Run first = r.runs().claimNext("claim-target").orElseThrow();
            assertThat(first.runId()).isEqualTo(oldest);
            assertThat(first.status()).isEqualTo(RunStatus.RUNNING);
            assertThat(first.startedAt()).isNotNull();
            assertThat(r.runs().claimNext("claim-target").orElseThrow().runId()).isEqualTo(newer);
            assertThat(r.runs().claimNext("claim-target")).isEmpty();
            assertThat(r.runs().claimNext("no-such-target")).isEmpty();
            return null;
        });
    }

    @Test
    void archivedRunsAreNeverClaimed() {
        withRollback(r -> {
            OffsetDateTime now = OffsetDateTime.now();
            UUID archived = insertRun(r.dsl(), "claim-archived", "archive-target", RunStatus.QUEUED, now.minusHours(2));
            UUID live = insertRun(r.dsl(), "claim-live", "archive-target", RunStatus.QUEUED, now.minusHours(1));
            assertThat(r.runs().where(RunFilter.runId().eq(archived)).bulk().preview(1).archive()).isEqualTo(1);
            assertThat(r.runs().claimNext("archive-target")).get().extracting(Run::runId).isEqualTo(live);
            assertThat(r.runs().claimNext("archive-target")).isEmpty();
            assertThat(r.runs().get(archived).status()).isEqualTo(RunStatus.QUEUED);
            return null;
        });
    }

    @Test
    void eightWorkersClaimEveryOneOf2000RunsExactlyOnce() throws Exception {
        DataSource ds = freshMigratedDatabase();
        DSLContext ctx = DSL.using(ds, SQLDialect.POSTGRES);
        ctx.execute("""
                INSERT INTO tracking.training_runs (model_name, framework, experiment_name, dataset, compute_target, status, created_at)
                SELECT 'm-' || i, 'pytorch', 'e', 'd', 'gpu-pool', 'queued', now() - i * interval '1 second'
                FROM generate_series(1, 2000) AS i""");
        insertRun(ctx, "elsewhere", "cpu-pool", RunStatus.QUEUED, OffsetDateTime.now().minusDays(1));
        Set<UUID> queued = new HashSet<>(ctx.select(TRAINING_RUNS.RUN_ID).from(TRAINING_RUNS)
                .where(TRAINING_RUNS.COMPUTE_TARGET.eq("gpu-pool")).fetch(TRAINING_RUNS.RUN_ID));
        assertThat(queued).hasSize(2000);

        List<UUID> claimed = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> workers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            workers.add(pool.submit(() -> {
                // like a real worker: one connection of its own, each claim its own transaction
                try (java.sql.Connection connection = ds.getConnection()) {
                    Runs runs = Registry.configure().dsl(DSL.using(connection, SQLDialect.POSTGRES)).load().runs();
                    start.await();
                    int mine = 0;
                    for (Optional<Run> next = runs.claimNext("gpu-pool"); next.isPresent(); next = runs.claimNext("gpu-pool")) {
                        assertThat(next.get().status()).isEqualTo(RunStatus.RUNNING);
                        claimed.add(next.get().runId());
                        mine++;
                    }
                    return mine;
                }
            }));
        }
        start.countDown();
        int total = 0;
        int busyWorkers = 0;
        for (Future<Integer> f : workers) {
            int n = f.get();
            total += n;
            busyWorkers += n > 0 ? 1 : 0;
        }
        pool.shutdown();

        assertThat(total).isEqualTo(2000);
        assertThat(claimed).hasSize(2000).doesNotHaveDuplicates();
        assertThat(new HashSet<>(claimed)).isEqualTo(queued);
        assertThat(busyWorkers).as("workers that claimed something").isGreaterThan(1);
        assertThat(ctx.fetchCount(TRAINING_RUNS, TRAINING_RUNS.STATUS.eq(RunStatus.QUEUED))).isEqualTo(1);
        assertThat(ctx.fetchCount(TRAINING_RUNS, TRAINING_RUNS.STATUS.eq(RunStatus.RUNNING))).isEqualTo(2000);
    }
}
