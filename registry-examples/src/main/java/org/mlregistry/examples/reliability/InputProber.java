package org.mlregistry.examples.reliability;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Gives one {@link Probe} its input on a fresh thread with the default stack (so a deep recursion
 * shows as the {@link StackOverflowError} a caller's thread would see), catching every
 * {@link Throwable}, and classifies what happened.
 */
final class InputProber {

    /** What a hostile input led to. */
    enum Verdict {
        /** A {@code RefusedException}: refused with a reason. */
        REFUSED,
        /** Accepted, and what was read back equals what was given. */
        VERBATIM,
        /**
         * An untyped exception, an Error, a transient failure (a hostile input must be refused, not
         * retried), a different stored value, or acceptance of a forbidden input.
         */
        OTHER
    }

    /**
     * @param verdict the class
     * @param what what happened, for the report
     */
    record Outcome(Verdict verdict, String what) {
    }

    private static final long TIMEOUT_MS = 60_000;

    private InputProber() {
    }

    static Outcome probe(Probe probe) {
        AtomicReference<Object> returned = new AtomicReference<>();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                returned.set(probe.call().call());
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "probe");
        thread.start();
        try {
            thread.join(TIMEOUT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(Verdict.OTHER, "interrupted");
        }
        if (thread.isAlive()) {
            return new Outcome(Verdict.OTHER, "no answer within " + TIMEOUT_MS + " ms");
        }
        Throwable t = thrown.get();
        if (t != null) {
            boolean refused = !(t instanceof Error) && Failures.classify(t) == Failures.Kind.REFUSED;
            return new Outcome(refused ? Verdict.REFUSED : Verdict.OTHER, Failures.describe(t));
        }
        Object stored = returned.get();
        if (probe.mustRefuse()) {
            return new Outcome(Verdict.OTHER, "accepted an input the rules forbid; returned " + Probe.show(stored));
        }
        if (!probe.readBackMatches(stored)) {
            return new Outcome(Verdict.OTHER, "stored " + Probe.show(stored) + " instead of " + probe.input());
        }
        return new Outcome(Verdict.VERBATIM, "accepted, read back " + Probe.show(stored));
    }
}
