package org.mlregistry.core.tracking;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertSetMoreStep;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.mlregistry.core.error.DuplicateRunInBatchException;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.internal.SchemaMapping;
import org.mlregistry.schema.jooq.tracking.tables.TrainingRuns;
import org.mlregistry.schema.jooq.tracking.tables.records.TrainingRunsRecord;

/** The one-statement writes behind {@link Runs#submitAll} and {@link Runs#record}. */
final class RunInserts {

    private static final TrainingRuns T = Runs.T;

    /**
     * {0}..{7}: arrays of ids, models, frameworks, experiments, datasets, targets, parameters,
     * notes. Rows that {@code unique_daily_run} refuses are skipped by {@code ON CONFLICT DO
     * NOTHING} so that Java can name the first one by its position, then refuse the whole batch.
     */
    private static final String SUBMIT_ALL = """
            INSERT INTO tracking.training_runs
                (run_id, model_name, framework, experiment_name, dataset, compute_target, parameters, notes, status)
            SELECT u.run_id, u.model_name, u.framework, u.experiment_name, u.dataset, u.compute_target,
                   u.parameters::jsonb, u.notes, 'queued'
            FROM unnest({0}::uuid[], {1}::text[], {2}::text[], {3}::text[], {4}::text[], {5}::text[], {6}::text[], {7}::text[])
                WITH ORDINALITY AS u(run_id, model_name, framework, experiment_name, dataset, compute_target, parameters, notes, ord)
            ORDER BY u.ord
            ON CONFLICT DO NOTHING
            RETURNING *
            """;

    private RunInserts() {
    }

    /** Checks the batch (no null run), inserts it and returns the stored runs in batch order. */
    /** Refuses a batch with a null run, before any round trip. */
    static void refuseNulls(List<NewRun> runs) {
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i) == null) {
                throw new InvalidValueException("runs[" + i + "]", null, "must not be null");
            }
        }
    }

    static List<Run> submitAll(DSLContext ctx, List<NewRun> runs) {
        refuseNulls(runs);
        if (runs.isEmpty()) {
            return List.of();
        }
        UUID[] ids = new UUID[runs.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = UUID.randomUUID();
        }
        Map<UUID, Run> stored = new HashMap<>();
        ctx.resultQuery(SchemaMapping.sql(ctx, SUBMIT_ALL), DSL.val(ids),
                        column(runs, NewRun::modelName), column(runs, r -> r.framework().getLiteral()),
                        column(runs, NewRun::experimentName), column(runs, NewRun::dataset),
                        column(runs, NewRun::computeTarget), column(runs, NewRun::parametersJson),
                        column(runs, NewRun::notes))
                .coerce(T.fields())
                .fetch()
                .forEach(r -> stored.put(r.get(T.RUN_ID), Run.from(r.into(T))));
        List<Run> inOrder = new ArrayList<>(runs.size());
        for (int i = 0; i < ids.length; i++) {
            Run run = stored.get(ids[i]);
            if (run == null) {
                NewRun refused = runs.get(i);
                throw new DuplicateRunInBatchException(i, refused.modelName() + "/" + refused.experimentName() + "/" + refused.dataset());
            }
            inOrder.add(run);
        }
        return inOrder;
    }

    /** Inserts a finished run with every value given; unset times are now(). */
    /** An INSERT of run's columns into tracking.training_runs; the caller sets the status and what follows. */
    static InsertSetMoreStep<TrainingRunsRecord> insertOf(DSLContext ctx, NewRun run) {
        return ctx.insertInto(T)
                .set(T.MODEL_NAME, run.modelName())
                .set(T.FRAMEWORK, run.framework())
                .set(T.EXPERIMENT_NAME, run.experimentName())
                .set(T.DATASET, run.dataset())
                .set(T.COMPUTE_TARGET, run.computeTarget())
                .set(T.PARAMETERS, JSONB.valueOf(run.parametersJson()))
                .set(T.NOTES, run.notes());
    }

    static Run record(DSLContext ctx, FinishedRun finished) {
        NewRun run = finished.run();
        Metrics m = finished.metrics();
        return Run.from(insertOf(ctx, run)
                .set(T.STATUS, finished.status())
                .set(T.ACCURACY, m.accuracyValue())
                .set(T.LOSS, m.lossValue())
                .set(T.PRECISION_SCORE, m.precisionValue())
                .set(T.RECALL_SCORE, m.recallValue())
                .set(T.F1_SCORE, m.f1Value())
                .set(T.GPU_HOURS, finished.gpuHoursValue())
                .set(T.CPU_HOURS, finished.cpuHoursValue())
                .set(T.CREATED_AT, orNow(finished.createdAt()))
                .set(T.STARTED_AT, orNow(finished.startedAt()))
                .set(T.COMPLETED_AT, orNow(finished.completedAt()))
                .returning()
                .fetchSingle());
    }

    private static Field<OffsetDateTime> orNow(OffsetDateTime value) {
        return value == null ? DSL.currentOffsetDateTime() : DSL.val(value, T.CREATED_AT);
    }

    private static Field<String[]> column(List<NewRun> runs, Function<NewRun, String> value) {
        return DSL.val(runs.stream().map(value).toArray(String[]::new));
    }
}
