package org.mlregistry.examples.lab01;

import static org.jooq.impl.DSL.avg;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.currentLocalDate;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.day;
import static org.jooq.impl.DSL.function;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.jsonbGetAttribute;
import static org.jooq.impl.DSL.jsonbGetAttributeAsText;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.min;
import static org.jooq.impl.DSL.month;
import static org.jooq.impl.DSL.round;
import static org.jooq.impl.DSL.stddevSamp;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.toChar;
import static org.jooq.impl.DSL.varSamp;
import static org.jooq.impl.DSL.year;
import static org.mlregistry.examples.lab01.RunExpressions.age;
import static org.mlregistry.examples.lab01.RunExpressions.ago;
import static org.mlregistry.examples.lab01.RunExpressions.durationHours;
import static org.mlregistry.examples.lab01.RunExpressions.hasKey;
import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record1;
import org.jooq.Record2;
import org.jooq.Record3;
import org.jooq.Record4;
import org.jooq.Record5;
import org.jooq.Record6;
import org.jooq.Result;
import org.jooq.impl.SQLDataType;
import org.jooq.types.DayToSecond;
import org.jooq.types.YearToSecond;
import org.mlregistry.examples.catalog.LabStatement;
import org.mlregistry.schema.jooq.tracking.tables.records.TrainingRunsRecord;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.RunStatus;

/**
 * Lab 01, Part 4, Step 4.1: read queries over training_runs — filters, sorting, aggregates,
 * grouping, jsonb parameters and dates. {@code now()} is the transaction's start, so every query
 * of one transaction sees the same "now".
 */
public final class ReadQueries {

    private ReadQueries() {
    }

    // ---- Basic SELECT ----

    /** Without ORDER BY, which 3 runs come back is up to PostgreSQL. */
    @LabStatement(ids = "L1.P4.01", step = "Step 4.1: Create CRUD Operations File",
            title = "Query 1: Select all columns (development only!)", sql = """
            SELECT * FROM training_runs LIMIT 3;
            """)
    public static Result<TrainingRunsRecord> selectAllColumns(DSLContext ctx) {
        return ctx.selectFrom(TRAINING_RUNS)
                .limit(3)
                .fetch();
    }

    @LabStatement(ids = "L1.P4.02", step = "Step 4.1: Create CRUD Operations File",
            title = "Query 2: Select specific columns", sql = """
            SELECT
                run_id,
                model_name,
                framework,
                status,
                created_at
            FROM training_runs
            ORDER BY created_at DESC
            LIMIT 5;
            """)
    public static Result<Record5<UUID, String, Framework, RunStatus, OffsetDateTime>> selectSpecificColumns(DSLContext ctx) {
        return ctx.select(TRAINING_RUNS.RUN_ID, TRAINING_RUNS.MODEL_NAME, TRAINING_RUNS.FRAMEWORK, TRAINING_RUNS.STATUS,
                        TRAINING_RUNS.CREATED_AT)
                .from(TRAINING_RUNS)
                .orderBy(TRAINING_RUNS.CREATED_AT.desc())
                .limit(5)
                .fetch();
    }

    @LabStatement(ids = "L1.P4.03", step = "Step 4.1: Create CRUD Operations File",
            title = "Query 3: Filter with WHERE", sql = """
            SELECT
                model_name,
                status,
                accuracy
            FROM training_runs
            WHERE status = 'succeeded'
            ORDER BY accuracy DESC NULLS LAST;
            """)
    public static Result<Record3<String, RunStatus, BigDecimal>> filterWithWhere(DSLContext ctx) {
        return ctx.select(TRAINING_RUNS.MODEL_NAME, TRAINING_RUNS.STATUS, TRAINING_RUNS.ACCURACY)
                .from(TRAINING_RUNS)
                .where(TRAINING_RUNS.STATUS.eq(RunStatus.SUCCEEDED))
                .orderBy(TRAINING_RUNS.ACCURACY.desc().nullsLast())
                .fetch();
    }

