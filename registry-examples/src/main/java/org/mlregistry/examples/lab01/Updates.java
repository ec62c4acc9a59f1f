package org.mlregistry.examples.lab01;

import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.condition;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.function;
import static org.jooq.impl.DSL.jsonbGetAttributeAsText;
import static org.jooq.impl.DSL.jsonbObject;
import static org.jooq.impl.DSL.key;
import static org.jooq.impl.DSL.lower;
import static org.jooq.impl.DSL.not;
import static org.jooq.impl.DSL.nullif;
import static org.jooq.impl.DSL.round;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.val;
import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record2;
import org.jooq.Record3;
import org.jooq.Record4;
import org.jooq.Record5;
import org.jooq.Record6;
import org.jooq.Result;
import org.jooq.impl.SQLDataType;
import org.jooq.types.DayToSecond;
import org.jooq.types.Interval;
import org.jooq.types.YearToSecond;
import org.mlregistry.examples.catalog.LabStatement;
import org.mlregistry.schema.jooq.tracking.tables.records.TrainingRunsRecord;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.RunStatus;

/**
 * Lab 01, Part 5, Step 5.1: updates. Each lab update runs between {@code BEGIN;} and
 * {@code COMMIT;}; here the update runs in the caller's transaction.
 */
public final class Updates {

    private Updates() {
    }

    /** {@code now()}: the transaction's start time, the same for every statement of a transaction. */
    static final Field<OffsetDateTime> NOW = currentOffsetDateTime();

    /** {@code NOW() - INTERVAL '…'}. */
    static Field<OffsetDateTime> nowMinus(Interval interval) {
        return NOW.minus(val(interval));
    }

    /** {@code left || right} on jsonb: merges the keys of right into left (jOOQ has no API for it). */
    static Field<JSONB> merge(Field<JSONB> left, Field<JSONB> right) {
        return field("({0} || {1})", SQLDataType.JSONB, left, right);
    }

    /** {@code jsonb ? key}, written as the operator's function jsonb_exists (JDBC reads {@code ?} as a bind marker). */
    static Condition hasKey(Field<JSONB> document, String key) {
        return condition(function("jsonb_exists", SQLDataType.BOOLEAN, document, val(key)));
    }

    @LabStatement(ids = "L1.P5.02", step = "Step 5.1: Add Update Examples to CRUD File",
            title = "Preview what will be updated", sql = """
            SELECT run_id, model_name, status, started_at
            FROM training_runs
            WHERE status = 'queued'
              AND model_name = 'reinforcement-learning-ppo';
            """)
    public static Result<Record4<UUID, String, RunStatus, OffsetDateTime>> previewQueuedJobToStart(DSLContext ctx) {
        return ctx.select(TRAINING_RUNS.RUN_ID, TRAINING_RUNS.MODEL_NAME, TRAINING_RUNS.STATUS, TRAINING_RUNS.STARTED_AT)
                .from(TRAINING_RUNS)
                .where(TRAINING_RUNS.STATUS.eq(RunStatus.QUEUED))
                .and(TRAINING_RUNS.MODEL_NAME.eq("reinforcement-learning-ppo"))
                .fetch();
    }

    @LabStatement(ids = "L1.P5.03", step = "Step 5.1: Add Update Examples to CRUD File",
            title = "Perform update", check = LabStatement.Check.SAME_EFFECT, sql = """
            UPDATE training_runs
            SET
                status = 'running',
                started_at = NOW(),
                notes = 'Job picked up by scheduler at ' || NOW()
            WHERE status = 'queued'
              AND model_name = 'reinforcement-learning-ppo'
            RETURNING run_id, model_name, status, started_at;
            """)
    public static Result<Record4<UUID, String, RunStatus, OffsetDateTime>> startQueuedJob(DSLContext ctx) {
        return ctx.update(TRAINING_RUNS)
                .set(TRAINING_RUNS.STATUS, RunStatus.RUNNING)
                .set(TRAINING_RUNS.STARTED_AT, NOW)
                // text || timestamptz: jOOQ casts the timestamp to text, as PostgreSQL does implicitly
                .set(TRAINING_RUNS.NOTES, val("Job picked up by scheduler at ").concat(NOW))
                .where(TRAINING_RUNS.STATUS.eq(RunStatus.QUEUED))
                .and(TRAINING_RUNS.MODEL_NAME.eq("reinforcement-learning-ppo"))
                .returningResult(TRAINING_RUNS.RUN_ID, TRAINING_RUNS.MODEL_NAME, TRAINING_RUNS.STATUS, TRAINING_RUNS.STARTED_AT)
                .fetch();
    }

