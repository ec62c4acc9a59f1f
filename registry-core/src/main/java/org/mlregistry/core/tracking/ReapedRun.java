package org.mlregistry.core.tracking;

import org.mlregistry.schema.types.RunStatus;

/**
 * A run whose lease a reaper found expired: back in the queue, or failed when it had used its
 * attempts.
 *
 * @param run the run as it is now, {@link RunStatus#QUEUED} or {@link RunStatus#FAILED}
 * @param owner the worker whose lease expired
 * @param attempt the attempt that expired, from 1
 * @param maxAttempts the claims the run was allowed
 */
public record ReapedRun(Run run, String owner, int attempt, int maxAttempts) {

    /** @return whether the run went back to the queue (rather than failing) */
    public boolean requeued() {
        return run.status() == RunStatus.QUEUED;
    }
}
