package org.mlregistry.examples.lab01;

import static org.jooq.impl.DSL.avg;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.currentLocalDate;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.groupingSets;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.lag;
import static org.jooq.impl.DSL.lateral;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.orderBy;
import static org.jooq.impl.DSL.partitionBy;
import static org.jooq.impl.DSL.rank;
import static org.jooq.impl.DSL.rollup;
import static org.jooq.impl.DSL.round;
import static org.jooq.impl.DSL.rowNumber;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectCount;
import static org.jooq.impl.DSL.selectDistinct;
import static org.jooq.impl.DSL.selectFrom;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.when;
import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.jooq.CommonTableExpression;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Record2;
import org.jooq.Record3;
import org.jooq.Record4;
import org.jooq.Record5;
import org.jooq.Result;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;
import org.mlregistry.examples.catalog.LabStatement;
import org.mlregistry.schema.jooq.tracking.tables.TrainingRuns;
import org.mlregistry.schema.jooq.tracking.tables.records.TrainingRunsRecord;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.RunStatus;

/** Lab 01, Part 8: subqueries, CTEs, window functions, CASE, set operations, LATERAL, grouping sets. */
public final class AdvancedQueries {

    private static final TrainingRuns TR = TRAINING_RUNS;

    private AdvancedQueries() {
    }

    @LabStatement(ids = "L1.P8.01", step = "Step 8.1: Add Advanced Query Examples",
            title = "Subquery in WHERE clause", sql = """
            SELECT
                model_name,
                accuracy,
                (SELECT AVG(accuracy) FROM training_runs WHERE accuracy IS NOT NULL) AS avg_accuracy
            FROM training_runs
            WHERE accuracy > (
                SELECT AVG(accuracy)
                FROM training_runs
                WHERE accuracy IS NOT NULL
            )
            AND accuracy IS NOT NULL
            ORDER BY accuracy DESC;
            """)
    public static Result<Record3<String, BigDecimal, BigDecimal>> aboveAverageAccuracy(DSLContext ctx) {
        var averageAccuracy = select(avg(TR.ACCURACY)).from(TR).where(TR.ACCURACY.isNotNull());
        return ctx.select(TR.MODEL_NAME, TR.ACCURACY, field(averageAccuracy).as("avg_accuracy"))
                .from(TR)
                .where(TR.ACCURACY.gt(averageAccuracy))
                .and(TR.ACCURACY.isNotNull())
                .orderBy(TR.ACCURACY.desc())
                .fetch();
    }

    @LabStatement(ids = "L1.P8.02", step = "Step 8.1: Add Advanced Query Examples",
            title = "Subquery in FROM clause (derived table)", sql = """
            SELECT
                framework,
                ROUND(avg_accuracy::numeric, 4) AS avg_accuracy
            FROM (
                SELECT
                    framework,
                    AVG(accuracy) AS avg_accuracy
                FROM training_runs
                WHERE accuracy IS NOT NULL
                GROUP BY framework
            ) AS framework_stats
            WHERE avg_accuracy > 0.85
            ORDER BY avg_accuracy DESC;
            """)
    public static Result<Record2<Framework, BigDecimal>> frameworksAverageAbove085(DSLContext ctx) {
        Field<BigDecimal> average = avg(TR.ACCURACY).as("avg_accuracy");
        Table<Record2<Framework, BigDecimal>> stats = select(TR.FRAMEWORK, average)
                .from(TR)
                .where(TR.ACCURACY.isNotNull())
                .groupBy(TR.FRAMEWORK)
                .asTable("framework_stats");
        Field<BigDecimal> statsAverage = stats.field(average);
        Field<BigDecimal> rounded = round(statsAverage, 4).as("avg_accuracy");
        return ctx.select(stats.field(TR.FRAMEWORK), rounded)
                .from(stats)
                .where(statsAverage.gt(new BigDecimal("0.85")))
                .orderBy(rounded.desc())
                .fetch();
    }