    @LabStatement(ids = "L1.P5.06", step = "Step 5.1: Add Update Examples to CRUD File",
            title = "Update 2: Complete a successful run", check = LabStatement.Check.SAME_EFFECT, sql = """
            UPDATE training_runs
            SET
                status = 'succeeded',
                completed_at = NOW(),
                accuracy = 0.9456,
                loss = 0.1892,
                precision_score = 0.9423,
                recall_score = 0.9489,
                f1_score = 0.9456,
                gpu_hours = gpu_hours + 18.5,
                notes = 'Training completed successfully. Model deployed to production.'
            WHERE status = 'running'
              AND model_name = 'llm-fine-tune-mistral'
            RETURNING run_id, model_name, status, accuracy, gpu_hours, completed_at;
            """)
    public static Result<Record6<UUID, String, RunStatus, BigDecimal, BigDecimal, OffsetDateTime>> completeSuccessfulRun(DSLContext ctx) {
        return ctx.update(TRAINING_RUNS)
                .set(TRAINING_RUNS.STATUS, RunStatus.SUCCEEDED)
                .set(TRAINING_RUNS.COMPLETED_AT, NOW)
                .set(TRAINING_RUNS.ACCURACY, new BigDecimal("0.9456"))
                .set(TRAINING_RUNS.LOSS, new BigDecimal("0.1892"))
                .set(TRAINING_RUNS.PRECISION_SCORE, new BigDecimal("0.9423"))
                .set(TRAINING_RUNS.RECALL_SCORE, new BigDecimal("0.9489"))
                .set(TRAINING_RUNS.F1_SCORE, new BigDecimal("0.9456"))
                .set(TRAINING_RUNS.GPU_HOURS, TRAINING_RUNS.GPU_HOURS.plus(new BigDecimal("18.5")))
                .set(TRAINING_RUNS.NOTES, "Training completed successfully. Model deployed to production.")
                .where(TRAINING_RUNS.STATUS.eq(RunStatus.RUNNING))
                .and(TRAINING_RUNS.MODEL_NAME.eq("llm-fine-tune-mistral"))
                .returningResult(TRAINING_RUNS.RUN_ID, TRAINING_RUNS.MODEL_NAME, TRAINING_RUNS.STATUS,
                        TRAINING_RUNS.ACCURACY, TRAINING_RUNS.GPU_HOURS, TRAINING_RUNS.COMPLETED_AT)
                .fetch();
    }

    @LabStatement(ids = "L1.P5.09", step = "Step 5.1: Add Update Examples to CRUD File",
            title = "Update 3: Mark a running job as failed", check = LabStatement.Check.SAME_EFFECT, sql = """
            UPDATE training_runs
            SET
                status = 'failed',
                completed_at = NOW(),
                notes = 'Out of memory error. Killed by scheduler. Try reducing batch size to 128.'
            WHERE status = 'running'
              AND model_name = 'multimodal-clip-training'
            RETURNING run_id, model_name, status, completed_at, notes;
            """)
    public static Result<Record5<UUID, String, RunStatus, OffsetDateTime, String>> markRunningJobFailed(DSLContext ctx) {
        return ctx.update(TRAINING_RUNS)
                .set(TRAINING_RUNS.STATUS, RunStatus.FAILED)
                .set(TRAINING_RUNS.COMPLETED_AT, NOW)
                .set(TRAINING_RUNS.NOTES, "Out of memory error. Killed by scheduler. Try reducing batch size to 128.")
                .where(TRAINING_RUNS.STATUS.eq(RunStatus.RUNNING))
                .and(TRAINING_RUNS.MODEL_NAME.eq("multimodal-clip-training"))
                .returningResult(TRAINING_RUNS.RUN_ID, TRAINING_RUNS.MODEL_NAME, TRAINING_RUNS.STATUS,
                        TRAINING_RUNS.COMPLETED_AT, TRAINING_RUNS.NOTES)
                .fetch();
    }

