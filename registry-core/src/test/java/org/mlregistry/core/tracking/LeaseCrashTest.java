package org.mlregistry.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mlregistry.schema.jooq.tracking.Tables.RUN_LEASES;
import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.error.LeaseLostException;
import org.mlregistry.core.error.UnsupportedIsolationLevelException;
import org.mlregistry.schema.types.RunStatus;

/**
 * Workers and reapers on connections of their own, every step committed, on a fresh database:
 * a worker that dies is requeued, a claim whose commit the worker never learnt is found again,
 * concurrent reapers reap each run once.
 */
class LeaseCrashTest extends LeaseTestSupport {

    private static final Duration ONE_MINUTE = Duration.ofMinutes(1);

    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stopThreads() {
        pool.shutdownNow();
    }

    private static Leases leasesOn(Connection c) {
        return Registry.configure().dsl(DSL.using(c, SQLDialect.POSTGRES)).load().runs().leases();
    }

    /** Moves every live lease's expiry before now(), committed: expiry without waiting. */
    private static void expireAll(DSLContext ctx) {
        ctx.update(RUN_LEASES).set(RUN_LEASES.LEASE_EXPIRES_AT, DSL.field("now() - interval '1 second'", java.time.OffsetDateTime.class))
                .where(RUN_LEASES.ENDED_AT.isNull()).execute();
    }

