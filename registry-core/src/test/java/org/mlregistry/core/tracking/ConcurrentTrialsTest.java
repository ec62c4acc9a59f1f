package org.mlregistry.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;

/** Trials added in separate, committed transactions: one sweep's trials get consecutive numbers. */
class ConcurrentTrialsTest extends TrackingTestSupport {

    private final String model = "sweep-concurrent-" + UUID.randomUUID().toString().substring(0, 8);
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    private static Runs committed() {
        return Registry.configure().dataSource(dataSource()).load().runs();
    }

    @AfterEach
    void cleanUp() {
        pool.shutdownNow();
        db().execute("DELETE FROM tracking.sweeps WHERE model_name = ?", model);
        db().execute("DELETE FROM tracking.training_runs WHERE model_name = ?", model);
    }

    /** Waits until a session of this database waits for a lock in a statement on tracking.sweeps. */
    private static boolean someoneWaitsForTheSweepsRow() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (db().fetchOne("""
                    SELECT count(*) FROM pg_stat_activity
                     WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%"tracking"."sweeps"%'
                    """).get(0, Long.class) > 0) {
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    @Test
    void aSecondTrialWaitsForTheFirstAndTakesTheNextNumber() throws Exception {
        Sweep sweep = committed().sweeps().start(SweepsTest.sweep("concurrent-wait", model).experiment("exp-" + model).build());
        CountDownLatch firstAdded = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Trial> first = pool.submit(() -> db().transactionResult(c -> {
            Trial t = Registry.configure().dsl(c.dsl()).load().runs().sweeps().addTrial(sweep.sweepId(), "{\"lr\": 0.1}");
            firstAdded.countDown();
            release.await(20, TimeUnit.SECONDS);
            return t; // commits on return
        }));
        assertThat(firstAdded.await(20, TimeUnit.SECONDS)).isTrue();
        Future<Trial> second = pool.submit(() -> committed().sweeps().addTrial(sweep.sweepId(), "{\"lr\": 0.01}"));

        assertThat(someoneWaitsForTheSweepsRow()).as("the second trial waits for the sweep's row").isTrue();
        assertThat(second.isDone()).isFalse();
        release.countDown();

        assertThat(first.get(20, TimeUnit.SECONDS).number()).isEqualTo(1);
        assertThat(second.get(20, TimeUnit.SECONDS).number()).isEqualTo(2);
        assertThat(committed().sweeps().trials(sweep.sweepId())).extracting(Trial::number).containsExactly(1, 2);
    }

    @Test
    void simultaneousTrialsGetDistinctConsecutiveNumbers() throws Exception {
        Sweep sweep = committed().sweeps().start(SweepsTest.sweep("concurrent-race", model).experiment("exp-" + model).build());
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<Trial>> trials = List.of(
                pool.submit(() -> {
                    start.await();
                    return committed().sweeps().addTrial(sweep.sweepId(), "{\"lr\": 0.1}");
                }),
                pool.submit(() -> {
                    start.await();
                    return committed().sweeps().addTrial(sweep.sweepId(), "{\"lr\": 0.2}");
                }));

        assertThat(List.of(trials.get(0).get(20, TimeUnit.SECONDS).number(), trials.get(1).get(20, TimeUnit.SECONDS).number()))
                .containsExactlyInAnyOrder(1, 2);
    }
}
