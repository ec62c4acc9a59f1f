package org.mlregistry.core.error;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.mlregistry.schema.types.RunStatus;

/**
 * A lifecycle step on an archived (soft-deleted) run: archived runs are frozen and nothing was
 * written. {@link #current()} is the status the run was archived in.
 */
public class RunArchivedException extends InvalidTransitionException {

    /** When the run was archived. */
    private final OffsetDateTime archivedAt;

    /**
     * @param runId the archived run's id
     * @param current the status the run was archived in
     * @param attempted the refused target status
     * @param archivedAt when the run was archived
     */
    public RunArchivedException(UUID runId, RunStatus current, RunStatus attempted, OffsetDateTime archivedAt) {
        super("training run", runId, current, attempted);
        this.archivedAt = archivedAt;
    }

    /**
     * When the run was archived.
     *
     * @return the run's archived_at
     */
    public OffsetDateTime archivedAt() {
        return archivedAt;
    }

    @Override
    public String getMessage() {
        return "Cannot move " + entity() + " " + id() + " from " + current() + " to " + attempted()
                + ": the run is archived (since " + archivedAt + ")";
    }
}