    @LabStatement(ids = "L1.P5.12", step = "Step 5.1: Add Update Examples to CRUD File",
            title = "Add tuning metadata to parameters", check = LabStatement.Check.SAME_EFFECT, sql = """
            UPDATE training_runs
            SET
                parameters = parameters || '{"tuned": true, "final_lr": 0.00001, "updated_at": "2025-11-01"}'::jsonb
            WHERE model_name = 'bert-sentiment-analysis'
              AND status = 'succeeded'
            RETURNING model_name, parameters;
            """)
    public static Result<Record2<String, JSONB>> addTuningMetadata(DSLContext ctx) {
        JSONB tuning = JSONB.jsonb("{\"tuned\": true, \"final_lr\": 0.00001, \"updated_at\": \"2025-11-01\"}");
        return ctx.update(TRAINING_RUNS)
                .set(TRAINING_RUNS.PARAMETERS, merge(TRAINING_RUNS.PARAMETERS, val(tuning)))
                .where(TRAINING_RUNS.MODEL_NAME.eq("bert-sentiment-analysis"))
                .and(TRAINING_RUNS.STATUS.eq(RunStatus.SUCCEEDED))
                .returningResult(TRAINING_RUNS.MODEL_NAME, TRAINING_RUNS.PARAMETERS)
                .fetch();
    }

    @LabStatement(ids = "L1.P5.15", step = "Step 5.1: Add Update Examples to CRUD File",
            title = "Update 5: Bulk update - tag old runs", check = LabStatement.Check.SAME_EFFECT, sql = """
            UPDATE training_runs
            SET
                created_by = 'legacy_system',
                parameters = parameters || '{"legacy": true}'::jsonb
            WHERE created_by = 'mlops'
              AND created_at < NOW() - INTERVAL '10 days'
            RETURNING model_name, created_by, created_at;
            """)
    public static Result<Record3<String, String, OffsetDateTime>> tagOldRunsAsLegacy(DSLContext ctx) {
        return ctx.update(TRAINING_RUNS)
                .set(TRAINING_RUNS.CREATED_BY, "legacy_system")
                .set(TRAINING_RUNS.PARAMETERS, merge(TRAINING_RUNS.PARAMETERS, val(JSONB.jsonb("{\"legacy\": true}"))))
                .where(TRAINING_RUNS.CREATED_BY.eq("mlops"))
                .and(TRAINING_RUNS.CREATED_AT.lt(nowMinus(new DayToSecond(10))))
                .returningResult(TRAINING_RUNS.MODEL_NAME, TRAINING_RUNS.CREATED_BY, TRAINING_RUNS.CREATED_AT)
                .fetch();
    }

