package org.mlregistry.core.tracking;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.ResultQuery;
import org.jooq.UpdateResultStep;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.mlregistry.core.error.InvalidTransitionException;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.core.error.RunArchivedException;
import org.mlregistry.core.internal.Validator;
import org.mlregistry.schema.jooq.tracking.tables.RunLeases;
import org.mlregistry.schema.jooq.tracking.tables.TrainingRuns;
import org.mlregistry.schema.jooq.tracking.tables.records.TrainingRunsRecord;
import org.mlregistry.schema.types.RunStatus;

/** The statements behind {@link Runs}' lifecycle steps, claims and updates, each in the caller's transaction. */
final class RunStatements {

    private static final TrainingRuns T = Runs.T;
    private static final String ENTITY = Runs.ENTITY;

    private RunStatements() {
    }

    static <V> void putIfSet(Map<Field<?>, Field<?>> set, Field<V> field, V value) {
        if (value != null) {
            set.put(field, DSL.val(value, field));
        }
    }

    /** {@code notes = COALESCE(notes || ' | ', '') || ?} */
    static Field<String> appendedNote(String note) {
        return DSL.coalesce(T.NOTES.concat(DSL.inline(" | ")), DSL.inline("")).concat(DSL.val(note));
    }

    static Run transition(DSLContext ctx, UUID runId, RunTransition transition, Map<Field<?>, Field<?>> extra) {
        Validator.required("runId", runId);
        {
            Map<Field<?>, Object> set = new HashMap<>(extra);
            set.put(T.STATUS, DSL.val(transition.target(), T.STATUS));
            Field<OffsetDateTime> now = DSL.currentOffsetDateTime();
            if (transition.target() == RunStatus.RUNNING) {
                set.put(T.STARTED_AT, now);
            } else if (transition.target().isTerminal()) {
                set.put(T.STARTED_AT, DSL.coalesce(T.STARTED_AT, now));
                set.put(T.COMPLETED_AT, now);
            }
            var update = ctx.update(T).set(set)
                    .where(T.RUN_ID.eq(runId).and(T.STATUS.in(transition.from())).and(T.ARCHIVED_AT.isNull()))
                    .returning();
            Optional<TrainingRunsRecord> updated = (transition.target().isTerminal()
                    ? endingLease(ctx, update, transition.target()) : update).fetchOptional();
            if (updated.isPresent()) {
                return Run.from(updated.get());
            }
            var current = ctx.select(T.STATUS, T.ARCHIVED_AT).from(T).where(T.RUN_ID.eq(runId)).fetchOptional()
                    .orElseThrow(() -> new NotFoundException(ENTITY, runId));
            if (current.value2() != null) {
                throw new RunArchivedException(runId, current.value1(), transition.target(), current.value2());
            }
            throw new InvalidTransitionException(ENTITY, runId, current.value1(), transition.target());
        }
    }

    /** The change, and the end of the run's live lease (if any) when it changed, as one statement. */
    private static ResultQuery<TrainingRunsRecord> endingLease(DSLContext ctx, ResultQuery<TrainingRunsRecord> change,
            RunStatus target) {
        RunLeases l = LeaseStatements.L;
        CommonTableExpression<TrainingRunsRecord> changed = DSL.name("changed").as(change);
        return ctx.with(changed)
                .with(DSL.name("ended").as(DSL.update(l)
                        .set(l.ENDED_AT, DSL.currentOffsetDateTime())
                        .set(l.END_REASON, "finished: " + target.getLiteral())
                        .where(l.RUN_ID.in(DSL.select(changed.field(T.RUN_ID)).from(changed)))
                        .and(l.ENDED_AT.isNull())
                        .returningResult(l.RUN_ID)))
                .select(changed.fields()).from(changed).coerce(T);
    }

    /**
     * The claim statement. The status literals are inlined, not bound, so that the planner can
     * match the partial index {@code idx_training_runs_claim (… WHERE status = 'queued')} also in
     * a generic plan of the prepared statement.
     */
    static UpdateResultStep<TrainingRunsRecord> claim(DSLContext ctx, String computeTarget) {
        TrainingRuns q = T.as("q");
        return ctx.update(T)
                .set(T.STATUS, DSL.inline(RunStatus.RUNNING, T.STATUS))
                .set(T.STARTED_AT, DSL.currentOffsetDateTime())
                .where(T.RUN_ID.eq(DSL.select(q.RUN_ID).from(q)
                        .where(q.STATUS.eq(DSL.inline(RunStatus.QUEUED, q.STATUS)))
                        .and(q.COMPUTE_TARGET.eq(computeTarget))
                        .and(q.ARCHIVED_AT.isNull())
                        // nothing qualifies outside READ COMMITTED: the caller then refuses the transaction
                        .and(DSL.field("current_setting('transaction_isolation')", String.class).eq(DSL.inline("read committed")))
                        .orderBy(q.CREATED_AT, q.RUN_ID)
                        .limit(DSL.inline(1))
                        .forUpdate()
                        .skipLocked()))
                .and(T.STATUS.eq(DSL.inline(RunStatus.QUEUED, T.STATUS)))
                .returning();
    }

