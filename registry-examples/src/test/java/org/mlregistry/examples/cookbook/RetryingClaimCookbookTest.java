package org.mlregistry.examples.cookbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.RetryPolicy;
import org.mlregistry.core.error.CommitOutcomeUnknownException;
import org.mlregistry.core.tracking.LeasedRun;
import org.mlregistry.core.tracking.Leases;
import org.mlregistry.core.tracking.NewRun;
import org.mlregistry.schema.RegistrySchema;
import org.mlregistry.schema.TestDatabase;
import org.mlregistry.schema.types.Framework;

/** The retrying claim: after a commit whose outcome was unknown, the retry returns the run the first claim took. */
class RetryingClaimCookbookTest {

    @Test
    void aClaimWhoseCommitOutcomeWasUnknownIsRetriedAndResumesTheSameRun() {
        DataSource ds = TestDatabase.freshDatabase();
        RegistrySchema.configure().dataSource(ds).load().migrate();
        Registry registry = Registry.configure().dataSource(ds).load();
        var queued = registry.runs().submit(NewRun.builder().model("m-retry").framework(Framework.PYTORCH)
                .experiment("exp").dataset("ds").computeTarget("gpu").parameters("{}").build());
        Leases leases = registry.runs().leases();
        AtomicInteger attempts = new AtomicInteger();
        List<Duration> waited = new ArrayList<>();
        RetryPolicy retry = RetryPolicy.attempts(3).backoff(Duration.ofMillis(50), Duration.ofSeconds(1)).sleeper(waited::add);

        // the first claim commits, but the worker hears "outcome unknown" (as when the connection dies during COMMIT)
        Optional<LeasedRun> run = retry.call(() -> {
            Optional<LeasedRun> claimed = RetryingClaimCookbook.claim(leases, "gpu", "worker-7", RetryPolicy.none());
            if (attempts.incrementAndGet() == 1) {
                throw new CommitOutcomeUnknownException(null);
            }
            return claimed;
        });

        assertThat(run).get().extracting(r -> r.run().runId()).isEqualTo(queued.runId());
        assertThat(run.get().resumed()).isTrue();
        assertThat(attempts).hasValue(2);
        assertThat(waited).containsExactly(Duration.ofMillis(50));
        assertThat(RetryingClaimCookbook.claim(leases, "gpu", "worker-8", RetryingClaimCookbook.DEFAULT_RETRY)).isEmpty();
    }
}
