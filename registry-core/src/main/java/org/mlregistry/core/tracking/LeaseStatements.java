package org.mlregistry.core.tracking;

import static org.mlregistry.schema.jooq.tracking.Tables.RUN_LEASES;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.UnsupportedIsolationLevelException;
import org.mlregistry.core.internal.SchemaMapping;
import org.mlregistry.core.internal.Session;
import org.mlregistry.schema.jooq.tracking.tables.RunLeases;
import org.mlregistry.schema.jooq.tracking.tables.TrainingRuns;
import org.mlregistry.schema.types.RunStatus;

/**
 * The statements behind {@link Leases}. Claim, release and reap change the run and its lease in
 * one statement of data-modifying CTEs, so no transaction ever sees a running run of a lease
 * claim without its lease, or a requeued run with a live lease. They are written as SQL text
 * because each reads as one statement that way; every value is bound ({@code {0}}, …).
 */
final class LeaseStatements {

    static final RunLeases L = RUN_LEASES;
    private static final TrainingRuns T = Runs.T;

    /** Every run column, then the lease's: how claim, owned and reap rows are read. */
    private static final Field<?>[] RUN_AND_LEASE = concat(T.fields(),
            L.OWNER, L.ATTEMPT, L.MAX_ATTEMPTS, L.CLAIMED_AT, L.HEARTBEAT_AT, L.LEASE_EXPIRES_AT);
    static final Field<Boolean> RESUMED = DSL.field(DSL.name("resumed"), SQLDataType.BOOLEAN);

    private static final String LEASE_COLUMNS = "l.owner, l.attempt, l.max_attempts, l.claimed_at, l.heartbeat_at, l.lease_expires_at";

    /**
     * {0} owner, {1} compute target, {2} lease length, {3} max attempts. A live lease of the owner
     * on a running run of the target is renewed and returned (a repeated claim); otherwise the
     * oldest queued run is claimed and leased, its lease row created or, after a requeue, reused
     * with the attempt counted up. Nothing qualifies outside READ COMMITTED.
     */
    private static final String CLAIM = """
            WITH held AS (
                SELECT l.run_id
                FROM tracking.run_leases l
                JOIN tracking.training_runs r ON r.run_id = l.run_id
                WHERE l.owner = {0} AND l.ended_at IS NULL AND l.lease_expires_at > now()
                  AND r.status = 'running' AND r.compute_target = {1}
                  AND current_setting('transaction_isolation') = 'read committed'
                ORDER BY l.claimed_at, l.run_id
                LIMIT 1
            ),
            renewed AS (
                UPDATE tracking.run_leases l
                SET heartbeat_at = now(), lease_expires_at = now() + {2}
                FROM held
                WHERE l.run_id = held.run_id AND l.owner = {0} AND l.ended_at IS NULL
                RETURNING l.*
            ),
            picked AS (
                SELECT q.run_id
                FROM tracking.training_runs q
                WHERE q.status = 'queued' AND q.compute_target = {1} AND q.archived_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM held)
                  AND current_setting('transaction_isolation') = 'read committed'
                ORDER BY q.created_at, q.run_id
                LIMIT 1
                FOR UPDATE SKIP LOCKED
            ),
            claimed AS (
                UPDATE tracking.training_runs t
                SET status = 'running', started_at = now()
                FROM picked
                WHERE t.run_id = picked.run_id AND t.status = 'queued'
                RETURNING t.*
            ),
            leased AS (
                INSERT INTO tracking.run_leases AS l
                    (run_id, owner, attempt, max_attempts, claimed_at, heartbeat_at, lease_expires_at)
                SELECT run_id, {0}, 1, {3}, now(), now(), now() + {2} FROM claimed
                ON CONFLICT (run_id) DO UPDATE
                SET owner = EXCLUDED.owner, attempt = l.attempt + 1, max_attempts = EXCLUDED.max_attempts,
                    claimed_at = EXCLUDED.claimed_at, heartbeat_at = EXCLUDED.heartbeat_at,
                    lease_expires_at = EXCLUDED.lease_expires_at, ended_at = NULL, end_reason = NULL
                RETURNING l.*
            )
            SELECT c.*, %1$s, false AS resumed FROM claimed c JOIN leased l ON l.run_id = c.run_id
            UNION ALL
            SELECT r.*, %1$s, true FROM renewed l JOIN tracking.training_runs r ON r.run_id = l.run_id
            """.formatted(LEASE_COLUMNS);

