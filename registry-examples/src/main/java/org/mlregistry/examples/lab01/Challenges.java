package org.mlregistry.examples.lab01;

import static org.jooq.impl.DSL.arrayAgg;
import static org.jooq.impl.DSL.avg;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.extract;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.min;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.nullif;
import static org.jooq.impl.DSL.round;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.val;
import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.DatePart;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record1;
import org.jooq.Record12;
import org.jooq.Record3;
import org.jooq.Record4;
import org.jooq.Record5;
import org.jooq.Record6;
import org.jooq.Record7;
import org.jooq.Record8;
import org.jooq.Result;
import org.jooq.Select;
import org.jooq.impl.SQLDataType;
import org.jooq.types.DayToSecond;
import org.jooq.types.YearToSecond;
import org.mlregistry.examples.catalog.LabStatement;
import org.mlregistry.schema.jooq.tracking.tables.TrainingRuns;
import org.mlregistry.schema.jooq.tracking.tables.records.TrainingRunsRecord;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.RunStatus;
import org.postgresql.PGConnection;

/** Lab 01, Part 9: the challenges (data analysis, data manipulation, cleanup). */
public final class Challenges {

    private static final TrainingRuns TR = TRAINING_RUNS;

    /** The run Challenge 2 creates and moves through its lifecycle. */
    static final String SDXL_MODEL = "stable-diffusion-xl";
    static final String SDXL_EXPERIMENT = "exp-sdxl-finetune-2025";

    /** The lab's price of one GPU hour, in USD. */
    private static final BigDecimal USD_PER_GPU_HOUR = new BigDecimal("2.50");

    private Challenges() {
    }

    // ---------------------------------------------------------------- Challenge 1: data analysis

    @LabStatement(ids = "L1.P9.01", step = "Challenge 1: Data Analysis",
            title = "Question 1: What is the success rate for each framework?", sql = """
            SELECT
                framework,
                COUNT(*) AS total_runs,
                COUNT(*) FILTER (WHERE status = 'succeeded') AS successful_runs,
                COUNT(*) FILTER (WHERE status = 'failed') AS failed_runs,
                ROUND(100.0 * COUNT(*) FILTER (WHERE status = 'succeeded') / NULLIF(COUNT(*), 0), 2) AS success_rate_pct
            FROM training_runs
            GROUP BY framework
            ORDER BY success_rate_pct DESC;
            """)
    public static Result<Record5<Framework, Integer, Integer, Integer, BigDecimal>> successRateByFramework(DSLContext ctx) {
        Field<Integer> succeeded = count().filterWhere(TR.STATUS.eq(RunStatus.SUCCEEDED));
        Field<BigDecimal> successRate = round(inline(new BigDecimal("100.0")).times(succeeded).div(nullif(count(), inline(0))), 2)
                .as("success_rate_pct");
        return ctx.select(
                        TR.FRAMEWORK,
                        count().as("total_runs"),
                        succeeded.as("successful_runs"),
                        count().filterWhere(TR.STATUS.eq(RunStatus.FAILED)).as("failed_runs"),
                        successRate)
                .from(TR)
                .groupBy(TR.FRAMEWORK)
                .orderBy(successRate.desc())
                .fetch();
    }

    @LabStatement(ids = "L1.P9.02", step = "Challenge 1: Data Analysis",
            title = "Question 2: Which compute target has the highest average GPU hours?", sql = """
            SELECT
                compute_target,
                COUNT(*) AS total_runs,
                ROUND(AVG(gpu_hours)::numeric, 2) AS avg_gpu_hours,
                ROUND(MAX(gpu_hours)::numeric, 2) AS max_gpu_hours,
                ROUND(SUM(gpu_hours)::numeric, 2) AS total_gpu_hours
            FROM training_runs
            WHERE gpu_hours > 0
            GROUP BY compute_target
            ORDER BY avg_gpu_hours DESC
            LIMIT 1;
            """)
    public static Result<Record5<String, Integer, BigDecimal, BigDecimal, BigDecimal>> computeTargetWithMostGpuHours(DSLContext ctx) {
        Field<BigDecimal> averageGpuHours = round(avg(TR.GPU_HOURS), 2).as("avg_gpu_hours");
        return ctx.select(
                        TR.COMPUTE_TARGET,
                        count().as("total_runs"),
                        averageGpuHours,
                        round(max(TR.GPU_HOURS), 2).as("max_gpu_hours"),
                        round(sum(TR.GPU_HOURS), 2).as("total_gpu_hours"))
                .from(TR)
                .where(TR.GPU_HOURS.gt(BigDecimal.ZERO))
                .groupBy(TR.COMPUTE_TARGET)
                .orderBy(averageGpuHours.desc())
                .limit(1)
                .fetch();
    }