    @LabStatement(ids = "L1.P4.04", step = "Step 4.1: Create CRUD Operations File",
            title = "Query 4: Multiple conditions with AND", sql = """
            SELECT
                model_name,
                framework,
                accuracy,
                gpu_hours
            FROM training_runs
            WHERE status = 'succeeded'
              AND framework = 'pytorch'
              AND accuracy > 0.9
            ORDER BY accuracy DESC;
            """)
    public static Result<Record4<String, Framework, BigDecimal, BigDecimal>> conditionsWithAnd(DSLContext ctx) {
        return ctx.select(TRAINING_RUNS.MODEL_NAME, TRAINING_RUNS.FRAMEWORK, TRAINING_RUNS.ACCURACY, TRAINING_RUNS.GPU_HOURS)
                .from(TRAINING_RUNS)
                .where(TRAINING_RUNS.STATUS.eq(RunStatus.SUCCEEDED))
                .and(TRAINING_RUNS.FRAMEWORK.eq(Framework.PYTORCH))
                .and(TRAINING_RUNS.ACCURACY.gt(new BigDecimal("0.9")))
                .orderBy(TRAINING_RUNS.ACCURACY.desc())
                .fetch();
    }

    @LabStatement(ids = "L1.P4.05", step = "Step 4.1: Create CRUD Operations File",
            title = "Query 5: Multiple conditions with OR", sql = """
            SELECT
                model_name,
                status,
                notes
            FROM training_runs
            WHERE status = 'failed'
               OR status = 'timeout'
            ORDER BY created_at DESC;
            """)
    public static Result<Record3<String, RunStatus, String>> conditionsWithOr(DSLContext ctx) {
        return ctx.select(TRAINING_RUNS.MODEL_NAME, TRAINING_RUNS.STATUS, TRAINING_RUNS.NOTES)
                .from(TRAINING_RUNS)
                .where(TRAINING_RUNS.STATUS.eq(RunStatus.FAILED))
                .or(TRAINING_RUNS.STATUS.eq(RunStatus.TIMEOUT))
                .orderBy(TRAINING_RUNS.CREATED_AT.desc())
                .fetch();
    }

    @LabStatement(ids = "L1.P4.06", step = "Step 4.1: Create CRUD Operations File",
            title = "Query 6: IN operator", sql = """
            SELECT
                model_name,
                framework,
                status
            FROM training_runs
            WHERE framework IN ('pytorch', 'tensorflow')
            ORDER BY framework, model_name;
            """)
    public static Result<Record3<String, Framework, RunStatus>> inOperator(DSLContext ctx) {
        return ctx.select(TRAINING_RUNS.MODEL_NAME, TRAINING_RUNS.FRAMEWORK, TRAINING_RUNS.STATUS)
                .from(TRAINING_RUNS)
                .where(TRAINING_RUNS.FRAMEWORK.in(Framework.PYTORCH, Framework.TENSORFLOW))
                .orderBy(TRAINING_RUNS.FRAMEWORK, TRAINING_RUNS.MODEL_NAME)
                .fetch();
    }

    @LabStatement(ids = "L1.P4.07", step = "Step 4.1: Create CRUD Operations File",
            title = "Query 7: BETWEEN for ranges", sql = """
            SELECT
                model_name,
                gpu_hours,
                created_at
            FROM training_runs
            WHERE gpu_hours BETWEEN 10 AND 30
            ORDER BY gpu_hours DESC;
            """)
    public static Result<Record3<String, BigDecimal, OffsetDateTime>> betweenForRanges(DSLContext ctx) {
        return ctx.select(TRAINING_RUNS.MODEL_NAME, TRAINING_RUNS.GPU_HOURS, TRAINING_RUNS.CREATED_AT)
                .from(TRAINING_RUNS)
                .where(TRAINING_RUNS.GPU_HOURS.between(BigDecimal.valueOf(10), BigDecimal.valueOf(30)))
                .orderBy(TRAINING_RUNS.GPU_HOURS.desc())
                .fetch();
    }