    /**
     * {0} run, {1} owner: the owner gives its running run back to the queue (the lab's
     * {@code started_timestamp} check wants {@code started_at} NULL for a queued run).
     */
    private static final String RELEASE = """
            WITH mine AS (
                SELECT l.run_id
                FROM tracking.run_leases l
                JOIN tracking.training_runs r ON r.run_id = l.run_id
                WHERE l.run_id = {0} AND l.owner = {1} AND l.ended_at IS NULL AND r.status = 'running'
                FOR UPDATE OF l, r
            ),
            ended AS (
                UPDATE tracking.run_leases l SET ended_at = now(), end_reason = 'released'
                FROM mine WHERE l.run_id = mine.run_id
            )
            UPDATE tracking.training_runs t SET status = 'queued', started_at = NULL
            FROM mine WHERE t.run_id = mine.run_id
            RETURNING t.*
            """;

    /**
     * Every expired live lease on a running, live run, locked with SKIP LOCKED so that reapers of
     * many instances never reap one run twice nor wait on each other. A run with attempts left
     * goes back to the queue ({@code started_at} NULL, as {@code started_timestamp} requires); one
     * without fails ({@code completed_at} set, as {@code completed_timestamp} requires) with the
     * reason appended to its notes.
     */
    private static final String REAP = """
            WITH expired AS (
                SELECT l.run_id, l.owner, l.attempt, l.max_attempts, l.attempt >= l.max_attempts AS exhausted
                FROM tracking.run_leases l
                JOIN tracking.training_runs r ON r.run_id = l.run_id
                WHERE l.ended_at IS NULL AND l.lease_expires_at <= now()
                  AND r.status = 'running' AND r.archived_at IS NULL
                ORDER BY l.lease_expires_at, l.run_id
                FOR UPDATE OF l, r SKIP LOCKED
            ),
            ended AS (
                UPDATE tracking.run_leases l
                SET ended_at = now(),
                    end_reason = CASE WHEN e.exhausted THEN 'expired: failed' ELSE 'expired: requeued' END
                FROM expired e
                WHERE l.run_id = e.run_id
            ),
            moved AS (
                UPDATE tracking.training_runs t
                SET status = CASE WHEN e.exhausted THEN 'failed' ELSE 'queued' END,
                    started_at = CASE WHEN e.exhausted THEN t.started_at END,
                    completed_at = CASE WHEN e.exhausted THEN now() END,
                    notes = CASE WHEN e.exhausted
                        THEN COALESCE(t.notes || ' | ', '') || 'Failed: lease of ' || e.owner
                             || ' expired on attempt ' || e.attempt || ' of ' || e.max_attempts
                        ELSE t.notes END
                FROM expired e
                WHERE t.run_id = e.run_id
                RETURNING t.*
            )
            SELECT m.*, e.owner, e.attempt, e.max_attempts
            FROM moved m JOIN expired e ON e.run_id = m.run_id
            ORDER BY m.run_id
            """;

    private LeaseStatements() {
    }

    static ResultQuery<Record> claim(DSLContext ctx, String computeTarget, Lease lease) {
        return ctx.resultQuery(SchemaMapping.sql(ctx, CLAIM), DSL.val(lease.owner()), DSL.val(computeTarget), interval(lease.duration()),
                DSL.val(lease.maxAttempts())).coerce(concat(RUN_AND_LEASE, RESUMED));
    }

    static ResultQuery<Record> release(DSLContext ctx, UUID runId, String owner) {
        return ctx.resultQuery(SchemaMapping.sql(ctx, RELEASE), DSL.val(runId), DSL.val(owner)).coerce(T.fields());
    }