    @LabStatement(ids = "L1.P8.03", step = "Step 8.1: Add Advanced Query Examples",
            title = "Correlated subquery", sql = """
            SELECT
                t1.model_name,
                t1.accuracy,
                t1.framework,
                (
                    SELECT COUNT(*)
                    FROM training_runs t2
                    WHERE t2.framework = t1.framework
                      AND t2.status = 'succeeded'
                ) AS successful_runs_in_framework
            FROM training_runs t1
            WHERE t1.status = 'succeeded'
            ORDER BY t1.accuracy DESC NULLS LAST;
            """)
    public static Result<Record4<String, BigDecimal, Framework, Integer>> succeededRunsWithFrameworkSuccesses(DSLContext ctx) {
        TrainingRuns t1 = TR.as("t1");
        TrainingRuns t2 = TR.as("t2");
        Field<Integer> successesInFramework = field(selectCount()
                .from(t2)
                .where(t2.FRAMEWORK.eq(t1.FRAMEWORK))
                .and(t2.STATUS.eq(RunStatus.SUCCEEDED)))
                .as("successful_runs_in_framework");
        return ctx.select(t1.MODEL_NAME, t1.ACCURACY, t1.FRAMEWORK, successesInFramework)
                .from(t1)
                .where(t1.STATUS.eq(RunStatus.SUCCEEDED))
                .orderBy(t1.ACCURACY.desc().nullsLast())
                .fetch();
    }

    @LabStatement(ids = "L1.P8.04", step = "Step 8.1: Add Advanced Query Examples",
            title = "Single CTE", sql = """
            WITH successful_runs AS (
                SELECT *
                FROM training_runs
                WHERE status = 'succeeded'
                  AND accuracy IS NOT NULL
            )
            SELECT
                framework,
                COUNT(*) AS runs,
                ROUND(AVG(accuracy)::numeric, 4) AS avg_accuracy
            FROM successful_runs
            GROUP BY framework
            ORDER BY avg_accuracy DESC;
            """)
    public static Result<Record3<Framework, Integer, BigDecimal>> successfulRunsByFramework(DSLContext ctx) {
        CommonTableExpression<TrainingRunsRecord> successfulRuns = name("successful_runs").as(
                selectFrom(TR).where(TR.STATUS.eq(RunStatus.SUCCEEDED)).and(TR.ACCURACY.isNotNull()));
        Field<Framework> framework = successfulRuns.field(TR.FRAMEWORK);
        Field<BigDecimal> averageAccuracy = round(avg(successfulRuns.field(TR.ACCURACY)), 4).as("avg_accuracy");
        return ctx.with(successfulRuns)
                .select(framework, count().as("runs"), averageAccuracy)
                .from(successfulRuns)
                .groupBy(framework)
                .orderBy(averageAccuracy.desc())
                .fetch();
    }

    @LabStatement(ids = "L1.P8.05", step = "Step 8.1: Add Advanced Query Examples",
            title = "Multiple CTEs", sql = """
            WITH
            pytorch_runs AS (
                SELECT * FROM training_runs WHERE framework = 'pytorch'
            ),
            tensorflow_runs AS (
                SELECT * FROM training_runs WHERE framework = 'tensorflow'
            ),
            framework_comparison AS (
                SELECT
                    'PyTorch' AS framework,
                    COUNT(*) AS total_runs,
                    COUNT(*) FILTER (WHERE status = 'succeeded') AS successful,
                    ROUND(AVG(accuracy)::numeric, 4) AS avg_accuracy
                FROM pytorch_runs
                WHERE accuracy IS NOT NULL
                UNION ALL
                SELECT
                    'TensorFlow' AS framework,
                    COUNT(*) AS total_runs,
                    COUNT(*) FILTER (WHERE status = 'succeeded') AS successful,
                    ROUND(AVG(accuracy)::numeric, 4) AS avg_accuracy
                FROM tensorflow_runs
                WHERE accuracy IS NOT NULL
            )
            SELECT * FROM framework_comparison
            ORDER BY avg_accuracy DESC;
            """)
    public static Result<Record4<String, Integer, Integer, BigDecimal>> pytorchVersusTensorflow(DSLContext ctx) {
        CommonTableExpression<TrainingRunsRecord> pytorchRuns = name("pytorch_runs").as(
                selectFrom(TR).where(TR.FRAMEWORK.eq(Framework.PYTORCH)));
        CommonTableExpression<TrainingRunsRecord> tensorflowRuns = name("tensorflow_runs").as(
                selectFrom(TR).where(TR.FRAMEWORK.eq(Framework.TENSORFLOW)));
        CommonTableExpression<Record4<String, Integer, Integer, BigDecimal>> comparison = name("framework_comparison").as(
                comparisonRow("PyTorch", pytorchRuns).unionAll(comparisonRow("TensorFlow", tensorflowRuns)));
        return ctx.with(pytorchRuns, tensorflowRuns, comparison)
                .select(comparison.field(0, String.class), comparison.field(1, Integer.class),
                        comparison.field(2, Integer.class), comparison.field(3, BigDecimal.class))
                .from(comparison)
                .orderBy(comparison.field("avg_accuracy").desc())
                .fetch();
    }