    @Test
    void aWorkerThatDiesLosesItsRunToTheReaperAndASecondWorkerClaimsItAsAttemptTwo() throws Exception {
        DataSource ds = freshMigratedDatabase();
        DSLContext ctx = DSL.using(ds, SQLDialect.POSTGRES);
        Registry registry = Registry.configure().dataSource(ds).load();
        UUID runId = queue(registry, "gpu", 1).get(0).runId();

        // worker A claims on its own connection (the claim commits), then its process dies: the
        // connection closes and nobody heartbeats
        LeasedRun a;
        try (Connection c = ds.getConnection()) {
            a = leasesOn(c).claimNext("gpu", Lease.of("worker-a", ONE_MINUTE)).orElseThrow();
        }
        assertThat(a.run().runId()).isEqualTo(runId);
        assertThat(a.lease().attempt()).isEqualTo(1);

        // while A's lease is live the run is A's alone
        assertThat(registry.runs().leases().claimNext("gpu", Lease.of("worker-b", ONE_MINUTE))).isEmpty();
        assertThat(registry.runs().leases().reapExpired()).isEmpty();

        expireAll(ctx);
        List<ReapedRun> reaped = registry.runs().leases().reapExpired();

        assertThat(reaped).hasSize(1);
        assertThat(reaped.get(0).requeued()).isTrue();
        assertThat(reaped.get(0).owner()).isEqualTo("worker-a");
        assertThat(reaped.get(0).attempt()).isEqualTo(1);
        assertThat(ctx.fetchValue(TRAINING_RUNS.STATUS, TRAINING_RUNS.RUN_ID.eq(runId))).isEqualTo(RunStatus.QUEUED);

        LeasedRun b;
        try (Connection c = ds.getConnection()) {
            b = leasesOn(c).claimNext("gpu", Lease.of("worker-b", ONE_MINUTE)).orElseThrow();
        }
        assertThat(b.run().runId()).isEqualTo(runId);
        assertThat(b.lease().attempt()).isEqualTo(2);
        assertThat(b.lease().owner()).isEqualTo("worker-b");
        assertThat(b.resumed()).isFalse();
        // A, come back, learns from its heartbeat that the run is no longer its own
        assertThat(catchThrowableOfType(LeaseLostException.class,
                () -> registry.runs().leases().heartbeat(runId, "worker-a", ONE_MINUTE)).reason()).isEqualTo("held by 'worker-b'");
        assertThat(ctx.fetchCount(TRAINING_RUNS)).isEqualTo(1);
        assertThat(ctx.fetchCount(RUN_LEASES)).isEqualTo(1);
        assertThat(registry.runs().succeed(runId, Metrics.none().withAccuracy(0.9)).status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void aClaimWhoseCommitTheWorkerNeverLearntIsFoundByOwnedAndByClaimingAgain() throws Exception {
        DataSource ds = freshMigratedDatabase();
        Registry registry = Registry.configure().dataSource(ds).load();
        List<Run> queued = queue(registry, "gpu", 2);

        try (Connection c = ds.getConnection()) {
            // the claim commits, but the worker sees an error ("Cannot commit transaction") and drops the answer
            leasesOn(c).claimNext("gpu", Lease.of("worker-a", ONE_MINUTE));
        }

        List<LeasedRun> owned = registry.runs().leases().owned("worker-a");
        assertThat(owned).hasSize(1);
        UUID mine = owned.get(0).run().runId();
        assertThat(mine).isEqualTo(LeasesTest.RunOrderOfClaims.first(queued));
        LeasedRun again = registry.runs().leases().claimNext("gpu", Lease.of("worker-a", ONE_MINUTE)).orElseThrow();
        assertThat(again.run().runId()).isEqualTo(mine);
        assertThat(again.resumed()).isTrue();
        assertThat(again.lease().attempt()).isEqualTo(1);
        assertThat(DSL.using(ds, SQLDialect.POSTGRES).fetchCount(TRAINING_RUNS, TRAINING_RUNS.STATUS.eq(RunStatus.QUEUED))).isEqualTo(1);
    }

    @Test
    void aReaperSkipsTheLeasesAnotherReaperHoldsWithoutWaiting() throws Exception {
        DataSource ds = freshMigratedDatabase();
        Registry registry = Registry.configure().dataSource(ds).load();
        queue(registry, "gpu", 20);
        for (int i = 0; i < 20; i++) {
            registry.runs().leases().claimNext("gpu", Lease.of("worker-" + i, ONE_MINUTE)).orElseThrow();
        }
        expireAll(DSL.using(ds, SQLDialect.POSTGRES));

        CountDownLatch firstReaped = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        Future<List<ReapedRun>> first = pool.submit(() -> DSL.using(ds, SQLDialect.POSTGRES).transactionResult(cfg -> {
            List<ReapedRun> mine = Registry.configure().dsl(cfg.dsl()).load().runs().leases().reapExpired();
            firstReaped.countDown();
            assertThat(secondDone.await(20, TimeUnit.SECONDS)).isTrue();
            return mine; // commits on return, after the second reaper finished
        }));
        assertThat(firstReaped.await(20, TimeUnit.SECONDS)).isTrue();
        // the first reaper's transaction still holds its row locks: a waiting reaper would time out here
        Future<List<ReapedRun>> second = pool.submit(() -> registry.runs().leases().reapExpired());
        List<ReapedRun> secondReaped = second.get(20, TimeUnit.SECONDS);
        secondDone.countDown();

        assertThat(first.get(20, TimeUnit.SECONDS)).hasSize(20).allMatch(ReapedRun::requeued);
        assertThat(secondReaped).isEmpty();
        assertThat(registry.runs().leases().reapExpired()).isEmpty();
        assertThat(DSL.using(ds, SQLDialect.POSTGRES).fetchCount(TRAINING_RUNS, TRAINING_RUNS.STATUS.eq(RunStatus.QUEUED))).isEqualTo(20);
    }

    @Test
    void twoReapersAtOnceReapEachExpiredRunOnce() throws Exception {
        DataSource ds = freshMigratedDatabase();
        Registry registry = Registry.configure().dataSource(ds).load();
        DSLContext ctx = DSL.using(ds, SQLDialect.POSTGRES);
        queue(registry, "gpu", 100);
        for (int round = 1; round <= 3; round++) {
            for (int i = 0; i < 100; i++) {
                registry.runs().leases().claimNext("gpu", Lease.of("worker-" + i, ONE_MINUTE).withMaxAttempts(5)).orElseThrow();
            }
            expireAll(ctx);
            CyclicBarrier start = new CyclicBarrier(2);
            List<Future<List<ReapedRun>>> reapers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                reapers.add(pool.submit(() -> {
                    try (Connection c = ds.getConnection()) {
                        Leases leases = leasesOn(c);
                        start.await(20, TimeUnit.SECONDS);
                        return leases.reapExpired();
                    }
                }));
            }
            List<UUID> reaped = new ArrayList<>();
            for (Future<List<ReapedRun>> f : reapers) {
                f.get(30, TimeUnit.SECONDS).forEach(rr -> {
                    assertThat(rr.requeued()).isTrue();
                    reaped.add(rr.run().runId());
                });
            }
            assertThat(reaped).as("round " + round).hasSize(100).doesNotHaveDuplicates();
            assertThat(ctx.fetchCount(TRAINING_RUNS, TRAINING_RUNS.STATUS.eq(RunStatus.QUEUED))).isEqualTo(100);
            assertThat(ctx.fetchCount(RUN_LEASES, RUN_LEASES.ATTEMPT.eq(round).and(RUN_LEASES.END_REASON.eq("expired: requeued"))))
                    .isEqualTo(100);
        }
    }

    @Test
    void fourWorkersWithLeasesClaimEveryRunExactlyOnce() throws Exception {
        DataSource ds = freshMigratedDatabase();
        Registry registry = Registry.configure().dataSource(ds).load();
        Set<UUID> queued = new HashSet<>(queue(registry, "gpu", 400).stream().map(Run::runId).toList());
        List<UUID> claimed = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            String owner = "worker-" + w;
            workers.add(pool.submit(() -> {
                try (Connection c = ds.getConnection()) {
                    Runs runs = Registry.configure().dsl(DSL.using(c, SQLDialect.POSTGRES)).load().runs();
                    start.await();
                    int mine = 0;
                    for (Optional<LeasedRun> next = runs.leases().claimNext("gpu", Lease.of(owner, ONE_MINUTE)); next.isPresent();
                            next = runs.leases().claimNext("gpu", Lease.of(owner, ONE_MINUTE))) {
                        assertThat(next.get().resumed()).isFalse();
                        assertThat(next.get().lease().owner()).isEqualTo(owner);
                        claimed.add(next.get().run().runId());
                        runs.succeed(next.get().run().runId(), Metrics.none());
                        mine++;
                    }
                    return mine;
                }
            }));
        }
        start.countDown();
        int total = 0;
        for (Future<Integer> f : workers) {
            total += f.get(60, TimeUnit.SECONDS);
        }

        assertThat(total).isEqualTo(400);
        assertThat(claimed).hasSize(400).doesNotHaveDuplicates();
        assertThat(new HashSet<>(claimed)).isEqualTo(queued);
        DSLContext ctx = DSL.using(ds, SQLDialect.POSTGRES);
        assertThat(ctx.fetchCount(RUN_LEASES, RUN_LEASES.ATTEMPT.eq(1).and(RUN_LEASES.END_REASON.eq("finished: succeeded"))))
                .isEqualTo(400);
    }