    @LabStatement(ids = "L1.P9.03", step = "Challenge 1: Data Analysis",
            title = "Question 3: Find all models that ran longer than 1 day", sql = """
            SELECT
                model_name,
                framework,
                status,
                started_at,
                completed_at,
                completed_at - started_at AS duration,
                ROUND(EXTRACT(EPOCH FROM (completed_at - started_at)) / 3600, 2) AS duration_hours
            FROM training_runs
            WHERE completed_at IS NOT NULL
              AND started_at IS NOT NULL
              AND (completed_at - started_at) > INTERVAL '1 day'
            ORDER BY duration DESC;
            """)
    public static Result<Record7<String, Framework, RunStatus, OffsetDateTime, OffsetDateTime, DayToSecond, BigDecimal>>
            runsLongerThanOneDay(DSLContext ctx) {
        // timestamptz - timestamptz is an interval; jOOQ has no typed operator for it on OffsetDateTime
        Field<DayToSecond> duration = field("({0} - {1})", SQLDataType.INTERVALDAYTOSECOND, TR.COMPLETED_AT, TR.STARTED_AT);
        Field<DayToSecond> durationColumn = duration.as("duration");
        return ctx.select(
                        TR.MODEL_NAME,
                        TR.FRAMEWORK,
                        TR.STATUS,
                        TR.STARTED_AT,
                        TR.COMPLETED_AT,
                        durationColumn,
                        round(extract(duration, DatePart.EPOCH).coerce(SQLDataType.NUMERIC).div(inline(3600)), 2)
                                .as("duration_hours"))
                .from(TR)
                .where(TR.COMPLETED_AT.isNotNull())
                .and(TR.STARTED_AT.isNotNull())
                .and(duration.gt(val(DayToSecond.valueOf(Duration.ofDays(1)))))
                .orderBy(durationColumn.desc())
                .fetch();
    }

    @LabStatement(ids = "L1.P9.04", step = "Challenge 1: Data Analysis",
            title = "Question 4: Calculate the total cost if GPU hours cost $2.50/hour", sql = """
            SELECT
                SUM(gpu_hours) AS total_gpu_hours,
                ROUND((SUM(gpu_hours) * 2.50)::numeric, 2) AS total_cost_usd,
                COUNT(*) AS total_runs,
                ROUND((SUM(gpu_hours) * 2.50 / COUNT(*))::numeric, 2) AS avg_cost_per_run_usd
            FROM training_runs;
            """)
    public static Result<Record4<BigDecimal, BigDecimal, Integer, BigDecimal>> totalGpuCost(DSLContext ctx) {
        Field<BigDecimal> cost = sum(TR.GPU_HOURS).times(inline(USD_PER_GPU_HOUR));
        return ctx.select(
                        sum(TR.GPU_HOURS).as("total_gpu_hours"),
                        round(cost, 2).as("total_cost_usd"),
                        count().as("total_runs"),
                        round(cost.div(count()), 2).as("avg_cost_per_run_usd"))
                .from(TR)
                .fetch();
    }

