package org.mlregistry.examples.lab01;

import static org.jooq.impl.DSL.avg;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.jsonbGetAttributeAsText;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.nullif;
import static org.jooq.impl.DSL.round;
import static org.jooq.impl.DSL.sum;
import static org.mlregistry.examples.lab01.RunExpressions.age;
import static org.mlregistry.examples.lab01.RunExpressions.ago;
import static org.mlregistry.examples.lab01.RunExpressions.duration;
import static org.mlregistry.examples.lab01.RunExpressions.durationHours;
import static org.mlregistry.examples.lab01.RunExpressions.gpuCost;
import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record5;
import org.jooq.Record6;
import org.jooq.Record7;
import org.jooq.Record8;
import org.jooq.Record9;
import org.jooq.Result;
import org.jooq.impl.SQLDataType;
import org.jooq.types.DayToSecond;
import org.jooq.types.YearToSecond;
import org.mlregistry.examples.catalog.LabStatement;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.RunStatus;

/**
 * Lab 01, Part 4, Step 4.3: the queries an ML platform team runs in production — active and
 * stuck jobs, failures, the best models, resource use and cost ({@code gpu_hours * 2.50} USD).
 */
public final class ProductionQueries {

    private ProductionQueries() {
    }

    /** {@code COUNT(*) FILTER (WHERE status = …)}. */
    private static Field<Integer> countWithStatus(RunStatus status) {
        return count().filterWhere(TRAINING_RUNS.STATUS.eq(status));
    }

    @LabStatement(ids = "L1.P4.34", step = "Step 4.3: Production ML Queries",
            title = "Query: Active jobs (running or queued)", sql = """
            SELECT
                run_id,
                model_name,
                framework,
                status,
                created_at,
                AGE(NOW(), created_at) AS wait_time,
                compute_target,
                gpu_hours AS current_gpu_hours
            FROM training_runs
            WHERE status IN ('queued', 'running')
            ORDER BY created_at ASC;
            """)
    public static Result<Record8<UUID, String, Framework, RunStatus, OffsetDateTime, YearToSecond, String, BigDecimal>> activeJobs(
            DSLContext ctx) {
        return ctx.select(
                        TRAINING_RUNS.RUN_ID,
                        TRAINING_RUNS.MODEL_NAME,
                        TRAINING_RUNS.FRAMEWORK,
                        TRAINING_RUNS.STATUS,
                        TRAINING_RUNS.CREATED_AT,
                        age(TRAINING_RUNS.CREATED_AT).as("wait_time"),
                        TRAINING_RUNS.COMPUTE_TARGET,
                        TRAINING_RUNS.GPU_HOURS.as("current_gpu_hours"))
                .from(TRAINING_RUNS)
                .where(TRAINING_RUNS.STATUS.in(RunStatus.QUEUED, RunStatus.RUNNING))
                .orderBy(TRAINING_RUNS.CREATED_AT.asc())
                .fetch();
    }

    @LabStatement(ids = "L1.P4.35", step = "Step 4.3: Production ML Queries",
            title = "Query: Recent failures (last 7 days) with notes", sql = """
            SELECT
                model_name,
                framework,
                dataset,
                created_at,
                completed_at,
                completed_at - started_at AS duration,
                notes
            FROM training_runs
            WHERE status = 'failed'
              AND created_at > NOW() - INTERVAL '7 days'
            ORDER BY created_at DESC;
            """)
    public static Result<Record7<String, Framework, String, OffsetDateTime, OffsetDateTime, DayToSecond, String>> recentFailures(
            DSLContext ctx) {
        return ctx.select(
                        TRAINING_RUNS.MODEL_NAME,
                        TRAINING_RUNS.FRAMEWORK,
                        TRAINING_RUNS.DATASET,
                        TRAINING_RUNS.CREATED_AT,
                        TRAINING_RUNS.COMPLETED_AT,
                        duration().as("duration"),
                        TRAINING_RUNS.NOTES)
                .from(TRAINING_RUNS)
                .where(TRAINING_RUNS.STATUS.eq(RunStatus.FAILED))
                .and(TRAINING_RUNS.CREATED_AT.gt(ago("7 days")))
                .orderBy(TRAINING_RUNS.CREATED_AT.desc())
                .fetch();
    }

