package org.mlregistry.core.analytics;

import static org.mlregistry.schema.jooq.tracking.tables.TrainingRuns.TRAINING_RUNS;

import java.math.BigDecimal;
import java.util.List;
import org.jooq.impl.DSL;
import org.mlregistry.schema.jooq.tracking.tables.records.TrainingRunsRecord;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.RunStatus;

/**
 * Ready-made reports over lab 01's {@code tracking.training_runs}, each one call of the generic
 * builders of {@link Analytics} (read their source to adapt them).
 */
public final class TrainingRunAnalytics {

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
    public List<TopRow<Framework, TrainingRunsRecord>> leaderboard(int n) {
        return analytics.topN(TRAINING_RUNS)
            .where(TRAINING_RUNS.STATUS.eq(RunStatus.SUCCEEDED).and(TRAINING_RUNS.ACCURACY.isNotNull()))
            .perGroup(TRAINING_RUNS.FRAMEWORK)
            .orderBy(TRAINING_RUNS.ACCURACY.desc(), TRAINING_RUNS.RUN_ID)
            .limit(n)
            .fetch();
    }

    /**
     * Lab 01 Part 8: succeeded runs with accuracy, ranked by accuracy within their framework, with
     * the framework's average accuracy beside each.
     *
     * @return ranked runs, by framework then rank
     */
    public List<RankedRow<Framework, BigDecimal, TrainingRunsRecord>> accuracyRanking() {
        return analytics.ranking(TRAINING_RUNS)
            .where(TRAINING_RUNS.STATUS.eq(RunStatus.SUCCEEDED).and(TRAINING_RUNS.ACCURACY.isNotNull()))
            .partitionBy(TRAINING_RUNS.FRAMEWORK)
            .orderBy(TRAINING_RUNS.ACCURACY.desc().nullsLast())
            .rank()
            .withPartitionAggregate(DSL.avg(TRAINING_RUNS.ACCURACY))
            .fetch();
    }

    /**
     * Framework × status ROLLUP with {@link #RUNS}, {@link #SUCCESS_RATE} and {@link #AVG_GPU_HOURS}:
     * details, a subtotal per framework and the grand total.
     *
     * @return the rows, subtotals flagged by {@link Key#subtotal()}
     */
    public List<GroupRow> frameworkStatusRollup() {
        return analytics.aggregate(TRAINING_RUNS)
            .dimensions(TRAINING_RUNS.FRAMEWORK, TRAINING_RUNS.STATUS)
            .rollup()
            .measures(RUNS, SUCCESS_RATE, AVG_GPU_HOURS)
            .fetch();
    }
}