    /** One row of framework_comparison: totals of the runs in one framework's CTE that have an accuracy. */
    private static org.jooq.Select<Record4<String, Integer, Integer, BigDecimal>> comparisonRow(
            String label, CommonTableExpression<TrainingRunsRecord> runs) {
        return select(
                inline(label).as("framework"),
                count().as("total_runs"),
                count().filterWhere(runs.field(TR.STATUS).eq(RunStatus.SUCCEEDED)).as("successful"),
                round(avg(runs.field(TR.ACCURACY)), 4).as("avg_accuracy"))
                .from(runs)
                .where(runs.field(TR.ACCURACY).isNotNull());
    }

    @LabStatement(ids = "L1.P8.06", step = "Step 8.1: Add Advanced Query Examples",
            title = "Recursive CTE (example: generate date series)", sql = """
            WITH RECURSIVE date_series AS (
                SELECT
                    (NOW() - INTERVAL '30 days')::date AS date
                UNION ALL
                SELECT
                    (date + INTERVAL '1 day')::date
                FROM date_series
                WHERE date < CURRENT_DATE
            )
            SELECT
                ds.date,
                COUNT(tr.run_id) AS runs_on_date,
                COALESCE(SUM(tr.gpu_hours), 0) AS gpu_hours
            FROM date_series ds
            LEFT JOIN training_runs tr ON DATE(tr.created_at) = ds.date
            GROUP BY ds.date
            ORDER BY ds.date DESC;
            """)
    public static Result<Record3<LocalDate, Integer, BigDecimal>> runsPerDayLast30Days(DSLContext ctx) {
        Field<LocalDate> date = field(name("date"), SQLDataType.LOCALDATE);
        CommonTableExpression<Record1<LocalDate>> dateSeries = name("date_series").fields("date").as(
                select(currentOffsetDateTime().minus(30).cast(SQLDataType.LOCALDATE))
                        .unionAll(select(date.plus(1).cast(SQLDataType.LOCALDATE))
                                .from(table(name("date_series")))
                                .where(date.lt(currentLocalDate()))));
        Table<Record1<LocalDate>> ds = dateSeries.as("ds");
        Field<LocalDate> day = ds.field(date);
        TrainingRuns tr = TR.as("tr");
        return ctx.withRecursive(dateSeries)
                .select(day, count(tr.RUN_ID).as("runs_on_date"), coalesce(sum(tr.GPU_HOURS), BigDecimal.ZERO).as("gpu_hours"))
                .from(ds)
                .leftJoin(tr).on(tr.CREATED_AT.cast(SQLDataType.LOCALDATE).eq(day))
                .groupBy(day)
                .orderBy(day.desc())
                .fetch();
    }