    @LabStatement(ids = "L1.P4.08", step = "Step 4.1: Create CRUD Operations File",
            title = "Query 8: LIKE for pattern matching", sql = """
            SELECT
                model_name,
                dataset
            FROM training_runs
            WHERE model_name LIKE '%bert%'
            ORDER BY model_name;
            """)
    public static Result<Record2<String, String>> likeForPatterns(DSLContext ctx) {
        return ctx.select(TRAINING_RUNS.MODEL_NAME, TRAINING_RUNS.DATASET)
                .from(TRAINING_RUNS)
                .where(TRAINING_RUNS.MODEL_NAME.like("%bert%"))
                .orderBy(TRAINING_RUNS.MODEL_NAME)
                .fetch();
    }

    @LabStatement(ids = "L1.P4.09", step = "Step 4.1: Create CRUD Operations File",
            title = "Query 9: IS NULL / IS NOT NULL", sql = """
            SELECT
                model_name,
                status,
                accuracy
            FROM training_runs
            WHERE accuracy IS NULL
            ORDER BY model_name;
            """)
    public static Result<Record3<String, RunStatus, BigDecimal>> accuracyIsNull(DSLContext ctx) {
        return ctx.select(TRAINING_RUNS.MODEL_NAME, TRAINING_RUNS.STATUS, TRAINING_RUNS.ACCURACY)
                .from(TRAINING_RUNS)
                .where(TRAINING_RUNS.ACCURACY.isNull())
                .orderBy(TRAINING_RUNS.MODEL_NAME)
                .fetch();
    }

    @LabStatement(ids = "L1.P4.10", step = "Step 4.1: Create CRUD Operations File",
            title = "Query 9: IS NULL / IS NOT NULL", sql = """
            SELECT
                model_name,
                status,
                accuracy
            FROM training_runs
            WHERE accuracy IS NOT NULL
            ORDER BY accuracy DESC;
            """)
    public static Result<Record3<String, RunStatus, BigDecimal>> accuracyIsNotNull(DSLContext ctx) {
        return ctx.select(TRAINING_RUNS.MODEL_NAME, TRAINING_RUNS.STATUS, TRAINING_RUNS.ACCURACY)
                .from(TRAINING_RUNS)
                .where(TRAINING_RUNS.ACCURACY.isNotNull())
                .orderBy(TRAINING_RUNS.ACCURACY.desc())
                .fetch();
    }

    /** The LIMIT cuts through PyTorch runs without accuracy, which tie: which of them come back is up to PostgreSQL. */
    @LabStatement(ids = "L1.P4.11", step = "Step 4.1: Create CRUD Operations File",
            title = "Query 10: ORDER BY multiple columns", sql = """
            SELECT
                model_name,
                framework,
                accuracy
            FROM training_runs
            ORDER BY framework ASC, accuracy DESC NULLS LAST
            LIMIT 10;
            """)
    public static Result<Record3<String, Framework, BigDecimal>> orderByMultipleColumns(DSLContext ctx) {
        return ctx.select(TRAINING_RUNS.MODEL_NAME, TRAINING_RUNS.FRAMEWORK, TRAINING_RUNS.ACCURACY)
                .from(TRAINING_RUNS)
                .orderBy(TRAINING_RUNS.FRAMEWORK.asc(), TRAINING_RUNS.ACCURACY.desc().nullsLast())
                .limit(10)
                .fetch();
    }

    // ---- Aggregations ----

    /** The same query as L1.P3.02. */
    @LabStatement(ids = "L1.P4.12", step = "Step 4.1: Create CRUD Operations File",
            title = "Count total runs", sql = """
            SELECT COUNT(*) AS total_runs
            FROM training_runs;
            """)
    public static Result<Record1<Integer>> countTotalRuns(DSLContext ctx) {
        return SeedVerification.totalCount(ctx);
    }