    @LabStatement(ids = "L1.P9.05", step = "Challenge 1: Data Analysis",
            title = "Breakdown by framework:", sql = """
            SELECT
                framework,
                COUNT(*) AS runs,
                ROUND(SUM(gpu_hours)::numeric, 2) AS total_gpu_hours,
                ROUND((SUM(gpu_hours) * 2.50)::numeric, 2) AS total_cost_usd,
                ROUND((AVG(gpu_hours) * 2.50)::numeric, 2) AS avg_cost_per_run_usd
            FROM training_runs
            GROUP BY framework
            ORDER BY total_cost_usd DESC;
            """)
    public static Result<Record5<Framework, Integer, BigDecimal, BigDecimal, BigDecimal>> gpuCostByFramework(DSLContext ctx) {
        Field<BigDecimal> totalCost = round(sum(TR.GPU_HOURS).times(inline(USD_PER_GPU_HOUR)), 2).as("total_cost_usd");
        return ctx.select(
                        TR.FRAMEWORK,
                        count().as("runs"),
                        round(sum(TR.GPU_HOURS), 2).as("total_gpu_hours"),
                        totalCost,
                        round(avg(TR.GPU_HOURS).times(inline(USD_PER_GPU_HOUR)), 2).as("avg_cost_per_run_usd"))
                .from(TR)
                .groupBy(TR.FRAMEWORK)
                .orderBy(totalCost.desc())
                .fetch();
    }

    @LabStatement(ids = "L1.P9.06", step = "Challenge 1: Data Analysis",
            title = "Question 5: Find experiments with multiple attempts", sql = """
            SELECT
                experiment_name,
                COUNT(*) AS total_attempts,
                COUNT(*) FILTER (WHERE status = 'succeeded') AS succeeded,
                COUNT(*) FILTER (WHERE status = 'failed') AS failed,
                COUNT(*) FILTER (WHERE status IN ('queued', 'running')) AS in_progress,
                ARRAY_AGG(model_name ORDER BY created_at) AS models,
                MIN(created_at) AS first_attempt,
                MAX(created_at) AS last_attempt
            FROM training_runs
            GROUP BY experiment_name
            HAVING COUNT(*) > 1
            ORDER BY total_attempts DESC;
            """)
    public static Result<Record8<String, Integer, Integer, Integer, Integer, String[], OffsetDateTime, OffsetDateTime>>
            experimentsWithSeveralAttempts(DSLContext ctx) {
        Field<Integer> attempts = count().as("total_attempts");
        return ctx.select(
                        TR.EXPERIMENT_NAME,
                        attempts,
                        count().filterWhere(TR.STATUS.eq(RunStatus.SUCCEEDED)).as("succeeded"),
                        count().filterWhere(TR.STATUS.eq(RunStatus.FAILED)).as("failed"),
                        count().filterWhere(TR.STATUS.in(RunStatus.QUEUED, RunStatus.RUNNING)).as("in_progress"),
                        arrayAgg(TR.MODEL_NAME).orderBy(TR.CREATED_AT).as("models"),
                        min(TR.CREATED_AT).as("first_attempt"),
                        max(TR.CREATED_AT).as("last_attempt"))
                .from(TR)
                .groupBy(TR.EXPERIMENT_NAME)
                .having(count().gt(1))
                .orderBy(attempts.desc())
                .fetch();
    }

    // ---------------------------------------------------------------- Challenge 2: data manipulation

    @LabStatement(ids = "L1.P9.08", step = "Challenge 2: Data Manipulation",
            title = "Question 1: Insert a new training run for your favorite ML model",
            check = LabStatement.Check.DEDICATED_TEST,
            test = "ChallengesTest#insertReturnsTheRowTheLabInsertReturnsButItsOwnRunId", sql = """
            INSERT INTO training_runs (
                model_name,
                framework,
                experiment_name,
                status,
                dataset,
                compute_target,
                parameters,
                notes
            )
            VALUES (
                'stable-diffusion-xl',
                'pytorch',
                'exp-sdxl-finetune-2025',
                'queued',
                'laion-aesthetics-6.5',
                'k8s-gpu-a100',
                '{
                    "learning_rate": 0.0001,
                    "batch_size": 4,
                    "gradient_accumulation_steps": 4,
                    "resolution": 1024,
                    "use_lora": true,
                    "lora_rank": 64
                }'::jsonb,
                'Stable Diffusion XL fine-tuning with LoRA for custom style'
            )
            RETURNING *;
            """)
    public static Result<TrainingRunsRecord> insertSdxlRun(DSLContext ctx) {
        return ctx.insertInto(TR)
                .set(TR.MODEL_NAME, SDXL_MODEL)
                .set(TR.FRAMEWORK, Framework.PYTORCH)
                .set(TR.EXPERIMENT_NAME, SDXL_EXPERIMENT)
                .set(TR.STATUS, RunStatus.QUEUED)
                .set(TR.DATASET, "laion-aesthetics-6.5")
                .set(TR.COMPUTE_TARGET, "k8s-gpu-a100")
                .set(TR.PARAMETERS, JSONB.valueOf("""
                        {"learning_rate": 0.0001, "batch_size": 4, "gradient_accumulation_steps": 4,
                         "resolution": 1024, "use_lora": true, "lora_rank": 64}"""))
                .set(TR.NOTES, "Stable Diffusion XL fine-tuning with LoRA for custom style")
                .returning()
                .fetch();
    }