    @LabStatement(ids = "L1.P8.07", step = "Step 8.1: Add Advanced Query Examples",
            title = "Rank models by accuracy within each framework", sql = """
            SELECT
                model_name,
                framework,
                ROUND(accuracy::numeric, 4) AS accuracy,
                RANK() OVER (PARTITION BY framework ORDER BY accuracy DESC NULLS LAST) AS rank_in_framework,
                ROUND(AVG(accuracy) OVER (PARTITION BY framework)::numeric, 4) AS framework_avg_accuracy
            FROM training_runs
            WHERE status = 'succeeded'
              AND accuracy IS NOT NULL
            ORDER BY framework, rank_in_framework;
            """)
    public static Result<Record5<String, Framework, BigDecimal, Integer, BigDecimal>> rankWithinFramework(DSLContext ctx) {
        Field<Integer> rankInFramework = rank()
                .over(partitionBy(TR.FRAMEWORK).orderBy(TR.ACCURACY.desc().nullsLast()))
                .as("rank_in_framework");
        return ctx.select(
                        TR.MODEL_NAME,
                        TR.FRAMEWORK,
                        round(TR.ACCURACY, 4).as("accuracy"),
                        rankInFramework,
                        round(avg(TR.ACCURACY).over(partitionBy(TR.FRAMEWORK)), 4).as("framework_avg_accuracy"))
                .from(TR)
                .where(TR.STATUS.eq(RunStatus.SUCCEEDED))
                .and(TR.ACCURACY.isNotNull())
                .orderBy(TR.FRAMEWORK, rankInFramework)
                .fetch();
    }

    @LabStatement(ids = "L1.P8.08", step = "Step 8.1: Add Advanced Query Examples",
            title = "Running total of GPU hours", sql = """
            SELECT
                model_name,
                created_at,
                ROUND(gpu_hours::numeric, 2) AS gpu_hours,
                ROUND(SUM(gpu_hours) OVER (ORDER BY created_at)::numeric, 2) AS cumulative_gpu_hours,
                ROUND(AVG(gpu_hours) OVER (ORDER BY created_at ROWS BETWEEN 4 PRECEDING AND CURRENT ROW)::numeric, 2) AS moving_avg_5
            FROM training_runs
            WHERE gpu_hours > 0
            ORDER BY created_at;
            """)
    public static Result<Record5<String, OffsetDateTime, BigDecimal, BigDecimal, BigDecimal>> runningGpuHours(DSLContext ctx) {
        return ctx.select(
                        TR.MODEL_NAME,
                        TR.CREATED_AT,
                        round(TR.GPU_HOURS, 2).as("gpu_hours"),
                        round(sum(TR.GPU_HOURS).over(orderBy(TR.CREATED_AT)), 2).as("cumulative_gpu_hours"),
                        round(avg(TR.GPU_HOURS).over(orderBy(TR.CREATED_AT).rowsBetweenPreceding(4).andCurrentRow()), 2)
                                .as("moving_avg_5"))
                .from(TR)
                .where(TR.GPU_HOURS.gt(BigDecimal.ZERO))
                .orderBy(TR.CREATED_AT)
                .fetch();
    }

    @LabStatement(ids = "L1.P8.09", step = "Step 8.1: Add Advanced Query Examples",
            title = "Row number and lead/lag", sql = """
            SELECT
                ROW_NUMBER() OVER (ORDER BY accuracy DESC NULLS LAST) AS rank,
                model_name,
                ROUND(accuracy::numeric, 4) AS accuracy,
                ROUND(LAG(accuracy) OVER (ORDER BY accuracy DESC NULLS LAST)::numeric, 4) AS previous_accuracy,
                ROUND((accuracy - LAG(accuracy) OVER (ORDER BY accuracy DESC NULLS LAST))::numeric, 4) AS accuracy_diff
            FROM training_runs
            WHERE status = 'succeeded'
              AND accuracy IS NOT NULL
            LIMIT 10;
            """)
    public static Result<Record5<Integer, String, BigDecimal, BigDecimal, BigDecimal>> accuracyStepsBetweenNeighbours(DSLContext ctx) {
        var byAccuracy = orderBy(TR.ACCURACY.desc().nullsLast());
        Field<BigDecimal> previous = lag(TR.ACCURACY).over(byAccuracy);
        return ctx.select(
                        rowNumber().over(byAccuracy).as("rank"),
                        TR.MODEL_NAME,
                        round(TR.ACCURACY, 4).as("accuracy"),
                        round(previous, 4).as("previous_accuracy"),
                        round(TR.ACCURACY.minus(previous), 4).as("accuracy_diff"))
                .from(TR)
                .where(TR.STATUS.eq(RunStatus.SUCCEEDED))
                .and(TR.ACCURACY.isNotNull())
                .limit(10)
                .fetch();
    }