    @LabStatement(ids = "L1.P4.13", step = "Step 4.1: Create CRUD Operations File",
            title = "Count non-null accuracies", sql = """
            SELECT COUNT(accuracy) AS runs_with_accuracy
            FROM training_runs;
            """)
    public static Result<Record1<Integer>> countNonNullAccuracies(DSLContext ctx) {
        return ctx.select(count(TRAINING_RUNS.ACCURACY).as("runs_with_accuracy"))
                .from(TRAINING_RUNS)
                .fetch();
    }

    @LabStatement(ids = "L1.P4.14", step = "Step 4.1: Create CRUD Operations File",
            title = "Average accuracy", sql = """
            SELECT ROUND(AVG(accuracy)::numeric, 4) AS avg_accuracy
            FROM training_runs
            WHERE accuracy IS NOT NULL;
            """)
    public static Result<Record1<BigDecimal>> averageAccuracy(DSLContext ctx) {
        return ctx.select(round(avg(TRAINING_RUNS.ACCURACY), 4).as("avg_accuracy"))
                .from(TRAINING_RUNS)
                .where(TRAINING_RUNS.ACCURACY.isNotNull())
                .fetch();
    }

    @LabStatement(ids = "L1.P4.15", step = "Step 4.1: Create CRUD Operations File",
            title = "Min, Max, Sum", sql = """
            SELECT
                MIN(gpu_hours) AS min_gpu,
                MAX(gpu_hours) AS max_gpu,
                ROUND(SUM(gpu_hours)::numeric, 2) AS total_gpu_hours,
                ROUND(AVG(gpu_hours)::numeric, 2) AS avg_gpu_hours
            FROM training_runs;
            """)
    public static Result<Record4<BigDecimal, BigDecimal, BigDecimal, BigDecimal>> minMaxSum(DSLContext ctx) {
        return ctx.select(
                        min(TRAINING_RUNS.GPU_HOURS).as("min_gpu"),
                        max(TRAINING_RUNS.GPU_HOURS).as("max_gpu"),
                        round(sum(TRAINING_RUNS.GPU_HOURS), 2).as("total_gpu_hours"),
                        round(avg(TRAINING_RUNS.GPU_HOURS), 2).as("avg_gpu_hours"))
                .from(TRAINING_RUNS)
                .fetch();
    }

    /** PostgreSQL's STDDEV and VARIANCE are the sample forms, stddev_samp and var_samp. */
    @LabStatement(ids = "L1.P4.16", step = "Step 4.1: Create CRUD Operations File",
            title = "Standard deviation", sql = """
            SELECT
                ROUND(STDDEV(accuracy)::numeric, 4) AS stddev_accuracy,
                ROUND(VARIANCE(accuracy)::numeric, 6) AS variance_accuracy
            FROM training_runs
            WHERE accuracy IS NOT NULL;
            """)
    public static Result<Record2<BigDecimal, BigDecimal>> standardDeviation(DSLContext ctx) {
        return ctx.select(
                        round(stddevSamp(TRAINING_RUNS.ACCURACY), 4).as("stddev_accuracy"),
                        round(varSamp(TRAINING_RUNS.ACCURACY), 6).as("variance_accuracy"))
                .from(TRAINING_RUNS)
                .where(TRAINING_RUNS.ACCURACY.isNotNull())
                .fetch();
    }

    // ---- GROUP BY ----

    /** The same query as L1.P3.03. */
    @LabStatement(ids = "L1.P4.17", step = "Step 4.1: Create CRUD Operations File",
            title = "Runs by status", sql = """
            SELECT
                status,
                COUNT(*) AS count
            FROM training_runs
            GROUP BY status
            ORDER BY count DESC;
            """)
    public static Result<Record2<RunStatus, Integer>> runsByStatus(DSLContext ctx) {
        return SeedVerification.breakdownByStatus(ctx);
    }

    /** The same query as L1.P3.04. */
    @LabStatement(ids = "L1.P4.18", step = "Step 4.1: Create CRUD Operations File",
            title = "Runs by framework", sql = """
            SELECT
                framework,
                COUNT(*) AS count
            FROM training_runs
            GROUP BY framework
            ORDER BY count DESC;
            """)
    public static Result<Record2<Framework, Integer>> runsByFramework(DSLContext ctx) {
        return SeedVerification.frameworkDistribution(ctx);
    }