    @LabStatement(ids = "L1.P4.36", step = "Step 4.3: Production ML Queries",
            title = "Query: Top 10 most accurate models", sql = """
            SELECT
                model_name,
                framework,
                dataset,
                ROUND(accuracy::numeric, 4) AS accuracy,
                ROUND(precision_score::numeric, 4) AS precision,
                ROUND(recall_score::numeric, 4) AS recall,
                ROUND(f1_score::numeric, 4) AS f1,
                ROUND(gpu_hours::numeric, 2) AS gpu_hours
            FROM training_runs
            WHERE status = 'succeeded'
              AND accuracy IS NOT NULL
            ORDER BY accuracy DESC
            LIMIT 10;
            """)
    public static Result<Record8<String, Framework, String, BigDecimal, BigDecimal, BigDecimal, BigDecimal, BigDecimal>> mostAccurateModels(
            DSLContext ctx) {
        Field<BigDecimal> accuracy = round(TRAINING_RUNS.ACCURACY, 4).as("accuracy");
        return ctx.select(
                        TRAINING_RUNS.MODEL_NAME,
                        TRAINING_RUNS.FRAMEWORK,
                        TRAINING_RUNS.DATASET,
                        accuracy,
                        round(TRAINING_RUNS.PRECISION_SCORE, 4).as("precision"),
                        round(TRAINING_RUNS.RECALL_SCORE, 4).as("recall"),
                        round(TRAINING_RUNS.F1_SCORE, 4).as("f1"),
                        round(TRAINING_RUNS.GPU_HOURS, 2).as("gpu_hours"))
                .from(TRAINING_RUNS)
                .where(TRAINING_RUNS.STATUS.eq(RunStatus.SUCCEEDED))
                .and(TRAINING_RUNS.ACCURACY.isNotNull())
                .orderBy(accuracy.desc())
                .limit(10)
                .fetch();
    }

    @LabStatement(ids = "L1.P4.37", step = "Step 4.3: Production ML Queries",
            title = "Query: Resource utilization by compute target", sql = """
            SELECT
                compute_target,
                COUNT(*) AS total_runs,
                COUNT(*) FILTER (WHERE status = 'succeeded') AS successful_runs,
                COUNT(*) FILTER (WHERE status = 'failed') AS failed_runs,
                ROUND(SUM(gpu_hours)::numeric, 2) AS total_gpu_hours,
                ROUND(AVG(gpu_hours)::numeric, 2) AS avg_gpu_hours_per_run,
                ROUND(100.0 * COUNT(*) FILTER (WHERE status = 'succeeded') / NULLIF(COUNT(*), 0), 2) AS success_rate_pct
            FROM training_runs
            GROUP BY compute_target
            ORDER BY total_gpu_hours DESC;
            """)
    public static Result<Record7<String, Integer, Integer, Integer, BigDecimal, BigDecimal, BigDecimal>> resourceUtilization(
            DSLContext ctx) {
        Field<BigDecimal> totalGpuHours = round(sum(TRAINING_RUNS.GPU_HOURS), 2).as("total_gpu_hours");
        return ctx.select(
                        TRAINING_RUNS.COMPUTE_TARGET,
                        count().as("total_runs"),
                        countWithStatus(RunStatus.SUCCEEDED).as("successful_runs"),
                        countWithStatus(RunStatus.FAILED).as("failed_runs"),
                        totalGpuHours,
                        round(avg(TRAINING_RUNS.GPU_HOURS), 2).as("avg_gpu_hours_per_run"),
                        round(inline(new BigDecimal("100.0")).times(countWithStatus(RunStatus.SUCCEEDED)).div(nullif(count(), 0)), 2)
                                .as("success_rate_pct"))
                .from(TRAINING_RUNS)
                .groupBy(TRAINING_RUNS.COMPUTE_TARGET)
                .orderBy(totalGpuHours.desc())
                .fetch();
    }

