package org.mlregistry.examples.cookbook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.mlregistry.core.Registry;
import org.mlregistry.core.tracking.Metrics;
import org.mlregistry.core.tracking.Run;
import org.mlregistry.core.tracking.Runs;

/**
 * Cookbook: a worker loop over one compute target's queue. Each turn claims the oldest queued run
 * with {@link Runs#claimNext(String)} ({@code FOR UPDATE SKIP LOCKED}: any number of such loops may
 * run side by side, none gets a run another has, none waits on another's locked row), runs the
 * supplied job, and records the outcome: {@link Runs#succeed} with the job's metrics, or
 * {@link Runs#fail} with its reason (a job that throws fails with the exception's message). The loop
 * stops when nothing is claimable for the target, or after {@code maxJobs} runs.
 *
 * <pre>{@code
 * Summary s = SchedulerLoopCookbook.drain(registry, "k8s-gpu-a100", 100, run -> {
 *     double accuracy = train(run.parametersJson());
 *     return JobResult.succeeded(Metrics.none().withAccuracy(accuracy));
 * });
 * }</pre>
 *
 * Each step is its own transaction when the registry works on a {@code DataSource}: the claim is
 * committed before the job starts, so a crashed worker leaves its run {@code running}; cancel or
 * time such runs out separately ({@link Runs#timeout}).
 */
public final class SchedulerLoopCookbook {

    private SchedulerLoopCookbook() {
    }

    /** What a job reports back to the loop. */
    public sealed interface JobResult permits Succeeded, Failed {
        /**
         * @param metrics the final metrics
         * @return a success
         */
        static JobResult succeeded(Metrics metrics) {
            return new Succeeded(metrics);
        }

        /**
         * @param reason why, non-blank
         * @return a failure
         */
        static JobResult failed(String reason) {
            return new Failed(reason);
        }
    }

    /** @param metrics final metrics to record */
    public record Succeeded(Metrics metrics) implements JobResult {
        /** Checks the metrics. */
        public Succeeded {
            Objects.requireNonNull(metrics, "metrics");
        }
    }

    /** @param reason why the job failed */
    public record Failed(String reason) implements JobResult {
        /** Checks the reason. */
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * What one loop did.
     *
     * @param computeTarget the queue drained
     * @param claimed runs claimed, in claim order
     * @param succeeded how many succeeded
     * @param failures failed runs and their reasons, in claim order
     * @param drained whether the loop stopped because nothing was claimable (false: it hit maxJobs)
     */
    public record Summary(String computeTarget, List<UUID> claimed, int succeeded, Map<UUID, String> failures,
            boolean drained) {
        /** Copies the collections. */
        public Summary {
            claimed = List.copyOf(claimed);
            failures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(failures));
        }

        /** @return how many runs failed */
        public int failed() {
            return failures.size();
        }
    }

    /**
     * Claims and runs jobs of one compute target until none is queued or maxJobs were run.
     *
     * @param registry the registry
     * @param computeTarget the queue to work on
     * @param maxJobs at most this many runs, at least 1
     * @param job the work for one claimed (now running) run; it may throw
     * @return what the loop did
     */
    public static Summary drain(Registry registry, String computeTarget, int maxJobs, Function<Run, JobResult> job) {
        Objects.requireNonNull(job, "job");
        if (maxJobs < 1) {
            throw new IllegalArgumentException("maxJobs must be at least 1, got " + maxJobs);
        }
        Runs runs = registry.runs();
        List<UUID> claimed = new ArrayList<>();
        Map<UUID, String> failures = new LinkedHashMap<>();
        int succeeded = 0;
        while (claimed.size() < maxJobs) {
            Optional<Run> next = runs.claimNext(computeTarget);
            if (next.isEmpty()) {
                return new Summary(computeTarget, claimed, succeeded, failures, true);
            }
            Run run = next.get();
            claimed.add(run.runId());
            JobResult result;
            try {
                result = Objects.requireNonNull(job.apply(run), "the job returned no result");
            } catch (RuntimeException e) {
                result = JobResult.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            if (result instanceof Succeeded s) {
                runs.succeed(run.runId(), s.metrics());
                succeeded++;
            } else {
                String reason = ((Failed) result).reason();
                reason = reason.isBlank() ? "no reason given" : reason;
                runs.fail(run.runId(), reason);
                failures.put(run.runId(), reason);
            }
        }
        return new Summary(computeTarget, claimed, succeeded, failures, false);
    }
}