    @LabStatement(ids = "L1.P9.11", step = "Challenge 2: Data Manipulation",
            title = "Get the run_id", sql = """
            SELECT run_id, model_name, status
            FROM training_runs
            WHERE model_name = 'stable-diffusion-xl'
              AND experiment_name = 'exp-sdxl-finetune-2025';
            """)
    public static Result<Record3<UUID, String, RunStatus>> sdxlRunId(DSLContext ctx) {
        return ctx.select(TR.RUN_ID, TR.MODEL_NAME, TR.STATUS)
                .from(TR)
                .where(isSdxlRun())
                .fetch();
    }

    @LabStatement(ids = "L1.P9.12", step = "Challenge 2: Data Manipulation",
            title = "Update to running", check = LabStatement.Check.SAME_EFFECT, sql = """
            UPDATE training_runs
            SET
                status = 'running',
                started_at = NOW(),
                notes = notes || ' | Started training at ' || NOW()
            WHERE model_name = 'stable-diffusion-xl'
              AND experiment_name = 'exp-sdxl-finetune-2025'
              AND status = 'queued'
            RETURNING run_id, model_name, status, started_at;
            """)
    public static Result<Record4<UUID, String, RunStatus, OffsetDateTime>> startSdxlRun(DSLContext ctx) {
        return ctx.update(TR)
                .set(TR.STATUS, RunStatus.RUNNING)
                .set(TR.STARTED_AT, currentOffsetDateTime())
                .set(TR.NOTES, TR.NOTES.concat(inline(" | Started training at "), currentOffsetDateTime().cast(SQLDataType.CLOB)))
                .where(isSdxlRun())
                .and(TR.STATUS.eq(RunStatus.QUEUED))
                .returningResult(TR.RUN_ID, TR.MODEL_NAME, TR.STATUS, TR.STARTED_AT)
                .fetch();
    }

    @LabStatement(ids = "L1.P9.13", step = "Challenge 2: Data Manipulation",
            title = "Update to succeeded", check = LabStatement.Check.SAME_EFFECT, sql = """
            UPDATE training_runs
            SET
                status = 'succeeded',
                completed_at = NOW() + INTERVAL '4 hours', \s
                accuracy = NULL, \s
                loss = 0.0245,
                gpu_hours = 16.8,
                cpu_hours = 2.1,
                parameters = parameters || '{"final_loss": 0.0245, "total_steps": 50000}'::jsonb,
                notes = notes || ' | Training completed successfully. Model ready for inference.'
            WHERE model_name = 'stable-diffusion-xl'
              AND experiment_name = 'exp-sdxl-finetune-2025'
              AND status = 'running'
            RETURNING run_id, model_name, status, completed_at, loss, gpu_hours;
            """)
    public static Result<Record6<UUID, String, RunStatus, OffsetDateTime, BigDecimal, BigDecimal>> completeSdxlRun(DSLContext ctx) {
        JSONB finalMetrics = JSONB.valueOf("{\"final_loss\": 0.0245, \"total_steps\": 50000}");
        return ctx.update(TR)
                .set(TR.STATUS, RunStatus.SUCCEEDED)
                .set(TR.COMPLETED_AT, currentOffsetDateTime().plus(val(DayToSecond.valueOf(Duration.ofHours(4)))))
                .setNull(TR.ACCURACY)
                .set(TR.LOSS, new BigDecimal("0.0245"))
                .set(TR.GPU_HOURS, new BigDecimal("16.8"))
                .set(TR.CPU_HOURS, new BigDecimal("2.1"))
                // jsonb || jsonb (merge); jOOQ's OSS edition has no typed operator for it
                .set(TR.PARAMETERS, field("({0} || {1})", SQLDataType.JSONB, TR.PARAMETERS, val(finalMetrics)))
                .set(TR.NOTES, TR.NOTES.concat(inline(" | Training completed successfully. Model ready for inference.")))
                .where(isSdxlRun())
                .and(TR.STATUS.eq(RunStatus.RUNNING))
                .returningResult(TR.RUN_ID, TR.MODEL_NAME, TR.STATUS, TR.COMPLETED_AT, TR.LOSS, TR.GPU_HOURS)
                .fetch();
    }