    static void checkTotal(String field, BigDecimal current, BigDecimal added) {
        BigDecimal total = (current == null ? BigDecimal.ZERO : current).add(added);
        BigDecimal limit = BigDecimal.TEN.pow(Validator.HOURS_PRECISION - Validator.HOURS_SCALE);
        if (total.setScale(Validator.HOURS_SCALE, java.math.RoundingMode.HALF_UP).compareTo(limit) >= 0) {
            throw new InvalidValueException(field, total, "total (" + (current == null ? BigDecimal.ZERO : current) + " + "
                    + added + ") must stay below " + limit + " (NUMERIC(" + Validator.HOURS_PRECISION + "," + Validator.HOURS_SCALE + "))");
        }
    }

    static Run updateOne(DSLContext ctx, UUID runId, Map<Field<?>, Field<?>> set) {
        Validator.required("runId", runId);
        return ctx.update(T).set(set).where(T.RUN_ID.eq(runId)).returning().fetchOptional()
                .map(Run::from)
                .orElseThrow(() -> new NotFoundException(ENTITY, runId));
    }

    /** {@code now() - (? * interval '1 millisecond')}, the value bound. */
    static Field<OffsetDateTime> olderThan(Duration age) {
        return DSL.field("(now() - ({0} * interval '1 millisecond'))", SQLDataType.TIMESTAMPWITHTIMEZONE(6),
                DSL.val(age.toMillis()));
    }

    static Condition live() {
        return T.ARCHIVED_AT.isNull();
    }

    static Run addHours(DSLContext ctx, UUID runId, BigDecimal gpu, BigDecimal cpu) {
        // lock the row: the totals checked are the totals the update adds to
        TrainingRunsRecord current = ctx.selectFrom(T).where(T.RUN_ID.eq(runId)).forNoKeyUpdate().fetchOptional()
                .orElseThrow(() -> new NotFoundException(ENTITY, runId));
        checkTotal("gpu_hours", current.getGpuHours(), gpu);
        checkTotal("cpu_hours", current.getCpuHours(), cpu);
        return Run.from(ctx.update(T)
                .set(T.GPU_HOURS, DSL.coalesce(T.GPU_HOURS, BigDecimal.ZERO).plus(gpu))
                .set(T.CPU_HOURS, DSL.coalesce(T.CPU_HOURS, BigDecimal.ZERO).plus(cpu))
                .where(T.RUN_ID.eq(runId)).returning().fetchSingle());
    }

    static List<Run> deriveF1(DSLContext ctx) {
        Field<BigDecimal> f1 = DSL.round(DSL.inline(BigDecimal.valueOf(2)).times(T.PRECISION_SCORE).times(T.RECALL_SCORE)
                .div(T.PRECISION_SCORE.plus(T.RECALL_SCORE)), 4);
        return ctx.update(T).set(T.F1_SCORE, f1)
                .where(T.ARCHIVED_AT.isNull())
                .and(T.PRECISION_SCORE.isNotNull())
                .and(T.RECALL_SCORE.isNotNull())
                .and(T.F1_SCORE.isNull())
                .and(T.PRECISION_SCORE.plus(T.RECALL_SCORE).gt(BigDecimal.ZERO))
                .returning()
                .fetch()
                .map(Run::from);
    }

    static List<Run> cancelQueuedOlderThan(DSLContext ctx, Duration maxAge) {
        Field<OffsetDateTime> now = DSL.currentOffsetDateTime();
        return ctx.update(T)
                .set(T.STATUS, RunStatus.CANCELLED)
                .set(T.STARTED_AT, now)
                .set(T.COMPLETED_AT, now)
                .set(T.NOTES, appendedNote("Auto-cancelled: queued for over " + maxAge + " without starting"))
                .where(T.STATUS.eq(RunStatus.QUEUED))
                .and(T.ARCHIVED_AT.isNull())
                .and(T.CREATED_AT.lt(olderThan(maxAge)))
                .returning()
                .fetch()
                .map(Run::from);
    }
}