    @LabStatement(ids = "L1.P4.38", step = "Step 4.3: Production ML Queries",
            title = "Query: High GPU usage runs (potential cost issues)", sql = """
            SELECT
                run_id,
                model_name,
                framework,
                compute_target,
                ROUND(gpu_hours::numeric, 2) AS gpu_hours,
                completed_at - started_at AS duration,
                parameters->>'batch_size' AS batch_size,
                ROUND((gpu_hours * 2.50)::numeric, 2) AS estimated_cost_usd,
                notes
            FROM training_runs
            WHERE gpu_hours > 20
            ORDER BY gpu_hours DESC;
            """)
    public static Result<Record9<UUID, String, Framework, String, BigDecimal, DayToSecond, String, BigDecimal, String>> highGpuUsage(
            DSLContext ctx) {
        Field<BigDecimal> gpuHours = round(TRAINING_RUNS.GPU_HOURS, 2).as("gpu_hours");
        return ctx.select(
                        TRAINING_RUNS.RUN_ID,
                        TRAINING_RUNS.MODEL_NAME,
                        TRAINING_RUNS.FRAMEWORK,
                        TRAINING_RUNS.COMPUTE_TARGET,
                        gpuHours,
                        duration().as("duration"),
                        jsonbGetAttributeAsText(TRAINING_RUNS.PARAMETERS, "batch_size").as("batch_size"),
                        round(gpuCost(), 2).as("estimated_cost_usd"),
                        TRAINING_RUNS.NOTES)
                .from(TRAINING_RUNS)
                .where(TRAINING_RUNS.GPU_HOURS.gt(BigDecimal.valueOf(20)))
                .orderBy(gpuHours.desc())
                .fetch();
    }

    /**
     * {@code ORDER BY accuracy} names the output column, {@code COALESCE(accuracy, 0.0)}, not the
     * table's: runs without accuracy sort as 0.0 (see the lab 01 defects).
     */
    @LabStatement(ids = "L1.P4.39", step = "Step 4.3: Production ML Queries",
            title = "Query: Models that need review (low accuracy or NULL)", sql = """
            SELECT
                run_id,
                model_name,
                framework,
                status,
                COALESCE(accuracy, 0.0) AS accuracy,
                created_at,
                notes
            FROM training_runs
            WHERE (accuracy IS NULL OR accuracy < 0.7)
              AND status = 'succeeded'
            ORDER BY accuracy ASC NULLS FIRST;
            """)
    public static Result<Record7<UUID, String, Framework, RunStatus, BigDecimal, OffsetDateTime, String>> modelsNeedingReview(
            DSLContext ctx) {
        Field<BigDecimal> accuracy = coalesce(TRAINING_RUNS.ACCURACY, inline(new BigDecimal("0.0"))).as("accuracy");
        return ctx.select(
                        TRAINING_RUNS.RUN_ID,
                        TRAINING_RUNS.MODEL_NAME,
                        TRAINING_RUNS.FRAMEWORK,
                        TRAINING_RUNS.STATUS,
                        accuracy,
                        TRAINING_RUNS.CREATED_AT,
                        TRAINING_RUNS.NOTES)
                .from(TRAINING_RUNS)
                .where(TRAINING_RUNS.ACCURACY.isNull().or(TRAINING_RUNS.ACCURACY.lt(new BigDecimal("0.7"))))
                .and(TRAINING_RUNS.STATUS.eq(RunStatus.SUCCEEDED))
                .orderBy(accuracy.asc().nullsFirst())
                .fetch();
    }