    @LabStatement(ids = "L1.P8.10", step = "Step 8.1: Add Advanced Query Examples",
            title = "Categorize models by performance", sql = """
            SELECT
                model_name,
                ROUND(accuracy::numeric, 4) AS accuracy,
                CASE
                    WHEN accuracy >= 0.95 THEN 'Excellent'
                    WHEN accuracy >= 0.90 THEN 'Good'
                    WHEN accuracy >= 0.80 THEN 'Fair'
                    WHEN accuracy < 0.80 THEN 'Poor'
                    ELSE 'Unknown'
                END AS performance_category,
                CASE
                    WHEN gpu_hours = 0 THEN 'CPU Only'
                    WHEN gpu_hours < 10 THEN 'Light GPU'
                    WHEN gpu_hours < 50 THEN 'Moderate GPU'
                    ELSE 'Heavy GPU'
                END AS resource_category,
                CASE
                    WHEN gpu_hours > 30 THEN '$$$ High Cost'
                    WHEN gpu_hours > 10 THEN '$$ Medium Cost'
                    ELSE '$ Low Cost'
                END AS cost_estimate
            FROM training_runs
            WHERE accuracy IS NOT NULL
            ORDER BY accuracy DESC;
            """)
    public static Result<Record5<String, BigDecimal, String, String, String>> categorizeByPerformance(DSLContext ctx) {
        Field<String> performance = when(TR.ACCURACY.ge(new BigDecimal("0.95")), inline("Excellent"))
                .when(TR.ACCURACY.ge(new BigDecimal("0.90")), inline("Good"))
                .when(TR.ACCURACY.ge(new BigDecimal("0.80")), inline("Fair"))
                .when(TR.ACCURACY.lt(new BigDecimal("0.80")), inline("Poor"))
                .otherwise(inline("Unknown"));
        Field<String> resource = when(TR.GPU_HOURS.eq(BigDecimal.ZERO), inline("CPU Only"))
                .when(TR.GPU_HOURS.lt(BigDecimal.TEN), inline("Light GPU"))
                .when(TR.GPU_HOURS.lt(new BigDecimal("50")), inline("Moderate GPU"))
                .otherwise(inline("Heavy GPU"));
        Field<String> cost = when(TR.GPU_HOURS.gt(new BigDecimal("30")), inline("$$$ High Cost"))
                .when(TR.GPU_HOURS.gt(BigDecimal.TEN), inline("$$ Medium Cost"))
                .otherwise(inline("$ Low Cost"));
        return ctx.select(
                        TR.MODEL_NAME,
                        round(TR.ACCURACY, 4).as("accuracy"),
                        performance.as("performance_category"),
                        resource.as("resource_category"),
                        cost.as("cost_estimate"))
                .from(TR)
                .where(TR.ACCURACY.isNotNull())
                .orderBy(TR.ACCURACY.desc())
                .fetch();
    }

    @LabStatement(ids = "L1.P8.11", step = "Step 8.1: Add Advanced Query Examples",
            title = "Combine recent successes and failures", sql = """
            (
                SELECT
                    'SUCCESS' AS category,
                    model_name,
                    framework,
                    accuracy,
                    created_at
                FROM training_runs
                WHERE status = 'succeeded'
                ORDER BY created_at DESC
                LIMIT 5
            )
            UNION ALL
            (
                SELECT
                    'FAILURE' AS category,
                    model_name,
                    framework,
                    NULL AS accuracy,
                    created_at
                FROM training_runs
                WHERE status = 'failed'
                ORDER BY created_at DESC
                LIMIT 5
            )
            ORDER BY created_at DESC;
            """)
    public static Result<Record5<String, String, Framework, BigDecimal, OffsetDateTime>> recentSuccessesAndFailures(DSLContext ctx) {
        var failures = select(inline("FAILURE").as("category"), TR.MODEL_NAME, TR.FRAMEWORK,
                        inline(null, TR.ACCURACY).as("accuracy"), TR.CREATED_AT)
                .from(TR)
                .where(TR.STATUS.eq(RunStatus.FAILED))
                .orderBy(TR.CREATED_AT.desc())
                .limit(5);
        // the union's ORDER BY names an output column, so it is unqualified
        return ctx.select(inline("SUCCESS").as("category"), TR.MODEL_NAME, TR.FRAMEWORK, TR.ACCURACY, TR.CREATED_AT)
                .from(TR)
                .where(TR.STATUS.eq(RunStatus.SUCCEEDED))
                .orderBy(TR.CREATED_AT.desc())
                .limit(5)
                .unionAll(failures)
                .orderBy(field(TR.CREATED_AT.getUnqualifiedName()).desc())
                .fetch();
    }