    @LabStatement(ids = "L1.P9.16", step = "Challenge 2: Data Manipulation",
            title = "For runs that have precision and recall but missing F1",
            check = LabStatement.Check.SAME_EFFECT, sql = """
            UPDATE training_runs
            SET f1_score = 2.0 * (precision_score * recall_score) / (precision_score + recall_score)
            WHERE precision_score IS NOT NULL
              AND recall_score IS NOT NULL
              AND f1_score IS NULL
              AND (precision_score + recall_score) > 0
            RETURNING
                model_name,
                ROUND(precision_score::numeric, 4) AS precision,
                ROUND(recall_score::numeric, 4) AS recall,
                ROUND(f1_score::numeric, 4) AS f1;
            """)
    public static Result<Record4<String, BigDecimal, BigDecimal, BigDecimal>> fillMissingF1(DSLContext ctx) {
        Field<BigDecimal> precision = TR.PRECISION_SCORE;
        Field<BigDecimal> recall = TR.RECALL_SCORE;
        return ctx.update(TR)
                .set(TR.F1_SCORE, inline(new BigDecimal("2.0")).times(precision.times(recall)).div(precision.plus(recall)))
                .where(precision.isNotNull())
                .and(recall.isNotNull())
                .and(TR.F1_SCORE.isNull())
                .and(precision.plus(recall).gt(BigDecimal.ZERO))
                .returningResult(
                        TR.MODEL_NAME,
                        round(precision, 4).as("precision"),
                        round(recall, 4).as("recall"),
                        round(TR.F1_SCORE, 4).as("f1"))
                .fetch();
    }

    @LabStatement(ids = "L1.P9.18", step = "Challenge 2: Data Manipulation",
            title = "Question 4: Export the final result to CSV",
            check = LabStatement.Check.DEDICATED_TEST,
            test = "ChallengesTest#csvExportWritesWhatTheLabsCopyWrites", sql = """
            \\copy (SELECT model_name, framework, experiment_name, status, accuracy, loss, precision_score, recall_score, f1_score, gpu_hours, created_at, completed_at FROM training_runs WHERE model_name = 'stable-diffusion-xl') TO '/tmp/sdxl_training_result.csv' WITH CSV HEADER
            """)
    public static Result<Record1<String>> exportSdxlResultAsCsv(DSLContext ctx) {
        StringWriter csv = new StringWriter();
        copySdxlResultAsCsv(ctx, csv);
        Field<String> line = field(name("csv_line"), SQLDataType.CLOB);
        Result<Record1<String>> lines = ctx.newResult(line);
        csv.toString().lines().forEach(text -> lines.add(ctx.newRecord(line).values(text)));
        return lines;
    }

    /** The rows Challenge 2 exports: the SDXL run's result columns. */
    public static Select<Record12<String, Framework, String, RunStatus, BigDecimal, BigDecimal, BigDecimal, BigDecimal,
            BigDecimal, BigDecimal, OffsetDateTime, OffsetDateTime>> sdxlResult(DSLContext ctx) {
        return ctx.select(TR.MODEL_NAME, TR.FRAMEWORK, TR.EXPERIMENT_NAME, TR.STATUS, TR.ACCURACY, TR.LOSS,
                        TR.PRECISION_SCORE, TR.RECALL_SCORE, TR.F1_SCORE, TR.GPU_HOURS, TR.CREATED_AT, TR.COMPLETED_AT)
                .from(TR)
                .where(TR.MODEL_NAME.eq(SDXL_MODEL));
    }