    @Test
    void claimsAndReapsRefuseRepeatableReadAndSerializableTransactions() throws Exception {
        DataSource ds = freshMigratedDatabase();
        Registry registry = Registry.configure().dataSource(ds).load();
        UUID runId = queue(registry, "gpu", 1).get(0).runId();
        for (int level : new int[] {Connection.TRANSACTION_REPEATABLE_READ, Connection.TRANSACTION_SERIALIZABLE}) {
            try (Connection c = ds.getConnection()) {
                c.setTransactionIsolation(level);
                DSL.using(c, SQLDialect.POSTGRES).transaction(cfg -> {
                    Runs runs = Registry.configure().dsl(cfg.dsl()).load().runs();
                    String expected = level == Connection.TRANSACTION_SERIALIZABLE ? "serializable" : "repeatable read";
                    UnsupportedIsolationLevelException plain = catchThrowableOfType(UnsupportedIsolationLevelException.class,
                            () -> runs.claimNext("gpu"));
                    assertThat(plain.operation()).isEqualTo("claimNext");
                    assertThat(plain.isolationLevel()).isEqualTo(expected);
                    assertThat(plain.required()).isEqualTo("read committed");
                    assertThat(catchThrowableOfType(UnsupportedIsolationLevelException.class,
                            () -> runs.leases().claimNext("gpu", Lease.of("worker-a", ONE_MINUTE))).isolationLevel()).isEqualTo(expected);
                    assertThat(catchThrowableOfType(UnsupportedIsolationLevelException.class,
                            () -> runs.leases().reapExpired()).operation()).isEqualTo("reapExpired");
                });
            }
        }
        assertThat(registry.runs().get(runId).status()).isEqualTo(RunStatus.QUEUED);
        assertThat(DSL.using(ds, SQLDialect.POSTGRES).fetchCount(RUN_LEASES)).isZero();
        assertThat(registry.runs().claimNext("gpu")).get().extracting(Run::runId).isEqualTo(runId);
    }
}
