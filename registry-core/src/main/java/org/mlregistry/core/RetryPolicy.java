package org.mlregistry.core;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.QueryCancelledException;
import org.mlregistry.core.error.TransientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How often to repeat an idempotent operation that failed with a {@link TransientException}
 * (connection lost, statement or lock timeout, serialization failure, deadlock, resources
 * exhausted), and how long to wait in between: doubling from a first delay up to a maximum.
 * A {@link QueryCancelledException} (someone asked) and every refusal fail at once. Immutable.
 *
 * <pre>{@code
 * RetryPolicy retry = RetryPolicy.attempts(3).backoff(Duration.ofMillis(50), Duration.ofSeconds(1));
 * Optional<Run> run = retry.call(() -> registry.runs().find(runId));
 * }</pre>
 *
 * Only wrap idempotent operations: reads, searches, counts and analytics;
 * {@code leases().claimNext} (an owner's repeated claim returns the run it holds),
 * {@code heartbeat} and {@code reapExpired}; changes that set a value rather than add to it
 * (e.g. {@code changeTraffic}). A retried {@code submit}, {@code create} or {@code logMetric} after a
 * {@link org.mlregistry.core.error.CommitOutcomeUnknownException} may write twice: look first.
 * Never wrap a call inside a transaction: the failure rolled back the whole transaction, so wrap
 * the {@code inTransaction} call instead.
 */
public final class RetryPolicy {

    /** A retry is logged at INFO, giving up after transient failures at WARN: attempt and cause class, no values. */
    private static final Logger LOG = LoggerFactory.getLogger(RetryPolicy.class);

    /** Waits between attempts; tests inject one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        /**
         * Waits.
         *
         * @param delay how long
         * @throws InterruptedException when the thread was interrupted while waiting
         */
        void sleep(Duration delay) throws InterruptedException;
    }

    private static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, d -> Thread.sleep(d.toMillis()));

    private final int attempts;
    private final Duration first;
    private final Duration max;
    private final Sleeper sleeper;

    private RetryPolicy(int attempts, Duration first, Duration max, Sleeper sleeper) {
        this.attempts = attempts;
        this.first = first;
        this.max = max;
        this.sleeper = sleeper;
    }

    /**
     * No retries: each operation is tried once.
     *
     * @return the policy of one attempt
     */
    public static RetryPolicy none() {
        return NONE;
    }

    /**
     * At most this many attempts in all (the first included), at first without waiting.
     *
     * @param attempts at least 1
     * @return the policy
     * @throws InvalidValueException on {@code attempts} below 1
     */
    public static RetryPolicy attempts(int attempts) {
        if (attempts < 1) {
            throw new InvalidValueException("attempts", attempts, "must be at least 1");
        }
        return new RetryPolicy(attempts, NONE.first, NONE.max, NONE.sleeper);
    }

    /**
     * Waits {@code first} before the second attempt, twice as long before each next one, never
     * longer than {@code max}.
     *
     * @param first the first delay, zero or positive
     * @param max the longest delay, at least {@code first}
     * @return a policy with this backoff
     * @throws InvalidValueException on a negative first delay or a max below it
     */
    public RetryPolicy backoff(Duration first, Duration max) {
        if (first == null || first.isNegative()) {
            throw new InvalidValueException("first", first, "must be zero or positive");
        }
        if (max == null || max.compareTo(first) < 0) {
            throw new InvalidValueException("max", max, "must be at least the first delay " + first);
        }
        return new RetryPolicy(attempts, first, max, sleeper);
    }

    /**
     * Waits with the given sleeper instead of {@link Thread#sleep}, e.g. a test's recorder.
     *
     * @param sleeper how to wait
     * @return a policy that waits with it
     */
    public RetryPolicy sleeper(Sleeper sleeper) {
        return new RetryPolicy(attempts, first, max, Objects.requireNonNull(sleeper, "sleeper"));
    }

    /**
     * The most attempts in all.
     *
     * @return at least 1
     */
    public int maxAttempts() {
        return attempts;
    }

    /**
     * The delay before the given attempt.
     *
     * @param attempt the attempt about to be made, from 2
     * @return {@code first · 2^(attempt-2)}, at most {@code max}
     */
    public Duration delayBefore(int attempt) {
        Duration delay = first;
        for (int i = 2; i < attempt && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }

    /**
     * Runs an idempotent operation, repeating it after transient failures.
     *
     * @param operation the operation
     * @param <T> what it returns
     * @return what the first successful attempt returned
     * @throws TransientException the last attempt's failure, with the earlier ones suppressed,
     *     when every attempt failed transiently (or the wait was interrupted)
     */
    public <T> T call(Supplier<T> operation) {
        Objects.requireNonNull(operation, "operation");
        TransientException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1 && !waited(attempt)) {
                break;
            }
            try {
                return operation.get();
            } catch (TransientException e) {
                if (last != null) {
                    e.addSuppressed(last);
                }
                last = e;
                if (e instanceof QueryCancelledException) {
                    break;
                }
                if (attempt < attempts) {
                    LOG.info("Attempt {} of {} failed with {}, retrying in {} ms", attempt, attempts,
                            e.getClass().getSimpleName(), delayBefore(attempt + 1).toMillis());
                }
            }
        }
        if (attempts > 1) {
            LOG.warn("Giving up after transient failures (at most {} attempts), the last with {}", attempts,
                    last.getClass().getSimpleName());
        }
        throw last;
    }

    /**
     * Runs an idempotent operation without result, repeating it after transient failures.
     *
     * @param operation the operation
     * @throws TransientException as {@link #call(Supplier)}
     */
    public void run(Runnable operation) {
        Objects.requireNonNull(operation, "operation");
        call(() -> {
            operation.run();
            return null;
        });
    }

    private boolean waited(int attempt) {
        Duration delay = delayBefore(attempt);
        if (delay.isZero()) {
            return true;
        }
        try {
            sleeper.sleep(delay);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