    @LabStatement(ids = "L1.P4.40", step = "Step 4.3: Production ML Queries",
            title = "Query: Framework performance comparison", sql = """
            SELECT
                framework,
                COUNT(*) AS total_runs,
                COUNT(*) FILTER (WHERE status = 'succeeded') AS successful_runs,
                ROUND(AVG(accuracy) FILTER (WHERE accuracy IS NOT NULL)::numeric, 4) AS avg_accuracy,
                ROUND(AVG(gpu_hours)::numeric, 2) AS avg_gpu_hours,
                ROUND(AVG(EXTRACT(EPOCH FROM (completed_at - started_at)) / 3600)
                    FILTER (WHERE completed_at IS NOT NULL)::numeric, 2) AS avg_duration_hours
            FROM training_runs
            GROUP BY framework
            ORDER BY avg_accuracy DESC NULLS LAST;
            """)
    public static Result<Record6<Framework, Integer, Integer, BigDecimal, BigDecimal, BigDecimal>> frameworkComparison(
            DSLContext ctx) {
        Field<BigDecimal> avgAccuracy = round(avg(TRAINING_RUNS.ACCURACY).filterWhere(TRAINING_RUNS.ACCURACY.isNotNull()), 4)
                .as("avg_accuracy");
        return ctx.select(
                        TRAINING_RUNS.FRAMEWORK,
                        count().as("total_runs"),
                        countWithStatus(RunStatus.SUCCEEDED).as("successful_runs"),
                        avgAccuracy,
                        round(avg(TRAINING_RUNS.GPU_HOURS), 2).as("avg_gpu_hours"),
                        round(avg(durationHours()).filterWhere(TRAINING_RUNS.COMPLETED_AT.isNotNull()), 2)
                                .as("avg_duration_hours"))
                .from(TRAINING_RUNS)
                .groupBy(TRAINING_RUNS.FRAMEWORK)
                .orderBy(avgAccuracy.desc().nullsLast())
                .fetch();
    }

    /** Days are calendar days in the session's time zone (DATE() of a timestamptz). */
    @LabStatement(ids = "L1.P4.41", step = "Step 4.3: Production ML Queries",
            title = "Query: Daily training activity", sql = """
            SELECT
                DATE(created_at) AS date,
                COUNT(*) AS runs_started,
                COUNT(*) FILTER (WHERE status = 'succeeded') AS succeeded,
                COUNT(*) FILTER (WHERE status = 'failed') AS failed,
                ROUND(SUM(gpu_hours)::numeric, 2) AS total_gpu_hours,
                ROUND(SUM(gpu_hours * 2.50)::numeric, 2) AS total_cost_usd
            FROM training_runs
            WHERE created_at > NOW() - INTERVAL '30 days'
            GROUP BY DATE(created_at)
            ORDER BY date DESC;
            """)
    public static Result<Record6<LocalDate, Integer, Integer, Integer, BigDecimal, BigDecimal>> dailyActivity(DSLContext ctx) {
        Field<LocalDate> day = TRAINING_RUNS.CREATED_AT.cast(SQLDataType.LOCALDATE);
        Field<LocalDate> date = day.as("date");
        return ctx.select(
                        date,
                        count().as("runs_started"),
                        countWithStatus(RunStatus.SUCCEEDED).as("succeeded"),
                        countWithStatus(RunStatus.FAILED).as("failed"),
                        round(sum(TRAINING_RUNS.GPU_HOURS), 2).as("total_gpu_hours"),
                        round(sum(gpuCost()), 2).as("total_cost_usd"))
                .from(TRAINING_RUNS)
                .where(TRAINING_RUNS.CREATED_AT.gt(ago("30 days")))
                .groupBy(day)
                .orderBy(date.desc())
                .fetch();
    }

    @LabStatement(ids = "L1.P4.42", step = "Step 4.3: Production ML Queries",
            title = "Query: Long-running jobs (potential hangs)", sql = """
            SELECT
                run_id,
                model_name,
                framework,
                status,
                started_at,
                AGE(NOW(), started_at) AS running_time,
                compute_target,
                ROUND(gpu_hours::numeric, 2) AS gpu_hours_so_far
            FROM training_runs
            WHERE status = 'running'
              AND started_at < NOW() - INTERVAL '24 hours'
            ORDER BY started_at ASC;
            """)
    public static Result<Record8<UUID, String, Framework, RunStatus, OffsetDateTime, YearToSecond, String, BigDecimal>> longRunningJobs(
            DSLContext ctx) {
        return ctx.select(
                        TRAINING_RUNS.RUN_ID,
                        TRAINING_RUNS.MODEL_NAME,
                        TRAINING_RUNS.FRAMEWORK,
                        TRAINING_RUNS.STATUS,
                        TRAINING_RUNS.STARTED_AT,
                        age(TRAINING_RUNS.STARTED_AT).as("running_time"),
                        TRAINING_RUNS.COMPUTE_TARGET,
                        round(TRAINING_RUNS.GPU_HOURS, 2).as("gpu_hours_so_far"))
                .from(TRAINING_RUNS)
                .where(TRAINING_RUNS.STATUS.eq(RunStatus.RUNNING))
                .and(TRAINING_RUNS.STARTED_AT.lt(ago("24 hours")))
                .orderBy(TRAINING_RUNS.STARTED_AT.asc())
                .fetch();
    }

