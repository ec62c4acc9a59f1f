package org.mlregistry.examples.cookbook;

import java.time.Duration;
import java.util.Optional;
import org.mlregistry.core.RetryPolicy;
import org.mlregistry.core.error.CommitOutcomeUnknownException;
import org.mlregistry.core.error.TransientException;
import org.mlregistry.core.tracking.Lease;
import org.mlregistry.core.tracking.LeasedRun;
import org.mlregistry.core.tracking.Leases;

/**
 * Cookbook: a worker's claim that survives transient failures (a killed connection, a lock or
 * statement timeout, a deadlock) by retrying. A leased claim is idempotent per owner: a repeated
 * claim returns the run the owner already holds, so even a {@link CommitOutcomeUnknownException}
 * (the connection died during COMMIT) is safe to retry; the retry tells whether the first claim
 * committed ({@link LeasedRun#resumed()} true) or claims a run now.
 *
 * <pre>{@code
 * Optional<LeasedRun> run = RetryingClaimCookbook.claim(registry.runs().leases(), "k8s-gpu-a100", "worker-7",
 *         RetryingClaimCookbook.DEFAULT_RETRY);
 * }</pre>
 */
public final class RetryingClaimCookbook {

    /** Three attempts, 50 ms then 100 ms apart. */
    public static final RetryPolicy DEFAULT_RETRY = RetryPolicy.attempts(3).backoff(Duration.ofMillis(50), Duration.ofSeconds(1));

    private RetryingClaimCookbook() {
    }

    /**
     * Claims the oldest queued run of a target for a worker under a 5-minute lease, retrying
     * transient failures.
     *
     * @param leases the registry's leases
     * @param target the compute target
     * @param worker the worker's owner name
     * @param retry how often to try
     * @return the leased run, or empty when nothing is queued
     * @throws TransientException when every attempt failed transiently
     */
    public static Optional<LeasedRun> claim(Leases leases, String target, String worker, RetryPolicy retry) {
        return retry.call(() -> leases.claimNext(target, Lease.of(worker, Duration.ofMinutes(5))));
    }
}
