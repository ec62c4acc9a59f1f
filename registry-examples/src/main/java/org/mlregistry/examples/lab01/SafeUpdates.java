package org.mlregistry.examples.lab01;

import static org.jooq.impl.DSL.avg;
import static org.jooq.impl.DSL.case_;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.condition;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.jsonbGetAttributeAsText;
import static org.jooq.impl.DSL.jsonbObject;
import static org.jooq.impl.DSL.key;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.val;
import static org.mlregistry.examples.lab01.Updates.NOW;
import static org.mlregistry.examples.lab01.Updates.merge;
import static org.mlregistry.examples.lab01.Updates.nowMinus;
import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record1;
import org.jooq.Record3;
import org.jooq.Record4;
import org.jooq.Record5;
import org.jooq.Result;
import org.jooq.impl.SQLDataType;
import org.jooq.types.DayToSecond;
import org.mlregistry.examples.catalog.LabStatement;
import org.mlregistry.schema.jooq.tracking.tables.TrainingRuns;
import org.mlregistry.schema.jooq.tracking.tables.records.TrainingRunsRecord;
import org.mlregistry.schema.types.RunStatus;

/**
 * Lab 01, Part 5, Step 5.2: safe update practices. The lab wraps each pattern in
 * {@code BEGIN; … COMMIT;} (or {@code ROLLBACK;}); here each statement runs in the caller's
 * transaction.
 */
public final class SafeUpdates {

    private SafeUpdates() {
    }

    /** The rows Pattern 1 archives: failed runs created more than 90 days ago. */
    private static Condition oldFailedRun() {
        return TRAINING_RUNS.STATUS.eq(RunStatus.FAILED)
                .and(TRAINING_RUNS.CREATED_AT.lt(nowMinus(new DayToSecond(90))));
    }

    @LabStatement(ids = "L1.P5.36", step = "Step 5.2: Safe Update Practices",
            title = "Step 1: Count affected rows", sql = """
            SELECT COUNT(*) AS will_update
            FROM training_runs
            WHERE status = 'failed'
              AND created_at < NOW() - INTERVAL '90 days';
            """)
    public static Result<Record1<Integer>> countOldFailedRuns(DSLContext ctx) {
        return ctx.select(count().as("will_update"))
                .from(TRAINING_RUNS)
                .where(oldFailedRun())
                .fetch();
    }

    @LabStatement(ids = "L1.P5.37", step = "Step 5.2: Safe Update Practices",
            title = "Step 2: Preview what will change", sql = """
            SELECT
                run_id,
                model_name,
                status,
                created_at,
                'WILL BE DELETED' AS action
            FROM training_runs
            WHERE status = 'failed'
              AND created_at < NOW() - INTERVAL '90 days'
            LIMIT 5;
            """)
    public static Result<Record5<UUID, String, RunStatus, OffsetDateTime, String>> previewOldFailedRuns(DSLContext ctx) {
        return ctx.select(TRAINING_RUNS.RUN_ID, TRAINING_RUNS.MODEL_NAME, TRAINING_RUNS.STATUS,
                        TRAINING_RUNS.CREATED_AT, inline("WILL BE DELETED").as("action"))
                .from(TRAINING_RUNS)
                .where(oldFailedRun())
                .limit(5)
                .fetch();
    }

