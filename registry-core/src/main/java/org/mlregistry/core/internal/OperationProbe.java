package org.mlregistry.core.internal;

import java.time.Duration;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.mlregistry.core.error.RefusedException;
import org.mlregistry.core.error.TransientException;
import org.mlregistry.core.observe.OperationEvent;
import org.mlregistry.core.observe.Outcome;
import org.mlregistry.core.observe.RegistryObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times the outermost {@link Session} call of each thread as one operation, names it after the
 * public API method the caller called ({@link OperationNames}), counts its statements (a jOOQ
 * {@link ExecuteListener} on the session's context) and tells the observer. {@link #NONE} does
 * nothing but run the work: no clock, no stack walk, no listener. Not part of the public API.
 */
public final class OperationProbe {

    /** Refusals are logged here at DEBUG, with the operation's name and the error's message. */
    static final Logger LOG = LoggerFactory.getLogger("org.mlregistry.core.operations");

    /** The probe of a registry without observer. */
    public static final OperationProbe NONE = new OperationProbe(null);

    private final RegistryObserver observer;
    private final ThreadLocal<Running> current = new ThreadLocal<>();

    private OperationProbe(RegistryObserver observer) {
        this.observer = observer;
    }

    /**
     * The probe for an observer; with none, {@link #NONE} unless refusals are to be logged
     * (logger {@code org.mlregistry.core.operations} at DEBUG when the registry is built).
     *
     * @param observer the registry's observer, or null
     * @return the probe
     */
    public static OperationProbe of(RegistryObserver observer) {
        if (observer == null) {
            return LOG.isDebugEnabled() ? new OperationProbe(event -> { }) : NONE;
        }
        return new OperationProbe(observer);
    }

    /**
     * The context a probe's session works on: the given one, with a listener counting the running
     * operation's statements appended (the same connection and transaction providers).
     *
     * @param dsl the registry's context
     * @return the context to run operations on
     */
    public DSLContext instrument(DSLContext dsl) {
        if (this == NONE) {
            return dsl;
        }
        return dsl.configuration().deriveAppending(ExecuteListener.onExecuteStart(ctx -> {
            Running running = current.get();
            if (running != null) {
                running.statements++;
            }
        })).dsl();
    }

    /**
     * Runs work as an operation when it is the thread's outermost one, else as part of the
     * running operation.
     *
     * @param work the session call
     * @param <T> what it returns
     * @return what work returned
     */
    public <T> T around(Supplier<T> work) {
        if (this == NONE || current.get() != null) {
            return work.get();
        }
        Running running = new Running(OperationNames.ofCaller(), System.nanoTime());
        current.set(running);
        try {
            T result = work.get();
            finished(running, null);
            return result;
        } catch (RuntimeException | Error e) {
            finished(running, e);
            throw e;
        } finally {
            current.remove();
        }
    }

    private void finished(Running running, Throwable failure) {
        Duration took = Duration.ofNanos(System.nanoTime() - running.start);
        Outcome outcome = outcome(failure);
        if (outcome == Outcome.REFUSED && LOG.isDebugEnabled()) {
            LOG.debug("{} refused: {}: {}", running.name, failure.getClass().getSimpleName(), failure.getMessage());
        }
        String exception = failure == null ? OperationEvent.NO_EXCEPTION : failure.getClass().getSimpleName();
        try {
            observer.operationFinished(new OperationEvent(running.name, outcome, exception, took, running.statements));
        } catch (RuntimeException e) {
            LOG.warn("The registry observer failed on {}; the operation is unaffected", running.name, e);
        }
    }

    static Outcome outcome(Throwable failure) {
        if (failure == null) {
            return Outcome.SUCCESS;
        }
        if (failure instanceof RefusedException) {
            return Outcome.REFUSED;
        }
        return failure instanceof TransientException ? Outcome.TRANSIENT : Outcome.FAILED;
    }

    /** The thread's operation while it runs. */
    private static final class Running {
        final String name;
        final long start;
        int statements;

        Running(String name, long start) {
            this.name = name;
            this.start = start;
        }
    }
}