    @LabStatement(ids = "L1.P4.43", step = "Step 4.3: Production ML Queries",
            title = "Query: Model experiment history", sql = """
            SELECT
                experiment_name,
                COUNT(*) AS total_attempts,
                COUNT(*) FILTER (WHERE status = 'succeeded') AS succeeded,
                COUNT(*) FILTER (WHERE status = 'failed') AS failed,
                ROUND(MAX(accuracy)::numeric, 4) AS best_accuracy,
                ROUND(AVG(accuracy) FILTER (WHERE accuracy IS NOT NULL)::numeric, 4) AS avg_accuracy,
                ROUND(SUM(gpu_hours)::numeric, 2) AS total_gpu_hours
            FROM training_runs
            WHERE model_name LIKE '%bert%'
            GROUP BY experiment_name
            ORDER BY best_accuracy DESC NULLS LAST;
            """)
    public static Result<Record7<String, Integer, Integer, Integer, BigDecimal, BigDecimal, BigDecimal>> experimentHistory(
            DSLContext ctx) {
        Field<BigDecimal> bestAccuracy = round(max(TRAINING_RUNS.ACCURACY), 4).as("best_accuracy");
        return ctx.select(
                        TRAINING_RUNS.EXPERIMENT_NAME,
                        count().as("total_attempts"),
                        countWithStatus(RunStatus.SUCCEEDED).as("succeeded"),
                        countWithStatus(RunStatus.FAILED).as("failed"),
                        bestAccuracy,
                        round(avg(TRAINING_RUNS.ACCURACY).filterWhere(TRAINING_RUNS.ACCURACY.isNotNull()), 4).as("avg_accuracy"),
                        round(sum(TRAINING_RUNS.GPU_HOURS), 2).as("total_gpu_hours"))
                .from(TRAINING_RUNS)
                .where(TRAINING_RUNS.MODEL_NAME.like("%bert%"))
                .groupBy(TRAINING_RUNS.EXPERIMENT_NAME)
                .orderBy(bestAccuracy.desc().nullsLast())
                .fetch();
    }

    @LabStatement(ids = "L1.P4.44", step = "Step 4.3: Production ML Queries",
            title = "Query: Cost analysis by framework", sql = """
            SELECT
                framework,
                COUNT(*) AS total_runs,
                ROUND(SUM(gpu_hours)::numeric, 2) AS total_gpu_hours,
                ROUND(SUM(gpu_hours * 2.50)::numeric, 2) AS total_cost_usd,
                ROUND(AVG(gpu_hours * 2.50)::numeric, 2) AS avg_cost_per_run_usd
            FROM training_runs
            GROUP BY framework
            ORDER BY total_cost_usd DESC;
            """)
    public static Result<Record5<Framework, Integer, BigDecimal, BigDecimal, BigDecimal>> costByFramework(DSLContext ctx) {
        Field<BigDecimal> totalCost = round(sum(gpuCost()), 2).as("total_cost_usd");
        return ctx.select(
                        TRAINING_RUNS.FRAMEWORK,
                        count().as("total_runs"),
                        round(sum(TRAINING_RUNS.GPU_HOURS), 2).as("total_gpu_hours"),
                        totalCost,
                        round(avg(gpuCost()), 2).as("avg_cost_per_run_usd"))
                .from(TRAINING_RUNS)
                .groupBy(TRAINING_RUNS.FRAMEWORK)
                .orderBy(totalCost.desc())
                .fetch();
    }
}