    @LabStatement(ids = "L1.P5.18", step = "Step 5.1: Add Update Examples to CRUD File",
            title = "Preview calculation", sql = """
            SELECT
                model_name,
                precision_score,
                recall_score,
                f1_score AS current_f1,
                2.0 * (precision_score * recall_score) / NULLIF((precision_score + recall_score), 0) AS calculated_f1
            FROM training_runs
            WHERE precision_score IS NOT NULL
              AND recall_score IS NOT NULL
              AND f1_score IS NULL;
            """)
    public static Result<Record5<String, BigDecimal, BigDecimal, BigDecimal, BigDecimal>> previewF1Calculation(DSLContext ctx) {
        return ctx.select(
                        TRAINING_RUNS.MODEL_NAME,
                        TRAINING_RUNS.PRECISION_SCORE,
                        TRAINING_RUNS.RECALL_SCORE,
                        TRAINING_RUNS.F1_SCORE.as("current_f1"),
                        val(new BigDecimal("2.0")).mul(TRAINING_RUNS.PRECISION_SCORE.mul(TRAINING_RUNS.RECALL_SCORE))
                                .div(nullif(TRAINING_RUNS.PRECISION_SCORE.plus(TRAINING_RUNS.RECALL_SCORE), BigDecimal.ZERO))
                                .as("calculated_f1"))
                .from(TRAINING_RUNS)
                .where(TRAINING_RUNS.PRECISION_SCORE.isNotNull())
                .and(TRAINING_RUNS.RECALL_SCORE.isNotNull())
                .and(TRAINING_RUNS.F1_SCORE.isNull())
                .fetch();
    }

    @LabStatement(ids = "L1.P5.19", step = "Step 5.1: Add Update Examples to CRUD File",
            title = "Update", check = LabStatement.Check.SAME_EFFECT, sql = """
            UPDATE training_runs
            SET
                f1_score = 2.0 * (precision_score * recall_score) / (precision_score + recall_score)
            WHERE precision_score IS NOT NULL
              AND recall_score IS NOT NULL
              AND f1_score IS NULL
              AND (precision_score + recall_score) > 0
            RETURNING model_name, precision_score, recall_score, f1_score;
            """)
    public static Result<Record4<String, BigDecimal, BigDecimal, BigDecimal>> fillMissingF1Scores(DSLContext ctx) {
        Field<BigDecimal> sum = TRAINING_RUNS.PRECISION_SCORE.plus(TRAINING_RUNS.RECALL_SCORE);
        return ctx.update(TRAINING_RUNS)
                .set(TRAINING_RUNS.F1_SCORE, val(new BigDecimal("2.0"))
                        .mul(TRAINING_RUNS.PRECISION_SCORE.mul(TRAINING_RUNS.RECALL_SCORE)).div(sum))
                .where(TRAINING_RUNS.PRECISION_SCORE.isNotNull())
                .and(TRAINING_RUNS.RECALL_SCORE.isNotNull())
                .and(TRAINING_RUNS.F1_SCORE.isNull())
                .and(sum.gt(BigDecimal.ZERO))
                .returningResult(TRAINING_RUNS.MODEL_NAME, TRAINING_RUNS.PRECISION_SCORE,
                        TRAINING_RUNS.RECALL_SCORE, TRAINING_RUNS.F1_SCORE)
                .fetch();
    }

    @LabStatement(ids = "L1.P5.22", step = "Step 5.1: Add Update Examples to CRUD File",
            title = "Update 7: Increment GPU hours for running job", check = LabStatement.Check.SAME_EFFECT, sql = """
            UPDATE training_runs
            SET
                gpu_hours = gpu_hours + 2.5,
                parameters = parameters || jsonb_build_object(
                    'last_updated', NOW()::text,
                    'total_updates', COALESCE((parameters->>'total_updates')::int, 0) + 1
                )
            WHERE status = 'running'
              AND run_id = (SELECT run_id FROM training_runs WHERE status = 'running' LIMIT 1)
            RETURNING model_name, gpu_hours, parameters->>'total_updates' AS update_count;
            """)
    public static Result<Record3<String, BigDecimal, String>> incrementGpuHoursOfRunningJob(DSLContext ctx) {
        Field<Integer> updates = coalesce(
                jsonbGetAttributeAsText(TRAINING_RUNS.PARAMETERS, "total_updates").cast(SQLDataType.INTEGER), 0);
        return ctx.update(TRAINING_RUNS)
                .set(TRAINING_RUNS.GPU_HOURS, TRAINING_RUNS.GPU_HOURS.plus(new BigDecimal("2.5")))
                .set(TRAINING_RUNS.PARAMETERS, merge(TRAINING_RUNS.PARAMETERS, jsonbObject(
                        key("last_updated").value(NOW.cast(SQLDataType.CLOB)),
                        key("total_updates").value(updates.plus(1)))))
                .where(TRAINING_RUNS.STATUS.eq(RunStatus.RUNNING))
                .and(TRAINING_RUNS.RUN_ID.eq(select(TRAINING_RUNS.RUN_ID)
                        .from(TRAINING_RUNS)
                        .where(TRAINING_RUNS.STATUS.eq(RunStatus.RUNNING))
                        .limit(1)))
                .returningResult(TRAINING_RUNS.MODEL_NAME, TRAINING_RUNS.GPU_HOURS,
                        jsonbGetAttributeAsText(TRAINING_RUNS.PARAMETERS, "total_updates").as("update_count"))
                .fetch();
    }