    /**
     * psql's {@code \copy … TO file} is COPY … TO STDOUT with psql writing the file on the client.
     * Here PgJDBC's CopyManager streams the CSV (with header) into the writer the caller gives,
     * on ctx's connection (so it sees the caller's uncommitted rows). Returns the number of rows.
     */
    public static long copySdxlResultAsCsv(DSLContext ctx, Writer out) {
        // jOOQ renders the query with its values inlined as escaped literals: COPY takes no bind values
        String copy = "COPY (" + ctx.renderInlined(sdxlResult(ctx)) + ") TO STDOUT WITH (FORMAT csv, HEADER)";
        return ctx.connectionResult(connection -> {
            try {
                return connection.unwrap(PGConnection.class).getCopyAPI().copyOut(copy, out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static Condition isSdxlRun() {
        return TR.MODEL_NAME.eq(SDXL_MODEL).and(TR.EXPERIMENT_NAME.eq(SDXL_EXPERIMENT));
    }

    // ---------------------------------------------------------------- Challenge 3: cleanup

    /** queued, and created more than 30 days ago. */
    private static Condition staleQueued() {
        return TR.STATUS.eq(RunStatus.QUEUED).and(TR.CREATED_AT.lt(currentOffsetDateTime().minus(30)));
    }

    /** PostgreSQL's age(a, b): a symbolic interval in years, months and days. jOOQ has no function for it. */
    private static Field<YearToSecond> age(Field<OffsetDateTime> later, Field<OffsetDateTime> earlier) {
        return field("age({0}, {1})", SQLDataType.INTERVAL, later, earlier);
    }

    @LabStatement(ids = "L1.P9.20", step = "Challenge 3: Cleanup",
            title = "Preview", sql = """
            SELECT
                run_id,
                model_name,
                status,
                created_at,
                AGE(NOW(), created_at) AS age
            FROM training_runs
            WHERE status = 'queued'
              AND created_at < NOW() - INTERVAL '30 days'
            ORDER BY created_at ASC;
            """)
    public static Result<Record5<UUID, String, RunStatus, OffsetDateTime, YearToSecond>> staleQueuedRuns(DSLContext ctx) {
        return ctx.select(TR.RUN_ID, TR.MODEL_NAME, TR.STATUS, TR.CREATED_AT, age(currentOffsetDateTime(), TR.CREATED_AT).as("age"))
                .from(TR)
                .where(staleQueued())
                .orderBy(TR.CREATED_AT.asc())
                .fetch();
    }

    @LabStatement(ids = "L1.P9.21", step = "Challenge 3: Cleanup",
            title = "Count", sql = """
            SELECT COUNT(*) AS stale_queued_runs
            FROM training_runs
            WHERE status = 'queued'
              AND created_at < NOW() - INTERVAL '30 days';
            """)
    public static Result<Record1<Integer>> countStaleQueuedRuns(DSLContext ctx) {
        return ctx.select(count().as("stale_queued_runs")).from(TR).where(staleQueued()).fetch();
    }

    @LabStatement(ids = "L1.P9.24", step = "Challenge 3: Cleanup",
            title = "Question 2: Update them to 'cancelled' with appropriate notes",
            check = LabStatement.Check.SAME_EFFECT, sql = """
            UPDATE training_runs
            SET
                status = 'cancelled',
                completed_at = NOW(),
                notes = COALESCE(notes || ' | ', '') || 'Auto-cancelled: queued for over 30 days without starting. Likely stuck in queue or forgotten.'
            WHERE status = 'queued'
              AND created_at < NOW() - INTERVAL '30 days'
            RETURNING
                run_id,
                model_name,
                created_at,
                completed_at,
                AGE(completed_at, created_at) AS time_in_queue,
                notes;
            """, checkedSql = """
            UPDATE training_runs
            SET
                status = 'cancelled',
                started_at = NOW(),
                completed_at = NOW(),
                notes = COALESCE(notes || ' | ', '') || 'Auto-cancelled: queued for over 30 days without starting. Likely stuck in queue or forgotten.'
            WHERE status = 'queued'
              AND created_at < NOW() - INTERVAL '30 days'
            RETURNING
                run_id,
                model_name,
                created_at,
                completed_at,
                AGE(completed_at, created_at) AS time_in_queue,
                notes;
            """)
    public static Result<Record6<UUID, String, OffsetDateTime, OffsetDateTime, YearToSecond, String>> cancelStaleQueuedRuns(DSLContext ctx) {
        return ctx.update(TR)
                .set(TR.STATUS, RunStatus.CANCELLED)
                // started_timestamp requires started_at for every status but queued (lab defect: it sets none)
                .set(TR.STARTED_AT, currentOffsetDateTime())
                .set(TR.COMPLETED_AT, currentOffsetDateTime())
                .set(TR.NOTES, coalesce(TR.NOTES.concat(inline(" | ")), inline(""))
                        .concat(inline("Auto-cancelled: queued for over 30 days without starting. Likely stuck in queue or forgotten.")))
                .where(staleQueued())
                .returningResult(TR.RUN_ID, TR.MODEL_NAME, TR.CREATED_AT, TR.COMPLETED_AT,
                        age(TR.COMPLETED_AT, TR.CREATED_AT).as("time_in_queue"), TR.NOTES)
                .fetch();
    }

    @LabStatement(ids = "L1.P9.25", step = "Challenge 3: Cleanup",
            title = "Verify", sql = """
            SELECT COUNT(*) AS cancelled_count
            FROM training_runs
            WHERE status = 'cancelled'
              AND notes LIKE '%Auto-cancelled%';
            """)
    public static Result<Record1<Integer>> countAutoCancelledRuns(DSLContext ctx) {
        return ctx.select(count().as("cancelled_count"))
                .from(TR)
                .where(TR.STATUS.eq(RunStatus.CANCELLED))
                .and(TR.NOTES.like("%Auto-cancelled%"))
                .fetch();
    }

    /** notes or model_name mention "test", in any case. */
    private static Condition testRun() {
        return TR.NOTES.likeIgnoreCase("%test%").or(TR.MODEL_NAME.likeIgnoreCase("%test%"));
    }

    @LabStatement(ids = "L1.P9.28", step = "Challenge 3: Cleanup",
            title = "Preview", sql = """
            SELECT
                run_id,
                model_name,
                status,
                created_at,
                notes
            FROM training_runs
            WHERE notes ILIKE '%test%'
               OR model_name ILIKE '%test%'
            ORDER BY created_at DESC;
            """)
    public static Result<Record5<UUID, String, RunStatus, OffsetDateTime, String>> testRuns(DSLContext ctx) {
        return ctx.select(TR.RUN_ID, TR.MODEL_NAME, TR.STATUS, TR.CREATED_AT, TR.NOTES)
                .from(TR)
                .where(testRun())
                .orderBy(TR.CREATED_AT.desc())
                .fetch();
    }

    @LabStatement(ids = "L1.P9.29", step = "Challenge 3: Cleanup",
            title = "Count", sql = """
            SELECT COUNT(*) AS test_runs
            FROM training_runs
            WHERE notes ILIKE '%test%'
               OR model_name ILIKE '%test%';
            """)
    public static Result<Record1<Integer>> countTestRuns(DSLContext ctx) {
        return ctx.select(count().as("test_runs")).from(TR).where(testRun()).fetch();
    }

    @LabStatement(ids = "L1.P9.30", step = "Challenge 3: Cleanup",
            title = "Delete", check = LabStatement.Check.SAME_EFFECT, sql = """
            DELETE FROM training_runs
            WHERE notes ILIKE '%test%'
               OR model_name ILIKE '%test%'
            RETURNING run_id, model_name, created_at, notes;
            """)
    public static Result<Record4<UUID, String, OffsetDateTime, String>> deleteTestRuns(DSLContext ctx) {
        return ctx.deleteFrom(TR)
                .where(testRun())
                .returningResult(TR.RUN_ID, TR.MODEL_NAME, TR.CREATED_AT, TR.NOTES)
                .fetch();
    }

    @LabStatement(ids = "L1.P9.31", step = "Challenge 3: Cleanup",
            title = "Verify", sql = """
            SELECT COUNT(*) AS remaining_test_runs
            FROM training_runs
            WHERE notes ILIKE '%test%'
               OR model_name ILIKE '%test%';
            """)
    public static Result<Record1<Integer>> countRemainingTestRuns(DSLContext ctx) {
        return ctx.select(count().as("remaining_test_runs")).from(TR).where(testRun()).fetch();
    }
}
