package org.mlregistry.core.tracking;

import java.time.Duration;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.internal.Validator;

/**
 * The terms a worker claims a run under: who it is, how long the lease lasts without a heartbeat,
 * and how many claims the run may get before a reaper fails it instead of requeueing it.
 *
 * <pre>{@code
 * Lease lease = Lease.of("host-7/slot-2", Duration.ofMinutes(5)).withMaxAttempts(3);
 * }</pre>
 *
 * An owner is one worker slot: it holds at most one live lease per compute target, which makes a
 * repeated claim idempotent (see {@link Leases#claimNext}). Give each concurrent slot its own owner.
 *
 * @param owner the worker slot, non-blank
 * @param duration how long the lease lasts from a claim or heartbeat, at least 1 ms
 * @param maxAttempts how many claims the run may get, at least 1 ({@value #DEFAULT_MAX_ATTEMPTS} by default)
 */
public record Lease(String owner, Duration duration, int maxAttempts) {

    /** Claims a run may get unless the lease says otherwise. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    /**
     * Validates; throws {@link InvalidValueException} naming the field.
     *
     * @param owner the worker slot, non-blank
     * @param duration how long the lease lasts, at least 1 ms
     * @param maxAttempts how many claims the run may get, at least 1
     */
    public Lease {
        Validator.name("owner", owner);
        LeaseStatements.millis("duration", duration);
        if (maxAttempts < 1) {
            throw new InvalidValueException("max_attempts", maxAttempts, "must be at least 1");
        }
    }

    /**
     * @param owner the worker slot, non-blank
     * @param duration how long the lease lasts from a claim or heartbeat, at least 1 ms
     * @return a lease of {@value #DEFAULT_MAX_ATTEMPTS} attempts
     */
    public static Lease of(String owner, Duration duration) {
        return new Lease(owner, duration, DEFAULT_MAX_ATTEMPTS);
    }

    /**
     * @param attempts how many claims the run may get, at least 1
     * @return a copy with that limit
     */
    public Lease withMaxAttempts(int attempts) {
        return new Lease(owner, duration, attempts);
    }
}