    @LabStatement(ids = "L1.P5.25", step = "Step 5.1: Add Update Examples to CRUD File",
            title = "Preview", sql = """
            SELECT
                run_id,
                model_name,
                status,
                created_at,
                AGE(NOW(), created_at) AS queue_time
            FROM training_runs
            WHERE status = 'queued'
              AND created_at < NOW() - INTERVAL '1 hour';
            """)
    public static Result<Record5<UUID, String, RunStatus, OffsetDateTime, YearToSecond>> previewLongQueuedJobs(DSLContext ctx) {
        // jOOQ has no AGE(): a plain-SQL template over typed fields
        Field<YearToSecond> age = field("age({0}, {1})", SQLDataType.INTERVAL, NOW, TRAINING_RUNS.CREATED_AT);
        return ctx.select(TRAINING_RUNS.RUN_ID, TRAINING_RUNS.MODEL_NAME, TRAINING_RUNS.STATUS,
                        TRAINING_RUNS.CREATED_AT, age.as("queue_time"))
                .from(TRAINING_RUNS)
                .where(TRAINING_RUNS.STATUS.eq(RunStatus.QUEUED))
                .and(TRAINING_RUNS.CREATED_AT.lt(nowMinus(new DayToSecond(0, 1))))
                .fetch();
    }

    @LabStatement(ids = "L1.P5.26", step = "Step 5.1: Add Update Examples to CRUD File",
            title = "Update", check = LabStatement.Check.SAME_EFFECT, sql = """
            UPDATE training_runs
            SET
                status = 'cancelled',
                completed_at = NOW(),
                notes = 'Auto-cancelled: queued for over 1 hour without starting. Resource capacity exceeded.'
            WHERE status = 'queued'
              AND created_at < NOW() - INTERVAL '1 hour'
            RETURNING run_id, model_name, status, completed_at, notes;
            """)
    public static Result<Record5<UUID, String, RunStatus, OffsetDateTime, String>> cancelLongQueuedJobs(DSLContext ctx) {
        return ctx.update(TRAINING_RUNS)
                .set(TRAINING_RUNS.STATUS, RunStatus.CANCELLED)
                .set(TRAINING_RUNS.COMPLETED_AT, NOW)
                .set(TRAINING_RUNS.NOTES, "Auto-cancelled: queued for over 1 hour without starting. Resource capacity exceeded.")
                .where(TRAINING_RUNS.STATUS.eq(RunStatus.QUEUED))
                .and(TRAINING_RUNS.CREATED_AT.lt(nowMinus(new DayToSecond(0, 1))))
                .returningResult(TRAINING_RUNS.RUN_ID, TRAINING_RUNS.MODEL_NAME, TRAINING_RUNS.STATUS,
                        TRAINING_RUNS.COMPLETED_AT, TRAINING_RUNS.NOTES)
                .fetch();
    }

