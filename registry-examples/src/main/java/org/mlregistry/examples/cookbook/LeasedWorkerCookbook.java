package org.mlregistry.examples.cookbook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.mlregistry.core.Registry;
import org.mlregistry.core.tracking.Lease;
import org.mlregistry.core.tracking.LeasedRun;
import org.mlregistry.core.tracking.Leases;
import org.mlregistry.core.tracking.Metrics;
import org.mlregistry.core.tracking.ReapedRun;

/**
 * Cookbook: a pool of workers with leases, and the reaper that gives a dead worker's run to
 * another. Each worker slot claims under a lease ({@link Leases#claimNext}), heartbeats while its
 * job runs, and finishes the run (which ends the lease). A worker that dies stops heartbeating;
 * once its lease expires, {@link Leases#reapExpired} (run it from every instance, e.g. once a
 * lease length: {@code FOR UPDATE SKIP LOCKED} makes concurrent reapers safe) puts the run back
 * in the queue, where another worker claims it as its next attempt.
 *
 * <pre>{@code
 * Lease lease = Lease.of("host-7/slot-2", Duration.ofMinutes(5));
 * List<LeasedRun> done = LeasedWorkerCookbook.work(registry, "k8s-gpu-a100", lease, 100, (run, heartbeat) -> {
 *     for (int epoch = 0; epoch < 10; epoch++) {
 *         trainOneEpoch(run.run());
 *         heartbeat.beat();          // LeaseLostException: another worker owns the run now, stop
 *     }
 *     return Metrics.none().withAccuracy(0.93);
 * });
 * List<ReapedRun> requeued = LeasedWorkerCookbook.reap(registry);   // on a timer, on every instance
 * }</pre>
 */
public final class LeasedWorkerCookbook {

    private LeasedWorkerCookbook() {
    }

    /** Extends the worker's lease by its length; throws {@code LeaseLostException} once it lost the run. */
    @FunctionalInterface
    public interface Heartbeat {
        /** Extends the lease. */
        void beat();
    }

    /** The work for one leased run. */
    @FunctionalInterface
    public interface Job {
        /**
         * @param run the run, running, and its lease
         * @param heartbeat call it more often than the lease length
         * @return the run's final metrics
         */
        Metrics run(LeasedRun run, Heartbeat heartbeat);
    }

    /**
     * One worker slot: claims, runs and finishes runs of a compute target until none is queued or
     * maxJobs were run. A job that throws a {@code RuntimeException} fails its run with the
     * message; anything else (the process dying) leaves the run to the reaper.
     *
     * @param registry the registry
     * @param computeTarget the queue
     * @param lease the worker slot and its lease terms
     * @param maxJobs at most this many runs, at least 1
     * @param job the work
     * @return the runs this worker claimed, with their leases, in claim order
     */
    public static List<LeasedRun> work(Registry registry, String computeTarget, Lease lease, int maxJobs, Job job) {
        Objects.requireNonNull(job, "job");
        Leases leases = registry.runs().leases();
        Duration length = lease.duration();
        List<LeasedRun> claimed = new ArrayList<>();
        while (claimed.size() < maxJobs) {
            Optional<LeasedRun> next = leases.claimNext(computeTarget, lease);
            if (next.isEmpty()) {
                break;
            }
            LeasedRun run = next.get();
            claimed.add(run);
            try {
                Metrics metrics = job.run(run, () -> leases.heartbeat(run.run().runId(), lease.owner(), length));
                registry.runs().succeed(run.run().runId(), metrics);
            } catch (RuntimeException e) {
                registry.runs().fail(run.run().runId(), e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        return claimed;
    }

    /**
     * The reaper: requeues the runs whose lease expired, or fails those out of attempts.
     *
     * @param registry the registry
     * @return what it reaped
     */
    public static List<ReapedRun> reap(Registry registry) {
        return registry.runs().leases().reapExpired();
    }
}
