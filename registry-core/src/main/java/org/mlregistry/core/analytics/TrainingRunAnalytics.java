package org.mlregistry.core.analytics;

import org.mlregistry.core.internal.Validator;
import static org.mlregistry.schema.jooq.tracking.tables.TrainingRuns.TRAINING_RUNS;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.mlregistry.core.tracking.Run;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.RunStatus;

/**
 * Ready-made reports over lab 01's {@code tracking.training_runs}, each one call of the generic
 * builders of {@link Analytics} (read their source to adapt them). Every report covers live runs
 * only ({@link #LIVE}): runs archived by a retention policy or a bulk change are soft-deleted.
 */
public final class TrainingRunAnalytics {

    /** Live, i.e. not archived (soft-deleted), runs: the filter of every report here. */
    public static final org.jooq.Condition LIVE = TRAINING_RUNS.ARCHIVED_AT.isNull();

    /** {@code count(*)}. */
    public static final Measure<Long> RUNS = Measure.count("runs");
    /** {@code count(*) FILTER (WHERE status = 'succeeded')}. */
    public static final Measure<Long> SUCCEEDED = Measure.countWhere("succeeded", TRAINING_RUNS.STATUS.eq(RunStatus.SUCCEEDED));
    /** {@code count(*) FILTER (WHERE status = 'failed')}. */
    public static final Measure<Long> FAILED = Measure.countWhere("failed", TRAINING_RUNS.STATUS.eq(RunStatus.FAILED));
    /** Succeeded runs / all runs, in [0, 1]. */
    public static final Measure<BigDecimal> SUCCESS_RATE = Measure.share("success rate", TRAINING_RUNS.STATUS.eq(RunStatus.SUCCEEDED));
    /** {@code avg(gpu_hours)}. */
    public static final Measure<BigDecimal> AVG_GPU_HOURS = Measure.avg("avg gpu hours", TRAINING_RUNS.GPU_HOURS);
    /** {@code sum(gpu_hours)}. */
    public static final Measure<BigDecimal> TOTAL_GPU_HOURS = Measure.sum("total gpu hours", TRAINING_RUNS.GPU_HOURS);

    /** The UTC calendar day a run was created on ({@link Buckets#dayUtc}). */
    public static final Field<LocalDate> CREATED_DAY_UTC = Buckets.dayUtc(TRAINING_RUNS.CREATED_AT);

    private final Analytics analytics;

    TrainingRunAnalytics(Analytics analytics) {
        this.analytics = analytics;
    }

    /**
     * Top {@code n} succeeded runs by accuracy per framework (runs without accuracy left out).
     *
     * @param n runs per framework, at least 1
     * @return the leaderboard, by framework then position
     */
    public List<TopRow<Framework, Run>> leaderboard(int n) {
        return analytics.topN(TRAINING_RUNS)
            .where(LIVE.and(TRAINING_RUNS.STATUS.eq(RunStatus.SUCCEEDED)).and(TRAINING_RUNS.ACCURACY.isNotNull()))
            .perGroup(TRAINING_RUNS.FRAMEWORK)
            .orderBy(TRAINING_RUNS.ACCURACY.desc(), TRAINING_RUNS.RUN_ID)
            .limit(n)
            .fetch()
            .stream()
            .map(row -> row.<Run>mapRow(Run::from))
            .toList();
    }

    /**
     * Lab 01 Part 8: succeeded runs with accuracy, ranked by accuracy within their framework, with
     * the framework's average accuracy beside each.
     *
     * @return ranked runs, by framework then rank
     */
    public List<RankedRow<Framework, BigDecimal, Run>> accuracyRanking() {
        return analytics.ranking(TRAINING_RUNS)
            .where(LIVE.and(TRAINING_RUNS.STATUS.eq(RunStatus.SUCCEEDED)).and(TRAINING_RUNS.ACCURACY.isNotNull()))
            .partitionBy(TRAINING_RUNS.FRAMEWORK)
            .orderBy(TRAINING_RUNS.ACCURACY.desc().nullsLast())
            .rank()
            .withPartitionAggregate(DSL.avg(TRAINING_RUNS.ACCURACY))
            .fetch()
            .stream()
            .map(row -> row.<Run>mapRow(Run::from))
            .toList();
    }

    /**
     * Framework × status ROLLUP with {@link #RUNS}, {@link #SUCCESS_RATE} and {@link #AVG_GPU_HOURS}:
     * details, a subtotal per framework and the grand total.
     *
     * @return the rows, subtotals flagged by {@link Key#subtotal()}
     */
    public List<GroupRow> frameworkStatusRollup() {
        return analytics.aggregate(TRAINING_RUNS)
            .where(LIVE)
            .dimensions(TRAINING_RUNS.FRAMEWORK, TRAINING_RUNS.STATUS)
            .rollup()
            .measures(RUNS, SUCCESS_RATE, AVG_GPU_HOURS)
            .fetch();
    }

    /**
     * Lab 01 "Daily training activity": per UTC day of {@code created_at} since a point in time,
     * {@link #RUNS}, {@link #SUCCEEDED}, {@link #FAILED} and {@link #TOTAL_GPU_HOURS}, oldest day first.
     * The day is the UTC calendar day (the lab's {@code DATE(created_at)} follows the session's
     * time zone instead).
     *
     * @param since only runs created after this instant (bound), e.g. {@code now.minusDays(30)}
     * @return one row per day with runs, keyed by {@link #CREATED_DAY_UTC}
     */
    public List<GroupRow> dailyActivity(OffsetDateTime since) {
        return analytics.aggregate(TRAINING_RUNS)
            .where(LIVE.and(TRAINING_RUNS.CREATED_AT.gt(Validator.required("since", since))))
            .dimensions(CREATED_DAY_UTC)
            .groupBy()
            .measures(RUNS, SUCCEEDED, FAILED, TOTAL_GPU_HOURS)
            .fetch();
    }

    /**
     * Lab 01 Part 8 "running total of GPU hours": runs with GPU hours, oldest first (ties by run id),
     * with the running total and the moving average over 5 runs.
     *
     * @return the series
     */
    public List<SeriesPoint<OffsetDateTime, Run>> gpuHoursSeries() {
        return analytics.series(TRAINING_RUNS)
            .where(LIVE.and(TRAINING_RUNS.GPU_HOURS.gt(BigDecimal.ZERO)))
            .orderBy(TRAINING_RUNS.CREATED_AT, TRAINING_RUNS.RUN_ID)
            .value(TRAINING_RUNS.GPU_HOURS)
            .movingAverageOver(4)
            .fetch()
            .stream()
            .map(point -> point.<Run>mapRow(Run::from))
            .toList();
    }

    /**
     * Lab 01 Challenge 1 Q4: GPU cost per framework at one rate per GPU hour.
     *
     * @param ratePerGpuHour e.g. {@code new BigDecimal("2.50")}
     * @return one row per framework
     */
    public List<CostRow<Framework>> gpuCostByFramework(BigDecimal ratePerGpuHour) {
        return analytics.costs(TRAINING_RUNS)
            .where(LIVE)
            .hours(TRAINING_RUNS.GPU_HOURS)
            .rate(ratePerGpuHour)
            .by(TRAINING_RUNS.FRAMEWORK)
            .fetch();
    }
}