    @LabStatement(ids = "L1.P4.19", step = "Step 4.1: Create CRUD Operations File",
            title = "Average accuracy by framework", sql = """
            SELECT
                framework,
                COUNT(*) AS total_runs,
                COUNT(accuracy) AS runs_with_accuracy,
                ROUND(AVG(accuracy)::numeric, 4) AS avg_accuracy,
                ROUND(MIN(accuracy)::numeric, 4) AS min_accuracy,
                ROUND(MAX(accuracy)::numeric, 4) AS max_accuracy
            FROM training_runs
            WHERE status = 'succeeded'
            GROUP BY framework
            ORDER BY avg_accuracy DESC NULLS LAST;
            """)
    public static Result<Record6<Framework, Integer, Integer, BigDecimal, BigDecimal, BigDecimal>> averageAccuracyByFramework(
            DSLContext ctx) {
        Field<BigDecimal> avgAccuracy = round(avg(TRAINING_RUNS.ACCURACY), 4).as("avg_accuracy");
        return ctx.select(
                        TRAINING_RUNS.FRAMEWORK,
                        count().as("total_runs"),
                        count(TRAINING_RUNS.ACCURACY).as("runs_with_accuracy"),
                        avgAccuracy,
                        round(min(TRAINING_RUNS.ACCURACY), 4).as("min_accuracy"),
                        round(max(TRAINING_RUNS.ACCURACY), 4).as("max_accuracy"))
                .from(TRAINING_RUNS)
                .where(TRAINING_RUNS.STATUS.eq(RunStatus.SUCCEEDED))
                .groupBy(TRAINING_RUNS.FRAMEWORK)
                .orderBy(avgAccuracy.desc().nullsLast())
                .fetch();
    }

    @LabStatement(ids = "L1.P4.20", step = "Step 4.1: Create CRUD Operations File",
            title = "GPU usage by compute target", sql = """
            SELECT
                compute_target,
                COUNT(*) AS runs,
                ROUND(SUM(gpu_hours)::numeric, 2) AS total_gpu_hours,
                ROUND(AVG(gpu_hours)::numeric, 2) AS avg_gpu_hours,
                ROUND(MAX(gpu_hours)::numeric, 2) AS max_gpu_hours
            FROM training_runs
            GROUP BY compute_target
            ORDER BY total_gpu_hours DESC;
            """)
    public static Result<Record5<String, Integer, BigDecimal, BigDecimal, BigDecimal>> gpuUsageByComputeTarget(DSLContext ctx) {
        Field<BigDecimal> totalGpuHours = round(sum(TRAINING_RUNS.GPU_HOURS), 2).as("total_gpu_hours");
        return ctx.select(
                        TRAINING_RUNS.COMPUTE_TARGET,
                        count().as("runs"),
                        totalGpuHours,
                        round(avg(TRAINING_RUNS.GPU_HOURS), 2).as("avg_gpu_hours"),
                        round(max(TRAINING_RUNS.GPU_HOURS), 2).as("max_gpu_hours"))
                .from(TRAINING_RUNS)
                .groupBy(TRAINING_RUNS.COMPUTE_TARGET)
                .orderBy(totalGpuHours.desc())
                .fetch();
    }

    @LabStatement(ids = "L1.P4.21", step = "Step 4.1: Create CRUD Operations File",
            title = "HAVING clause (filter groups)", sql = """
            SELECT
                framework,
                COUNT(*) AS runs
            FROM training_runs
            GROUP BY framework
            HAVING COUNT(*) >= 3
            ORDER BY runs DESC;
            """)
    public static Result<Record2<Framework, Integer>> havingClause(DSLContext ctx) {
        Field<Integer> runs = count().as("runs");
        return ctx.select(TRAINING_RUNS.FRAMEWORK, runs)
                .from(TRAINING_RUNS)
                .groupBy(TRAINING_RUNS.FRAMEWORK)
                .having(count().ge(3))
                .orderBy(runs.desc())
                .fetch();
    }

