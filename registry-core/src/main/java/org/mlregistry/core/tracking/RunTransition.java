package org.mlregistry.core.tracking;

import static org.mlregistry.schema.types.RunStatus.CANCELLED;
import static org.mlregistry.schema.types.RunStatus.FAILED;
import static org.mlregistry.schema.types.RunStatus.QUEUED;
import static org.mlregistry.schema.types.RunStatus.RUNNING;
import static org.mlregistry.schema.types.RunStatus.SUCCEEDED;

import java.util.EnumSet;
import java.util.Set;
import org.mlregistry.schema.types.RunStatus;

/**
 * The run state machine, in one place: each transition, the state it leads to and the states it
 * may start from. {@link Runs} turns each into one conditional
 * {@code UPDATE … WHERE run_id = ? AND status IN (from) RETURNING *}.
 *
 * <pre>
 * queued ──start──▶ running ──succeed──▶ succeeded
 *    │                 ├──fail─────▶ failed
 *    │                 ├──timeout──▶ timeout
 *    └─────cancel──────┴──cancel───▶ cancelled
 * </pre>
 */
public enum RunTransition {
    /** A worker starts a queued run. */
    START(RUNNING, EnumSet.of(QUEUED)),
    /** A running run finishes with metrics. */
    SUCCEED(SUCCEEDED, EnumSet.of(RUNNING)),
    /** A running run fails. */
    FAIL(FAILED, EnumSet.of(RUNNING)),
    /** A queued or running run is cancelled. */
    CANCEL(CANCELLED, EnumSet.of(QUEUED, RUNNING)),
    /** A running run exceeded its time limit. */
    TIMEOUT(RunStatus.TIMEOUT, EnumSet.of(RUNNING));

    private final RunStatus target;
    private final Set<RunStatus> from;

    RunTransition(RunStatus target, Set<RunStatus> from) {
        this.target = target;
        this.from = from;
    }

    /**
     * @return the state the transition leads to
     */
    public RunStatus target() {
        return target;
    }

    /**
     * @return the states the transition may start from (an unmodifiable copy)
     */
    public Set<RunStatus> from() {
        return Set.copyOf(from);
    }

    /**
     * @param current a run's current state
     * @return whether this transition may start from it
     */
    public boolean allowedFrom(RunStatus current) {
        return from.contains(current);
    }
}
