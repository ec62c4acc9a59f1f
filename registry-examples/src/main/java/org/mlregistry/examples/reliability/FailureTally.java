package org.mlregistry.examples.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.mlregistry.core.Registry;

/**
 * Counts the failures workers caught and retried: a {@link Failures.Kind#TRANSIENT} one is what a
 * killed backend or a timeout should cause; anything else (a refusal the worker does not expect
 * and handle itself, or an untyped exception) counts as untyped, since a worker cannot tell from
 * it whether retrying helps. Keeps a few examples of each for the report. Thread-safe.
 */
final class FailureTally {

    /** A call of the library on a worker's registry. */
    @FunctionalInterface
    interface Call<T> {
        T call(Registry registry) throws Exception;
    }

    /** How often a worker tries one step before it gives up on the suite. */
    static final int MAX_ATTEMPTS = 1_000;

    private static final int EXAMPLES = 3;

    private final AtomicLong transientFailures = new AtomicLong();
    private final AtomicLong untyped = new AtomicLong();
    private final ConcurrentLinkedQueue<String> transientExamples = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> untypedExamples = new ConcurrentLinkedQueue<>();

    /**
     * Calls once on the worker's connection; a failure is counted, the connection checked, and
     * empty returned.
     */
    <T> Optional<T> once(WorkerConnection worker, Call<T> call) {
        try {
            return Optional.of(call.call(worker.registry()));
        } catch (Exception e) {
            record(e);
            worker.afterFailure();
            return Optional.empty();
        }
    }

    /** Calls until an attempt answers (each failure counted); gives up after {@link #MAX_ATTEMPTS}. */
    <T> T retry(WorkerConnection worker, Call<T> call) {
        for (int i = 0; i < MAX_ATTEMPTS; i++) {
            Optional<T> answer = once(worker, call);
            if (answer.isPresent()) {
                return answer.get();
            }
        }
        throw new IllegalStateException("no answer after " + MAX_ATTEMPTS + " attempts; last failures: " + examples());
    }

    void record(Throwable thrown) {
        boolean isTransient = Failures.classify(thrown) == Failures.Kind.TRANSIENT;
        (isTransient ? transientFailures : untyped).incrementAndGet();
        ConcurrentLinkedQueue<String> examples = isTransient ? transientExamples : untypedExamples;
        if (examples.size() < EXAMPLES) {
            examples.add(Failures.describe(thrown));
        }
    }

    /** @return failures that were {@link org.mlregistry.core.error.TransientException}s */
    long transientFailures() {
        return transientFailures.get();
    }

    /** @return every other failure caught: untyped, or a refusal the worker did not expect */
    long untyped() {
        return untyped.get();
    }

    List<String> examples() {
        List<String> all = new ArrayList<>();
        transientExamples.forEach(e -> all.add("transient: " + e));
        untypedExamples.forEach(e -> all.add("untyped: " + e));
        return all;
    }
}