    @LabStatement(ids = "L1.P5.29", step = "Step 5.1: Add Update Examples to CRUD File",
            title = "Normalize framework names (if inconsistent data exists)", check = LabStatement.Check.SAME_EFFECT, sql = """
            UPDATE training_runs
            SET framework = LOWER(framework)
            WHERE framework != LOWER(framework);
            """)
    public static Result<TrainingRunsRecord> normalizeFrameworkNames(DSLContext ctx) {
        // The Java column holds a Framework enum; LOWER works on its text. (CHECK valid_framework
        // already admits lower-case names only, so this touches no row.)
        Field<String> framework = TRAINING_RUNS.FRAMEWORK.coerce(SQLDataType.CLOB);
        Field<Framework> lowered = lower(framework).coerce(TRAINING_RUNS.FRAMEWORK.getDataType());
        return ctx.update(TRAINING_RUNS)
                .set(TRAINING_RUNS.FRAMEWORK, lowered)
                .where(framework.ne(lower(framework)))
                .returning()
                .fetch();
    }

    @LabStatement(ids = "L1.P5.30", step = "Step 5.1: Add Update Examples to CRUD File",
            title = "Ensure completed runs have completion timestamp", check = LabStatement.Check.SAME_EFFECT, sql = """
            UPDATE training_runs
            SET completed_at = started_at + INTERVAL '1 hour'
            WHERE status IN ('succeeded', 'failed', 'cancelled', 'timeout')
              AND completed_at IS NULL
              AND started_at IS NOT NULL
            RETURNING run_id, model_name, status, started_at, completed_at;
            """)
    public static Result<Record5<UUID, String, RunStatus, OffsetDateTime, OffsetDateTime>> fillMissingCompletionTimes(DSLContext ctx) {
        return ctx.update(TRAINING_RUNS)
                .set(TRAINING_RUNS.COMPLETED_AT, TRAINING_RUNS.STARTED_AT.plus(val(new DayToSecond(0, 1))))
                .where(TRAINING_RUNS.STATUS.in(RunStatus.SUCCEEDED, RunStatus.FAILED, RunStatus.CANCELLED, RunStatus.TIMEOUT))
                .and(TRAINING_RUNS.COMPLETED_AT.isNull())
                .and(TRAINING_RUNS.STARTED_AT.isNotNull())
                .returningResult(TRAINING_RUNS.RUN_ID, TRAINING_RUNS.MODEL_NAME, TRAINING_RUNS.STATUS,
                        TRAINING_RUNS.STARTED_AT, TRAINING_RUNS.COMPLETED_AT)
                .fetch();
    }

    @LabStatement(ids = "L1.P5.33", step = "Step 5.1: Add Update Examples to CRUD File",
            title = "Add cost field to parameters based on GPU hours", check = LabStatement.Check.SAME_EFFECT, sql = """
            UPDATE training_runs
            SET parameters = parameters || jsonb_build_object(
                'estimated_cost_usd', ROUND((gpu_hours * 2.50)::numeric, 2),
                'cost_calculated_at', NOW()::text
            )
            WHERE gpu_hours > 0
              AND NOT (parameters ? 'estimated_cost_usd')
            RETURNING
                model_name,
                gpu_hours,
                parameters->>'estimated_cost_usd' AS cost_usd;
            """)
    public static Result<Record3<String, BigDecimal, String>> addCostEstimates(DSLContext ctx) {
        return ctx.update(TRAINING_RUNS)
                .set(TRAINING_RUNS.PARAMETERS, merge(TRAINING_RUNS.PARAMETERS, jsonbObject(
                        key("estimated_cost_usd").value(round(TRAINING_RUNS.GPU_HOURS.mul(new BigDecimal("2.50")), 2)),
                        key("cost_calculated_at").value(NOW.cast(SQLDataType.CLOB)))))
                .where(TRAINING_RUNS.GPU_HOURS.gt(BigDecimal.ZERO))
                .and(not(hasKey(TRAINING_RUNS.PARAMETERS, "estimated_cost_usd")))
                .returningResult(TRAINING_RUNS.MODEL_NAME, TRAINING_RUNS.GPU_HOURS,
                        jsonbGetAttributeAsText(TRAINING_RUNS.PARAMETERS, "estimated_cost_usd").as("cost_usd"))
                .fetch();
    }
}
