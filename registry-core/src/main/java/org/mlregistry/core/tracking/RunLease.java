package org.mlregistry.core.tracking;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.Record;
import org.mlregistry.schema.jooq.tracking.tables.RunLeases;

/**
 * A worker's lease on a running run, as {@code tracking.run_leases} holds it.
 *
 * @param runId the run
 * @param owner the worker slot holding it
 * @param attempt which claim of the run this is, from 1
 * @param maxAttempts claims the run may get before a reaper fails it
 * @param claimedAt when this attempt claimed the run
 * @param heartbeatAt the last heartbeat (the claim counts as one)
 * @param expiresAt when the lease expires unless extended by a heartbeat
 */
public record RunLease(UUID runId, String owner, int attempt, int maxAttempts, OffsetDateTime claimedAt,
        OffsetDateTime heartbeatAt, OffsetDateTime expiresAt) {

    /** Maps the lease columns of a row (a lease row, or a run row joined with its lease's columns). */
    static RunLease from(Record r, UUID runId) {
        RunLeases l = LeaseStatements.L;
        return new RunLease(runId, r.get(l.OWNER), r.get(l.ATTEMPT), r.get(l.MAX_ATTEMPTS), r.get(l.CLAIMED_AT),
                r.get(l.HEARTBEAT_AT), r.get(l.LEASE_EXPIRES_AT));
    }
}