    @LabStatement(ids = "L1.P4.22", step = "Step 4.1: Create CRUD Operations File",
            title = "Complex grouping", sql = """
            SELECT
                framework,
                status,
                COUNT(*) AS count,
                ROUND(AVG(gpu_hours)::numeric, 2) AS avg_gpu_hours
            FROM training_runs
            GROUP BY framework, status
            ORDER BY framework, status;
            """)
    public static Result<Record4<Framework, RunStatus, Integer, BigDecimal>> complexGrouping(DSLContext ctx) {
        return ctx.select(
                        TRAINING_RUNS.FRAMEWORK,
                        TRAINING_RUNS.STATUS,
                        count().as("count"),
                        round(avg(TRAINING_RUNS.GPU_HOURS), 2).as("avg_gpu_hours"))
                .from(TRAINING_RUNS)
                .groupBy(TRAINING_RUNS.FRAMEWORK, TRAINING_RUNS.STATUS)
                .orderBy(TRAINING_RUNS.FRAMEWORK, TRAINING_RUNS.STATUS)
                .fetch();
    }

    // ---- JSONB ----

    @LabStatement(ids = "L1.P4.23", step = "Step 4.1: Create CRUD Operations File",
            title = "Access JSON field", sql = """
            SELECT
                model_name,
                parameters->>'learning_rate' AS learning_rate,
                parameters->>'batch_size' AS batch_size,
                parameters->>'optimizer' AS optimizer
            FROM training_runs
            WHERE parameters ? 'learning_rate'
            LIMIT 10;
            """)
    public static Result<Record4<String, String, String, String>> accessJsonField(DSLContext ctx) {
        return ctx.select(
                        TRAINING_RUNS.MODEL_NAME,
                        jsonbGetAttributeAsText(TRAINING_RUNS.PARAMETERS, "learning_rate").as("learning_rate"),
                        jsonbGetAttributeAsText(TRAINING_RUNS.PARAMETERS, "batch_size").as("batch_size"),
                        jsonbGetAttributeAsText(TRAINING_RUNS.PARAMETERS, "optimizer").as("optimizer"))
                .from(TRAINING_RUNS)
                .where(hasKey(TRAINING_RUNS.PARAMETERS, "learning_rate"))
                .limit(10)
                .fetch();
    }

    @LabStatement(ids = "L1.P4.24", step = "Step 4.1: Create CRUD Operations File",
            title = "Filter by JSON value", sql = """
            SELECT
                model_name,
                parameters->>'optimizer' AS optimizer
            FROM training_runs
            WHERE parameters->>'optimizer' = 'adam';
            """)
    public static Result<Record2<String, String>> filterByJsonValue(DSLContext ctx) {
        Field<String> optimizer = jsonbGetAttributeAsText(TRAINING_RUNS.PARAMETERS, "optimizer");
        return ctx.select(TRAINING_RUNS.MODEL_NAME, optimizer.as("optimizer"))
                .from(TRAINING_RUNS)
                .where(optimizer.eq("adam"))
                .fetch();
    }

    @LabStatement(ids = "L1.P4.25", step = "Step 4.1: Create CRUD Operations File",
            title = "Convert JSON value to number for comparison", sql = """
            SELECT
                model_name,
                (parameters->>'batch_size')::int AS batch_size
            FROM training_runs
            WHERE (parameters->>'batch_size')::int >= 32
            ORDER BY batch_size DESC;
            """)
    public static Result<Record2<String, Integer>> jsonValueAsNumber(DSLContext ctx) {
        Field<Integer> batchSize = jsonbGetAttributeAsText(TRAINING_RUNS.PARAMETERS, "batch_size").cast(SQLDataType.INTEGER);
        Field<Integer> batchSizeColumn = batchSize.as("batch_size");
        return ctx.select(TRAINING_RUNS.MODEL_NAME, batchSizeColumn)
                .from(TRAINING_RUNS)
                .where(batchSize.ge(32))
                .orderBy(batchSizeColumn.desc())
                .fetch();
    }

