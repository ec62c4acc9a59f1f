package org.mlregistry.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.tracking.FinishedRun;
import org.mlregistry.core.tracking.Lease;
import org.mlregistry.core.tracking.LeasedRun;
import org.mlregistry.core.tracking.Leases;
import org.mlregistry.core.tracking.Metrics;
import org.mlregistry.core.tracking.NewRun;
import org.mlregistry.core.tracking.ReapedRun;
import org.mlregistry.core.tracking.Run;
import org.mlregistry.schema.DatabaseTest;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.RunStatus;

/** The code of the README's "Workers: leases, heartbeats and reaping", as it stands there, on the samples. */
class ReadmeLeasesTest extends DatabaseTest {

    private static NewRun run(String experiment) {
        return NewRun.builder().model("readme-leases").framework(Framework.PYTORCH).experiment(experiment)
                .dataset("imagenet-1k").computeTarget("k8s-gpu-a100").build();
    }

    @Test
    void leasesSnippetRuns() {
        rolledBack(ctx -> {
            Registry registry = Registry.configure().dsl(ctx).load();
            registry.runs().submit(run("exp-readme-leases-0"));
            NewRun first = run("exp-readme-leases-1");
            NewRun second = run("exp-readme-leases-2");
            NewRun third = run("exp-readme-leases-3");

            // --- README snippet
            Leases leases = registry.runs().leases();
            Lease lease = Lease.of("host-7/slot-2", Duration.ofMinutes(5));      // one owner per worker slot

            LeasedRun mine = leases.claimNext("k8s-gpu-a100", lease).orElseThrow(); // run and lease, one statement
            UUID runId = mine.run().runId();
            leases.heartbeat(runId, lease.owner(), Duration.ofMinutes(5));       // LeaseLostException once it is not ours
            registry.runs().succeed(runId, Metrics.none().withAccuracy(0.93));   // ends the lease too

            // on every instance, on a timer: expired leases back to the queue, or failed after their last attempt
            List<ReapedRun> reaped = leases.reapExpired();

            // a batch in one round trip (a duplicate refuses all, naming its index); a finished run in one statement
            List<Run> batch = registry.runs().submitAll(List.of(first, second));
            Run done = registry.runs().record(FinishedRun.of(third, RunStatus.SUCCEEDED).metrics(Metrics.none().withAccuracy(0.91)));
            // --- end of snippet

            assertThat(mine.lease().owner()).isEqualTo("host-7/slot-2");
            assertThat(registry.runs().get(runId).status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(leases.owned("host-7/slot-2")).isEmpty();
            assertThat(reaped).isEmpty();
            assertThat(batch).extracting(Run::experimentName).containsExactly("exp-readme-leases-1", "exp-readme-leases-2");
            assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(done.accuracy()).isEqualByComparingTo("0.91");
        });
    }
}
