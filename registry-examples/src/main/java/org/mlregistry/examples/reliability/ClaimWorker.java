package org.mlregistry.examples.reliability;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.mlregistry.core.tracking.Lease;
import org.mlregistry.core.tracking.LeasedRun;
import org.mlregistry.core.tracking.Metrics;
import org.mlregistry.core.tracking.Run;
import org.mlregistry.schema.types.RunStatus;

/**
 * A worker that claims runs of a compute target through {@code runs().leases().claimNext} and
 * finishes each with {@code succeed}, until the queue is empty. After a failure it claims again
 * (an owner's repeated claim returns the run it already holds) or, for a finish whose outcome it
 * did not learn, reads the run and finishes it only if it is still running. Every run it claimed
 * is recorded in a map shared by all workers; a run that two owners claimed is a double claim.
 */
final class ClaimWorker implements Callable<Long> {

    /** Long enough that no lease of the suite expires while its worker lives. */
    static final Duration LEASE = Duration.ofMinutes(10);

    private static final Metrics METRICS = Metrics.none().withAccuracy(0.9);

    private final WorkerConnection connection;
    private final String owner;
    private final String computeTarget;
    private final Map<UUID, String> claimedBy;
    private final AtomicLong doubles;
    private final FailureTally failures;

    ClaimWorker(WorkerConnection connection, String owner, String computeTarget, Map<UUID, String> claimedBy,
            AtomicLong doubles, FailureTally failures) {
        this.connection = connection;
        this.owner = owner;
        this.computeTarget = computeTarget;
        this.claimedBy = claimedBy;
        this.doubles = doubles;
        this.failures = failures;
    }

    /** @return the runs this worker finished */
    @Override
    public Long call() {
        Lease lease = Lease.of(owner, LEASE);
        long finished = 0;
        try (connection) {
            while (true) {
                Optional<LeasedRun> claimed = failures.retry(connection,
                        r -> r.runs().leases().claimNext(computeTarget, lease));
                if (claimed.isEmpty()) {
                    return finished;
                }
                UUID runId = claimed.get().run().runId();
                String previous = claimedBy.putIfAbsent(runId, owner);
                if (previous != null && !previous.equals(owner)) {
                    doubles.incrementAndGet();
                }
                finish(runId);
                finished++;
            }
        }
    }

    private void finish(UUID runId) {
        if (failures.once(connection, r -> r.runs().succeed(runId, METRICS)).isPresent()) {
            return;
        }
        failures.retry(connection, r -> {
            Run now = r.runs().get(runId);
            return now.status() == RunStatus.RUNNING ? r.runs().succeed(runId, METRICS) : now;
        });
    }
}
