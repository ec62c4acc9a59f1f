package org.mlregistry.core.error;

import java.util.UUID;

/**
 * A worker acted on a run's lease that it no longer holds: the lease expired, a reaper ended it,
 * another worker holds it now, or the run is no longer running. Nothing was written; the worker
 * should stop working on the run.
 */
public class LeaseLostException extends RefusedException {

    /** The run. */
    private final UUID runId;
    /** The worker that asked. */
    private final String owner;
    /** Why the lease is not the worker's (live) lease. */
    private final String reason;

    /**
     * @param runId the run
     * @param owner the worker that asked
     * @param reason why the lease is not the worker's live lease, e.g. {@code held by worker-b}
     */
    public LeaseLostException(UUID runId, String owner, String reason) {
        super("lease of training run " + runId + " is not held by '" + owner + "': " + reason);
        this.runId = runId;
        this.owner = owner;
        this.reason = reason;
    }

    /** @return the run */
    public UUID runId() {
        return runId;
    }

    /** @return the worker that asked */
    public String owner() {
        return owner;
    }

    /** @return why the lease is not the worker's live lease, in words */
    public String reason() {
        return reason;
    }
}
