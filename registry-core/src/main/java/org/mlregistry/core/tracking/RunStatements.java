package org.mlregistry.core.tracking;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
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
import org.mlregistry.core.internal.FixedShape;
import org.mlregistry.core.internal.Validator;
import org.mlregistry.schema.jooq.tracking.tables.RunLeases;
import org.mlregistry.schema.jooq.tracking.tables.TrainingRuns;
import org.mlregistry.schema.jooq.tracking.tables.records.TrainingRunsRecord;
import org.mlregistry.schema.types.RunStatus;

/** The statements behind {@link Runs}' lifecycle steps, claims and updates, each in the caller's transaction. */
final class RunStatements {

    private static final TrainingRuns T = Runs.T;
    private static final String ENTITY = Runs.ENTITY;
    /** The claim's subquery alias; an aliased table is costly to create (every field is copied), so it is made once. */
    private static final TrainingRuns Q = T.as("q");

    private RunStatements() {
    }

    static <V> void putIfSet(Map<Field<?>, Object> set, Field<V> field, V value) {
        if (value != null) {
            set.put(field, value);
        }
    }

    /** {@code notes = COALESCE(notes || ' | ', '') || ?} */
    static Field<String> appendedNote(String note) {
        return appendedNote(DSL.val(note));
    }

    private static Field<String> appendedNote(Field<String> note) {
        return DSL.coalesce(T.NOTES.concat(DSL.inline(" | ")), DSL.inline("")).concat(note);
    }

    /** Every column of one run: {@code SELECT … FROM training_runs WHERE run_id = ?}. */
    private static final FixedShape<TrainingRunsRecord> BY_ID =
            FixedShape.of(T, ctx -> ctx.selectFrom(T).where(T.RUN_ID.eq(FixedShape.slot(0, T.RUN_ID))));

    /** {@link #claim} with the compute target as its one value. */
    private static final FixedShape<TrainingRunsRecord> CLAIM =
            FixedShape.of(T, ctx -> claim(ctx, FixedShape.slot(0, T.COMPUTE_TARGET)));

    /**
     * The statement of each lifecycle step per set of columns it also writes (at most the five
     * metrics, or the note): a small set that is filled as steps are taken.
     */
    private static final Map<String, FixedShape<TrainingRunsRecord>> TRANSITIONS = new ConcurrentHashMap<>();

    static Optional<Run> find(DSLContext ctx, UUID runId) {
        return BY_ID.with(ctx, runId).fetchOptional().map(Run::from);
    }

    static Optional<Run> claimNext(DSLContext ctx, String computeTarget) {
        return CLAIM.with(ctx, computeTarget).fetchOptional().map(Run::from);
    }

    /**
     * Takes a lifecycle step in one statement, or says why the run could not take it.
     *
     * @param extra columns also written, with their values; {@code notes} is appended to, not replaced
     */
    static Run transition(DSLContext ctx, UUID runId, RunTransition transition, Map<Field<?>, Object> extra) {
        Validator.required("runId", runId);
        List<Field<?>> columns = extra.keySet().stream().sorted(Comparator.comparing(Field::getName)).toList();
        String key = transition + columns.stream().map(Field::getName).collect(Collectors.joining(",", "(", ")"));
        Object[] values = new Object[columns.size() + 1];
        values[0] = runId;
        for (int i = 0; i < columns.size(); i++) {
            values[i + 1] = extra.get(columns.get(i));
        }
        Optional<TrainingRunsRecord> updated = TRANSITIONS.computeIfAbsent(key, k -> transitionShape(transition, columns))
                .with(ctx, values).fetchOptional();
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

    /** Slot 0 is the run id, slots 1… the extra columns' values in the given order. */
    private static FixedShape<TrainingRunsRecord> transitionShape(RunTransition transition, List<Field<?>> columns) {
        return FixedShape.of(T, ctx -> {
            Map<Field<?>, Object> set = new HashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                Field<?> column = columns.get(i);
                set.put(column, column.equals(T.NOTES) ? appendedNote(FixedShape.slot(i + 1, T.NOTES)) : FixedShape.slot(i + 1, column));
            }
            set.put(T.STATUS, DSL.val(transition.target(), T.STATUS));
            Field<OffsetDateTime> now = DSL.currentOffsetDateTime();
            if (transition.target() == RunStatus.RUNNING) {
                set.put(T.STARTED_AT, now);
            } else if (transition.target().isTerminal()) {
                set.put(T.STARTED_AT, DSL.coalesce(T.STARTED_AT, now));
                set.put(T.COMPLETED_AT, now);
            }
            var update = ctx.update(T).set(set)
                    .where(T.RUN_ID.eq(FixedShape.slot(0, T.RUN_ID)).and(T.STATUS.in(transition.from())).and(T.ARCHIVED_AT.isNull()))
                    .returning();
            return transition.target().isTerminal() ? endingLease(ctx, update, transition.target()) : update;
        });
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
        return claim(ctx, DSL.val(computeTarget, T.COMPUTE_TARGET));
    }

    private static UpdateResultStep<TrainingRunsRecord> claim(DSLContext ctx, Field<String> computeTarget) {
        TrainingRuns q = Q;
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