    @LabStatement(ids = "L1.P8.12", step = "Step 8.1: Add Advanced Query Examples",
            title = "For each framework, get the top 2 most accurate models", sql = """
            SELECT
                f.framework,
                t.model_name,
                ROUND(t.accuracy::numeric, 4) AS accuracy
            FROM (
                SELECT DISTINCT framework FROM training_runs
            ) f
            CROSS JOIN LATERAL (
                SELECT model_name, accuracy
                FROM training_runs
                WHERE framework = f.framework
                  AND status = 'succeeded'
                  AND accuracy IS NOT NULL
                ORDER BY accuracy DESC
                LIMIT 2
            ) t
            ORDER BY f.framework, t.accuracy DESC;
            """)
    public static Result<Record3<Framework, String, BigDecimal>> top2PerFramework(DSLContext ctx) {
        Table<Record1<Framework>> f = selectDistinct(TR.FRAMEWORK).from(TR).asTable("f");
        Field<Framework> framework = f.field(TR.FRAMEWORK);
        Table<Record2<String, BigDecimal>> t = lateral(select(TR.MODEL_NAME, TR.ACCURACY)
                .from(TR)
                .where(TR.FRAMEWORK.eq(framework))
                .and(TR.STATUS.eq(RunStatus.SUCCEEDED))
                .and(TR.ACCURACY.isNotNull())
                .orderBy(TR.ACCURACY.desc())
                .limit(2)
                .asTable("t"));
        Field<BigDecimal> accuracy = t.field(TR.ACCURACY);
        return ctx.select(framework, t.field(TR.MODEL_NAME), round(accuracy, 4).as("accuracy"))
                .from(f)
                .crossJoin(t)
                .orderBy(framework, accuracy.desc())
                .fetch();
    }

    @LabStatement(ids = "L1.P8.13", step = "Step 8.1: Add Advanced Query Examples",
            title = "Aggregate at multiple levels", sql = """
            SELECT
                framework,
                status,
                COUNT(*) AS runs,
                ROUND(AVG(gpu_hours)::numeric, 2) AS avg_gpu_hours
            FROM training_runs
            GROUP BY GROUPING SETS (
                (framework, status),
                (framework),
                (status),
                ()
            )
            ORDER BY framework NULLS LAST, status NULLS LAST;
            """)
    public static Result<Record4<Framework, RunStatus, Integer, BigDecimal>> runsAtSeveralLevels(DSLContext ctx) {
        return ctx.select(TR.FRAMEWORK, TR.STATUS, count().as("runs"), round(avg(TR.GPU_HOURS), 2).as("avg_gpu_hours"))
                .from(TR)
                .groupBy(groupingSets(
                        new Field<?>[] {TR.FRAMEWORK, TR.STATUS},
                        new Field<?>[] {TR.FRAMEWORK},
                        new Field<?>[] {TR.STATUS},
                        new Field<?>[] {}))
                .orderBy(TR.FRAMEWORK.nullsLast(), TR.STATUS.nullsLast())
                .fetch();
    }

    @LabStatement(ids = "L1.P8.14", step = "Step 8.1: Add Advanced Query Examples",
            title = "ROLLUP (hierarchical aggregation)", sql = """
            SELECT
                framework,
                status,
                COUNT(*) AS runs
            FROM training_runs
            GROUP BY ROLLUP (framework, status)
            ORDER BY framework NULLS LAST, status NULLS LAST;
            """)
    public static Result<Record3<Framework, RunStatus, Integer>> runsRolledUp(DSLContext ctx) {
        return ctx.select(TR.FRAMEWORK, TR.STATUS, count().as("runs"))
                .from(TR)
                .groupBy(rollup(TR.FRAMEWORK, TR.STATUS))
                .orderBy(TR.FRAMEWORK.nullsLast(), TR.STATUS.nullsLast())
                .fetch();
    }
}