    static ResultQuery<Record> reap(DSLContext ctx) {
        return ctx.resultQuery(SchemaMapping.sql(ctx, REAP)).coerce(concat(T.fields(), L.OWNER, L.ATTEMPT, L.MAX_ATTEMPTS));
    }

    /** Live leases of an owner on running runs, oldest claim first. */
    static ResultQuery<Record> owned(DSLContext ctx, String owner) {
        return ctx.select(RUN_AND_LEASE).from(T).join(L).on(L.RUN_ID.eq(T.RUN_ID))
                .where(L.OWNER.eq(owner))
                .and(L.ENDED_AT.isNull())
                .and(L.LEASE_EXPIRES_AT.gt(DSL.currentOffsetDateTime()))
                .and(T.STATUS.eq(DSL.inline(RunStatus.RUNNING, T.STATUS)))
                .orderBy(L.CLAIMED_AT, L.RUN_ID);
    }

    /** The owner's live lease on a running run, extended to now() + extension; empty if it has none. */
    static ResultQuery<?> heartbeat(DSLContext ctx, UUID runId, String owner, Duration extension) {
        return ctx.update(L)
                .set(L.HEARTBEAT_AT, DSL.currentOffsetDateTime())
                .set(L.LEASE_EXPIRES_AT, fromNow(extension))
                .from(T)
                .where(L.RUN_ID.eq(runId))
                .and(L.OWNER.eq(owner))
                .and(L.ENDED_AT.isNull())
                .and(L.LEASE_EXPIRES_AT.gt(DSL.currentOffsetDateTime()))
                .and(T.RUN_ID.eq(L.RUN_ID))
                .and(T.STATUS.eq(DSL.inline(RunStatus.RUNNING, T.STATUS)))
                .returning();
    }

    static Run run(Record r) {
        return Run.from(r.into(T));
    }

    static LeasedRun leasedRun(Record r, boolean resumed) {
        Run run = run(r);
        return new LeasedRun(run, RunLease.from(r, run.runId()), resumed);
    }

    static ReapedRun reapedRun(Record r) {
        return new ReapedRun(run(r), r.get(L.OWNER), r.get(L.ATTEMPT), r.get(L.MAX_ATTEMPTS));
    }

    /**
     * Claims run only under READ COMMITTED: they lock with SKIP LOCKED and rely on seeing
     * concurrent commits, which REPEATABLE READ and SERIALIZABLE answer with serialization errors.
     * This form is for a statement that ran outside this session's transactions (it asks the connection).
     */
    static void requireReadCommitted(Session session, String operation) {
        String level = session.currentIsolationLevel();
        if (!"read committed".equals(level)) {
            throw new UnsupportedIsolationLevelException(operation, level, "read committed");
        }
    }

    static void requireReadCommitted(Session session, DSLContext ctx, String operation) {
        String level = session.isolationLevel(ctx);
        if (!"read committed".equals(level)) {
            throw new UnsupportedIsolationLevelException(operation, level, "read committed");
        }
    }

    /** A positive duration in whole milliseconds, as the lease columns count it. */
    static long millis(String field, Duration duration) {
        if (duration == null || duration.compareTo(java.time.Duration.ofMillis(1)) < 0) {
            throw new InvalidValueException(field, duration, "must be a duration of at least 1 ms");
        }
        org.mlregistry.core.internal.Validator.positiveDuration(field, duration);
        return duration.toMillis();
    }

    /** {@code (? * interval '1 millisecond')}, the milliseconds bound. */
    static Field<Object> interval(Duration duration) {
        return DSL.field("({0} * interval '1 millisecond')", DSL.val(millis("duration", duration)));
    }

    /** {@code now() + (? * interval '1 millisecond')}. */
    static Field<OffsetDateTime> fromNow(Duration duration) {
        return DSL.field("(now() + {0})", L.LEASE_EXPIRES_AT.getDataType(), interval(duration));
    }

    private static Field<?>[] concat(Field<?>[] first, Field<?>... more) {
        List<Field<?>> all = new ArrayList<>(Arrays.asList(first));
        all.addAll(Arrays.asList(more));
        return all.toArray(Field<?>[]::new);
    }
}