    @LabStatement(ids = "L1.P4.26", step = "Step 4.1: Create CRUD Operations File",
            title = "Check if JSON contains key", sql = """
            SELECT
                model_name,
                parameters->>'lora_r' AS lora_r
            FROM training_runs
            WHERE parameters ? 'lora_r';
            """)
    public static Result<Record2<String, String>> jsonContainsKey(DSLContext ctx) {
        return ctx.select(TRAINING_RUNS.MODEL_NAME, jsonbGetAttributeAsText(TRAINING_RUNS.PARAMETERS, "lora_r").as("lora_r"))
                .from(TRAINING_RUNS)
                .where(hasKey(TRAINING_RUNS.PARAMETERS, "lora_r"))
                .fetch();
    }

    @LabStatement(ids = "L1.P4.27", step = "Step 4.1: Create CRUD Operations File",
            title = "JSON array operations", sql = """
            SELECT
                model_name,
                parameters->'encoder_layers' AS encoder_layers
            FROM training_runs
            WHERE parameters ? 'encoder_layers';
            """)
    public static Result<Record2<String, JSONB>> jsonArray(DSLContext ctx) {
        return ctx.select(TRAINING_RUNS.MODEL_NAME, jsonbGetAttribute(TRAINING_RUNS.PARAMETERS, "encoder_layers").as("encoder_layers"))
                .from(TRAINING_RUNS)
                .where(hasKey(TRAINING_RUNS.PARAMETERS, "encoder_layers"))
                .fetch();
    }

    // ---- Dates and times ----

    @LabStatement(ids = "L1.P4.28", step = "Step 4.1: Create CRUD Operations File",
            title = "Runs in last 7 days", sql = """
            SELECT
                model_name,
                status,
                created_at
            FROM training_runs
            WHERE created_at > NOW() - INTERVAL '7 days'
            ORDER BY created_at DESC;
            """)
    public static Result<Record3<String, RunStatus, OffsetDateTime>> runsInLastSevenDays(DSLContext ctx) {
        return ctx.select(TRAINING_RUNS.MODEL_NAME, TRAINING_RUNS.STATUS, TRAINING_RUNS.CREATED_AT)
                .from(TRAINING_RUNS)
                .where(TRAINING_RUNS.CREATED_AT.gt(ago("7 days")))
                .orderBy(TRAINING_RUNS.CREATED_AT.desc())
                .fetch();
    }

    /** "Today" is the date in the session's time zone (DATE() of a timestamptz and CURRENT_DATE both use it). */
    @LabStatement(ids = "L1.P4.29", step = "Step 4.1: Create CRUD Operations File",
            title = "Runs today", sql = """
            SELECT
                model_name,
                status,
                created_at
            FROM training_runs
            WHERE DATE(created_at) = CURRENT_DATE;
            """)
    public static Result<Record3<String, RunStatus, OffsetDateTime>> runsToday(DSLContext ctx) {
        return ctx.select(TRAINING_RUNS.MODEL_NAME, TRAINING_RUNS.STATUS, TRAINING_RUNS.CREATED_AT)
                .from(TRAINING_RUNS)
                .where(TRAINING_RUNS.CREATED_AT.cast(SQLDataType.LOCALDATE).eq(currentLocalDate()))
                .fetch();
    }

    /** Weeks start on Monday, in the session's time zone. */
    @LabStatement(ids = "L1.P4.30", step = "Step 4.1: Create CRUD Operations File",
            title = "Runs this week", sql = """
            SELECT
                model_name,
                status,
                created_at
            FROM training_runs
            WHERE created_at > DATE_TRUNC('week', NOW())
            ORDER BY created_at DESC;
            """)
    public static Result<Record3<String, RunStatus, OffsetDateTime>> runsThisWeek(DSLContext ctx) {
        // jOOQ's trunc(…, DatePart.WEEK) is not supported for PostgreSQL, so date_trunc is called by name.
        Field<OffsetDateTime> weekStart = function("date_trunc", SQLDataType.TIMESTAMPWITHTIMEZONE,
                inline("week"), currentOffsetDateTime());
        return ctx.select(TRAINING_RUNS.MODEL_NAME, TRAINING_RUNS.STATUS, TRAINING_RUNS.CREATED_AT)
                .from(TRAINING_RUNS)
                .where(TRAINING_RUNS.CREATED_AT.gt(weekStart))
                .orderBy(TRAINING_RUNS.CREATED_AT.desc())
                .fetch();
    }

