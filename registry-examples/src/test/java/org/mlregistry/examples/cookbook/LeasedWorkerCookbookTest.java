package org.mlregistry.examples.cookbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.tracking.Lease;
import org.mlregistry.core.tracking.LeasedRun;
import org.mlregistry.core.tracking.Metrics;
import org.mlregistry.core.tracking.NewRun;
import org.mlregistry.core.tracking.ReapedRun;
import org.mlregistry.core.tracking.Run;
import org.mlregistry.schema.DatabaseTest;
import org.mlregistry.schema.jooq.tracking.Tables;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.RunStatus;

class LeasedWorkerCookbookTest extends DatabaseTest {

    /** What a killed process looks like to the loop: not an exception it handles. */
    private static final class Killed extends Error {
        Killed() {
            super("kill -9");
        }
    }

    @Test
    void aCrashedWorkersRunIsRequeuedByTheReaperAndFinishedByAnotherWorker() {
        rolledBack(ctx -> {
            Registry r = Registry.configure().dsl(ctx).load();
            String target = "leased-" + UUID.randomUUID();
            List<Run> runs = r.runs().submitAll(IntStream.range(0, 3).mapToObj(i -> NewRun.builder().model("leased-model")
                    .framework(Framework.PYTORCH).experiment(target + "-" + i).dataset("leased-ds").computeTarget(target).build())
                    .toList());
            Duration fiveMinutes = Duration.ofMinutes(5);

            // worker a finishes one run, then dies in the middle of the next (after a heartbeat)
            int[] jobs = {0};
            Throwable crash = catchThrowable(() -> LeasedWorkerCookbook.work(r, target, Lease.of("worker-a", fiveMinutes), 10,
                    (run, heartbeat) -> {
                        heartbeat.beat();
                        if (++jobs[0] == 2) {
                            throw new Killed();
                        }
                        return Metrics.none().withAccuracy(0.9);
                    }));
            assertThat(crash).isInstanceOf(Killed.class);
            UUID orphan = r.runs().leases().owned("worker-a").get(0).run().runId();
            assertThat(LeasedWorkerCookbook.reap(r)).isEmpty();

            // its lease expires (moved back here instead of waiting five minutes); a reaper requeues the run
            ctx.update(Tables.RUN_LEASES).set(Tables.RUN_LEASES.LEASE_EXPIRES_AT, DSL.field("now() - interval '1 second'", OffsetDateTime.class))
                    .where(Tables.RUN_LEASES.RUN_ID.eq(orphan)).execute();
            List<ReapedRun> reaped = LeasedWorkerCookbook.reap(r);
            assertThat(reaped).extracting(rr -> rr.run().runId(), ReapedRun::owner, ReapedRun::requeued)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(orphan, "worker-a", true));

            // worker b drains the queue: the orphan as its second attempt, and the run nobody had claimed
            List<LeasedRun> b = LeasedWorkerCookbook.work(r, target, Lease.of("worker-b", fiveMinutes), 10,
                    (run, heartbeat) -> Metrics.none().withAccuracy(0.95));
            assertThat(b).hasSize(2);
            assertThat(b).filteredOn(lr -> lr.run().runId().equals(orphan)).singleElement()
                    .extracting(lr -> lr.lease().attempt()).isEqualTo(2);
            assertThat(runs).map(run -> r.runs().get(run.runId()).status()).containsOnly(RunStatus.SUCCEEDED);
            assertThat(r.runs().get(orphan).accuracy()).isEqualByComparingTo(new BigDecimal("0.95"));
            assertThat(r.runs().leases().owned("worker-a")).isEmpty();
            assertThat(r.runs().leases().owned("worker-b")).isEmpty();
        });
    }
}
