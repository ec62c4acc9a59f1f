package org.mlregistry.core.tracking;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.mlregistry.core.error.LeaseLostException;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.core.error.UnsupportedIsolationLevelException;
import org.mlregistry.core.internal.Session;
import org.mlregistry.core.internal.Validator;
import org.mlregistry.schema.jooq.tracking.tables.records.RunLeasesRecord;
import org.mlregistry.schema.types.RunStatus;

/**
 * Leases for workers: a claim that holds a run only while its worker heartbeats, so that a run of
 * a worker that died goes back to the queue. Obtain it from {@code registry.runs().leases()};
 * thread-safe.
 *
 * <ul>
 *   <li>{@link #claimNext} claims the oldest queued run of a compute target and leases it, in one
 *       statement: no one ever sees the run running without its lease.</li>
 *   <li>{@link #heartbeat} extends the caller's own live lease; {@link #release} gives the run
 *       back. Finishing a run ({@code succeed}, {@code fail}, {@code cancel}, {@code timeout})
 *       ends its lease in the same statement.</li>
 *   <li>{@link #reapExpired} requeues runs whose lease expired, or fails them after their last
 *       attempt. It locks with {@code FOR UPDATE SKIP LOCKED}: run it from every instance.</li>
 *   <li>A worker that did not learn whether its claim committed asks {@link #owned} or simply
 *       claims again: an owner's repeated claim returns the run it already holds.</li>
 * </ul>
 *
 * Claims, releases and reaps need READ COMMITTED (the default) and refuse a caller's
 * REPEATABLE READ or SERIALIZABLE transaction with {@link UnsupportedIsolationLevelException}.
 * Lease times are the database's {@code now()} (the transaction's start), never the JVM's clock.
 */
public final class Leases {

    private final Session session;

    private Leases(Session session) {
        this.session = session;
    }

    static Leases of(Session session) {
        return new Leases(Validator.required("session", session));
    }

    /**
     * Claims the oldest queued, live run of a compute target under a lease, or returns the run the
     * owner already holds there. One statement: the run becomes running and its lease is written
     * (attempt 1, or the previous attempt + 1 when the run was claimed before); concurrent workers
     * never get the same run and never wait on each other's locked rows.
     *
     * <p>An owner holds at most one live lease per compute target: while it holds one, a claim
     * renews that lease and returns the run with {@link LeasedRun#resumed()} true instead of
     * claiming another. So a worker that saw its claim fail after the commit may simply claim
     * again.
     *
     * @param computeTarget the queue, non-blank
     * @param lease the worker slot and the lease's terms
     * @return the leased run, or empty when nothing is queued for the target
     * @throws UnsupportedIsolationLevelException inside a REPEATABLE READ or SERIALIZABLE transaction
     */
    public Optional<LeasedRun> claimNext(String computeTarget, Lease lease) {
        Validator.name("compute_target", computeTarget);
        Validator.required("lease", lease);
        // the statement claims nothing outside READ COMMITTED: only an empty claim asks why
        return session.asOneOperation(() -> {
            Optional<LeasedRun> claimed = session.write(ctx -> LeaseStatements.claim(ctx, computeTarget, lease).fetchOptional()
                    .map(r -> LeaseStatements.leasedRun(r, r.get(LeaseStatements.RESUMED))));
            if (claimed.isEmpty()) {
                LeaseStatements.requireReadCommitted(session, "claimNext");
            }
            return claimed;
        });
    }

    /**
     * Extends the owner's live lease on a running run to {@code now() + extension}.
     *
     * @param runId the run
     * @param owner the worker slot that claimed it
     * @param extension how long from now the lease lasts, at least 1 ms
     * @return the lease as it is now
     * @throws LeaseLostException when the owner holds no live lease on the run (it expired, was
     *     reaped or released, another owner holds it, or the run finished)
     * @throws NotFoundException if there is no such run
     */
    public RunLease heartbeat(UUID runId, String owner, Duration extension) {
        Validator.required("runId", runId);
        Validator.name("owner", owner);
        LeaseStatements.millis("extension", extension);
        return session.write(ctx -> LeaseStatements.heartbeat(ctx, runId, owner, extension).fetchOptional()
                .map(r -> RunLease.from(r, runId))
                .orElseThrow(() -> lost(ctx, runId, owner)));
    }

    /**
     * The owner gives its running run back without finishing it: the run is queued again
     * ({@code started_at} cleared, as the lab's checks require of a queued run) and the lease ends.
     * The next claim counts as the run's next attempt.
     *
     * @param runId the run
     * @param owner the worker slot that claimed it
     * @return the run as it is now, queued
     * @throws LeaseLostException when the owner holds no lease on the running run
     * @throws NotFoundException if there is no such run
     */
    public Run release(UUID runId, String owner) {
        Validator.required("runId", runId);
        Validator.name("owner", owner);
        return session.inTransaction(ctx -> {
            LeaseStatements.requireReadCommitted(session, ctx, "release");
            return LeaseStatements.release(ctx, runId, owner).fetchOptional()
                    .map(LeaseStatements::run)
                    .orElseThrow(() -> lost(ctx, runId, owner));
        });
    }

    /**
     * What an owner holds: its live (unexpired) leases on running runs, oldest claim first. After
     * a claim whose outcome a worker did not learn, this says whether it committed.
     *
     * @param owner the worker slot
     * @return the owner's runs with their leases
     */
    public List<LeasedRun> owned(String owner) {
        Validator.name("owner", owner);
        return session.read(ctx -> LeaseStatements.owned(ctx, owner).fetch(r -> LeaseStatements.leasedRun(r, false)));
    }

    /**
     * Ends every expired lease on a running run: the run goes back to the queue when it has
     * attempts left (its lease's {@code max_attempts}), or fails with the reason appended to its
     * notes ({@code Failed: lease of <owner> expired on attempt <n> of <max>}). One statement that
     * locks with {@code FOR UPDATE SKIP LOCKED}: reapers of many instances may run at once, each
     * run is reaped by one of them, and none waits on another.
     *
     * @return what was reaped, by run id
     * @throws UnsupportedIsolationLevelException inside a REPEATABLE READ or SERIALIZABLE transaction
     */
    public List<ReapedRun> reapExpired() {
        return session.inTransaction(ctx -> {
            LeaseStatements.requireReadCommitted(session, ctx, "reapExpired");
            return LeaseStatements.reap(ctx).fetch(LeaseStatements::reapedRun);
        });
    }

    private static RuntimeException lost(DSLContext ctx, UUID runId, String owner) {
        var run = ctx.select(Runs.T.STATUS).from(Runs.T).where(Runs.T.RUN_ID.eq(runId)).fetchOptional();
        if (run.isEmpty()) {
            return new NotFoundException(Runs.ENTITY, runId);
        }
        RunLeasesRecord lease = ctx.selectFrom(LeaseStatements.L).where(LeaseStatements.L.RUN_ID.eq(runId)).fetchOne();
        String reason;
        if (lease == null) {
            reason = "the run has no lease";
        } else if (!lease.getOwner().equals(owner)) {
            reason = "held by '" + lease.getOwner() + "'";
        } else if (lease.getEndedAt() != null) {
            reason = "ended at " + lease.getEndedAt() + " (" + lease.getEndReason() + ")";
        } else if (run.get().value1() != RunStatus.RUNNING) {
            reason = "the run is " + run.get().value1().getLiteral();
        } else {
            reason = "expired at " + lease.getLeaseExpiresAt();
        }
        return new LeaseLostException(runId, owner, reason);
    }
}
