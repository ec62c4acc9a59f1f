package org.mlregistry.core.tracking;

import org.mlregistry.core.internal.Validator;
import static org.mlregistry.core.tracking.Runs.T;

import java.math.BigDecimal;
import org.jooq.Field;
import org.jooq.SortField;

/**
 * What a leaderboard ranks runs by: a metric of the run and a direction (higher accuracy is
 * better, lower loss is better). A class rather than an enum so that metrics kept beside the run
 * (e.g. a metric history) can be added as further factories without changing the leaderboards.
 *
 * <pre>{@code
 * experiments.leaderboard("exp-1", RankBy.accuracy(), 10);
 * experiments.leaderboard("exp-1", RankBy.loss(), 10);            // lowest first
 * experiments.leaderboard("exp-1", RankBy.loss().descending(), 10); // highest first
 * }</pre>
 */
public final class RankBy {

    private final String name;
    private final Field<BigDecimal> value;
    private final boolean descending;

    RankBy(String name, Field<BigDecimal> value, boolean descending) {
        this.name = Validator.required("name", name);
        this.value = Validator.required("value", value);
        this.descending = descending;
    }

    /**
     * A metric given as an expression over {@code tracking.training_runs}, e.g. a column of a table
     * kept beside the run read by a correlated subquery; runs where it is NULL are left out.
     *
     * @param name what the metric is called, e.g. {@code val_auc}
     * @param value the metric of the run in the outer query
     * @param descending whether higher values rank first
     * @return the sort key
     */
    public static RankBy of(String name, Field<BigDecimal> value, boolean descending) {
        return new RankBy(name, value, descending);
    }

    /** @return {@code accuracy}, highest first */
    public static RankBy accuracy() {
        return new RankBy("accuracy", T.ACCURACY, true);
    }

    /** @return {@code f1_score}, highest first */
    public static RankBy f1() {
        return new RankBy("f1_score", T.F1_SCORE, true);
    }

    /** @return {@code precision_score}, highest first */
    public static RankBy precision() {
        return new RankBy("precision_score", T.PRECISION_SCORE, true);
    }

    /** @return {@code recall_score}, highest first */
    public static RankBy recall() {
        return new RankBy("recall_score", T.RECALL_SCORE, true);
    }

    /** @return {@code loss}, lowest first */
    public static RankBy loss() {
        return new RankBy("loss", T.LOSS, false);
    }

    /** @return the same metric, lowest first */
    public RankBy ascending() {
        return new RankBy(name, value, false);
    }

    /** @return the same metric, highest first */
    public RankBy descending() {
        return new RankBy(name, value, true);
    }

    /** @return the metric's name, e.g. {@code accuracy} */
    public String name() {
        return name;
    }

    /** @return whether higher values rank first */
    public boolean isDescending() {
        return descending;
    }

    Field<BigDecimal> value() {
        return value;
    }

    SortField<BigDecimal> order() {
        return descending ? value.desc() : value.asc();
    }

    @Override
    public String toString() {
        return name + (descending ? " desc" : " asc");
    }
}