    /**
     * Lab defect: the lab builds the jsonb by string concatenation,
     * {@code '{"archived": true, "archived_at": "' || NOW() || '"}'::jsonb}. The cast binds tighter
     * than {@code ||}, so PostgreSQL casts the literal {@code '"}'} alone, which is no JSON, and
     * refuses the statement. What the lab means is built here as a jsonb object, with NOW() as text.
     */
    @LabStatement(ids = "L1.P5.38", step = "Step 5.2: Safe Update Practices",
            title = "Step 4: Perform the update (or delete)", check = LabStatement.Check.SAME_EFFECT, sql = """
            UPDATE training_runs
            SET
                parameters = parameters || '{"archived": true, "archived_at": "' || NOW() || '"}'::jsonb,
                notes = COALESCE(notes || ' | ', '') || 'Archived: old failed run'
            WHERE status = 'failed'
              AND created_at < NOW() - INTERVAL '90 days'
            RETURNING run_id, model_name, status, created_at;
            """, checkedSql = """
            UPDATE training_runs
            SET
                parameters = parameters || jsonb_build_object('archived', true, 'archived_at', NOW()::text),
                notes = COALESCE(notes || ' | ', '') || 'Archived: old failed run'
            WHERE status = 'failed'
              AND created_at < NOW() - INTERVAL '90 days'
            RETURNING run_id, model_name, status, created_at;
            """)
    public static Result<Record4<UUID, String, RunStatus, OffsetDateTime>> archiveOldFailedRuns(DSLContext ctx) {
        return ctx.update(TRAINING_RUNS)
                .set(TRAINING_RUNS.PARAMETERS, merge(TRAINING_RUNS.PARAMETERS, jsonbObject(
                        key("archived").value(inline(true)),
                        key("archived_at").value(NOW.cast(SQLDataType.CLOB)))))
                .set(TRAINING_RUNS.NOTES, coalesce(TRAINING_RUNS.NOTES.concat(" | "), inline("")).concat("Archived: old failed run"))
                .where(oldFailedRun())
                .returningResult(TRAINING_RUNS.RUN_ID, TRAINING_RUNS.MODEL_NAME, TRAINING_RUNS.STATUS, TRAINING_RUNS.CREATED_AT)
                .fetch();
    }

    @LabStatement(ids = "L1.P5.39", step = "Step 5.2: Safe Update Practices",
            title = "Step 5: Verify count matches expectation", sql = """
            SELECT COUNT(*) AS updated
            FROM training_runs
            WHERE parameters @> '{"archived": true}'::jsonb;
            """)
    public static Result<Record1<Integer>> countArchivedRuns(DSLContext ctx) {
        // jsonb containment @>: jOOQ has no API for it, so a template with a bind value
        return ctx.select(count().as("updated"))
                .from(TRAINING_RUNS)
                .where(condition("{0} @> {1}", TRAINING_RUNS.PARAMETERS, val(JSONB.jsonb("{\"archived\": true}"))))
                .fetch();
    }

    /**
     * Lab placeholder: the lab writes {@code run_id = 'SOME-UUID'}, which is no UUID (PostgreSQL
     * refuses it). The example completes the running run of llm-fine-tune-mistral, looked up by name.
     */
    @LabStatement(ids = "L1.P5.42", step = "Step 5.2: Safe Update Practices",
            title = "Update but only if constraints will be met", check = LabStatement.Check.SAME_EFFECT, sql = """
            UPDATE training_runs
            SET
                accuracy = 0.95,
                status = 'succeeded',
                completed_at = NOW()
            WHERE run_id = 'SOME-UUID'
              AND status = 'running'
              AND started_at IS NOT NULL
              AND completed_at IS NULL
            RETURNING *;
            """, checkedSql = """
            UPDATE training_runs
            SET
                accuracy = 0.95,
                status = 'succeeded',
                completed_at = NOW()
            WHERE run_id = (SELECT run_id FROM training_runs WHERE model_name = 'llm-fine-tune-mistral')
              AND status = 'running'
              AND started_at IS NOT NULL
              AND completed_at IS NULL
            RETURNING *;
            """)
    public static Result<TrainingRunsRecord> completeRunningRunWithValidation(DSLContext ctx) {
        UUID runId = ctx.select(TRAINING_RUNS.RUN_ID)
                .from(TRAINING_RUNS)
                .where(TRAINING_RUNS.MODEL_NAME.eq("llm-fine-tune-mistral"))
                .fetchSingle(TRAINING_RUNS.RUN_ID);
        return completeRunningRunWithValidation(ctx, runId);
    }