    @LabStatement(ids = "L1.P4.31", step = "Step 4.1: Create CRUD Operations File",
            title = "Calculate duration (for completed runs)", sql = """
            SELECT
                model_name,
                status,
                started_at,
                completed_at,
                completed_at - started_at AS duration,
                EXTRACT(EPOCH FROM (completed_at - started_at)) / 3600 AS duration_hours
            FROM training_runs
            WHERE completed_at IS NOT NULL
            ORDER BY duration DESC;
            """)
    public static Result<Record6<String, RunStatus, OffsetDateTime, OffsetDateTime, DayToSecond, BigDecimal>> durationOfCompletedRuns(
            DSLContext ctx) {
        Field<DayToSecond> duration = RunExpressions.duration().as("duration");
        return ctx.select(
                        TRAINING_RUNS.MODEL_NAME,
                        TRAINING_RUNS.STATUS,
                        TRAINING_RUNS.STARTED_AT,
                        TRAINING_RUNS.COMPLETED_AT,
                        duration,
                        durationHours().as("duration_hours"))
                .from(TRAINING_RUNS)
                .where(TRAINING_RUNS.COMPLETED_AT.isNotNull())
                .orderBy(duration.desc())
                .fetch();
    }

    /** Without ORDER BY, which 5 runs come back is up to PostgreSQL. Year, month and day are in the session's time zone. */
    @LabStatement(ids = "L1.P4.32", step = "Step 4.1: Create CRUD Operations File",
            title = "Extract parts of timestamp", sql = """
            SELECT
                model_name,
                EXTRACT(YEAR FROM created_at) AS year,
                EXTRACT(MONTH FROM created_at) AS month,
                EXTRACT(DAY FROM created_at) AS day,
                TO_CHAR(created_at, 'YYYY-MM-DD HH24:MI:SS') AS formatted_date
            FROM training_runs
            LIMIT 5;
            """)
    public static Result<Record5<String, BigDecimal, BigDecimal, BigDecimal, String>> timestampParts(DSLContext ctx) {
        // EXTRACT returns numeric (PostgreSQL 14+); jOOQ's year() etc. are typed Integer
        return ctx.select(
                        TRAINING_RUNS.MODEL_NAME,
                        year(TRAINING_RUNS.CREATED_AT).coerce(SQLDataType.NUMERIC).as("year"),
                        month(TRAINING_RUNS.CREATED_AT).coerce(SQLDataType.NUMERIC).as("month"),
                        day(TRAINING_RUNS.CREATED_AT).coerce(SQLDataType.NUMERIC).as("day"),
                        toChar(TRAINING_RUNS.CREATED_AT, "YYYY-MM-DD HH24:MI:SS").as("formatted_date"))
                .from(TRAINING_RUNS)
                .limit(5)
                .fetch();
    }

    @LabStatement(ids = "L1.P4.33", step = "Step 4.1: Create CRUD Operations File",
            title = "Age function", sql = """
            SELECT
                model_name,
                created_at,
                AGE(NOW(), created_at) AS age
            FROM training_runs
            ORDER BY age ASC
            LIMIT 5;
            """)
    public static Result<Record3<String, OffsetDateTime, YearToSecond>> ageFunction(DSLContext ctx) {
        Field<YearToSecond> age = age(TRAINING_RUNS.CREATED_AT).as("age");
        return ctx.select(TRAINING_RUNS.MODEL_NAME, TRAINING_RUNS.CREATED_AT, age)
                .from(TRAINING_RUNS)
                .orderBy(age.asc())
                .limit(5)
                .fetch();
    }
}