    /** Marks one run succeeded, only if it is still running and its timestamps allow it. */
    public static Result<TrainingRunsRecord> completeRunningRunWithValidation(DSLContext ctx, UUID runId) {
        return ctx.update(TRAINING_RUNS)
                .set(TRAINING_RUNS.ACCURACY, new BigDecimal("0.95"))
                .set(TRAINING_RUNS.STATUS, RunStatus.SUCCEEDED)
                .set(TRAINING_RUNS.COMPLETED_AT, NOW)
                .where(TRAINING_RUNS.RUN_ID.eq(runId))
                .and(TRAINING_RUNS.STATUS.eq(RunStatus.RUNNING))
                .and(TRAINING_RUNS.STARTED_AT.isNotNull())
                .and(TRAINING_RUNS.COMPLETED_AT.isNull())
                .returning()
                .fetch();
    }

    @LabStatement(ids = "L1.P5.45", step = "Step 5.2: Safe Update Practices",
            title = "Pattern 3: Conditional update with CASE", check = LabStatement.Check.SAME_EFFECT, sql = """
            UPDATE training_runs
            SET gpu_hours = CASE
                WHEN compute_target LIKE '%a100%' THEN gpu_hours * 1.0
                WHEN compute_target LIKE '%v100%' THEN gpu_hours * 0.8
                WHEN compute_target LIKE '%t4%' THEN gpu_hours * 0.5
                ELSE gpu_hours
            END
            WHERE gpu_hours > 0
            RETURNING model_name, compute_target, gpu_hours;
            """)
    public static Result<Record3<String, String, BigDecimal>> weightGpuHoursByGpuType(DSLContext ctx) {
        return ctx.update(TRAINING_RUNS)
                .set(TRAINING_RUNS.GPU_HOURS, case_()
                        .when(TRAINING_RUNS.COMPUTE_TARGET.like("%a100%"), TRAINING_RUNS.GPU_HOURS.mul(new BigDecimal("1.0")))
                        .when(TRAINING_RUNS.COMPUTE_TARGET.like("%v100%"), TRAINING_RUNS.GPU_HOURS.mul(new BigDecimal("0.8")))
                        .when(TRAINING_RUNS.COMPUTE_TARGET.like("%t4%"), TRAINING_RUNS.GPU_HOURS.mul(new BigDecimal("0.5")))
                        .else_(TRAINING_RUNS.GPU_HOURS))
                .where(TRAINING_RUNS.GPU_HOURS.gt(BigDecimal.ZERO))
                .returningResult(TRAINING_RUNS.MODEL_NAME, TRAINING_RUNS.COMPUTE_TARGET, TRAINING_RUNS.GPU_HOURS)
                .fetch();
    }

    @LabStatement(ids = "L1.P5.48", step = "Step 5.2: Safe Update Practices",
            title = "Update runs to mark them as \"above average\"", check = LabStatement.Check.SAME_EFFECT, sql = """
            UPDATE training_runs t1
            SET parameters = parameters || '{"performance": "above_average"}'::jsonb
            WHERE accuracy > (
                SELECT AVG(accuracy)
                FROM training_runs
                WHERE accuracy IS NOT NULL
            )
            AND accuracy IS NOT NULL
            RETURNING model_name, accuracy, parameters->>'performance';
            """)
    public static Result<Record3<String, BigDecimal, String>> markAboveAverageRuns(DSLContext ctx) {
        TrainingRuns t1 = TRAINING_RUNS.as("t1");
        return ctx.update(t1)
                .set(t1.PARAMETERS, merge(t1.PARAMETERS, val(JSONB.jsonb("{\"performance\": \"above_average\"}"))))
                .where(t1.ACCURACY.gt(select(avg(TRAINING_RUNS.ACCURACY))
                        .from(TRAINING_RUNS)
                        .where(TRAINING_RUNS.ACCURACY.isNotNull())))
                .and(t1.ACCURACY.isNotNull())
                .returningResult(t1.MODEL_NAME, t1.ACCURACY, jsonbGetAttributeAsText(t1.PARAMETERS, "performance"))
                .fetch();
    }
}
