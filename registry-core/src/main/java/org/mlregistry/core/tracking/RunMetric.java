package org.mlregistry.core.tracking;

import static org.mlregistry.core.tracking.MetricReads.L;
import static org.mlregistry.core.tracking.Runs.T;

import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.mlregistry.core.internal.MetricRules;

/**
 * A metric of the runs' history, compared by its latest value (the highest step logged, from
 * {@code tracking.run_metric_latest}): {@code RunFilter.metric("val_loss").lt(0.3)} is
 * {@code EXISTS (SELECT 1 FROM tracking.run_metric_latest l WHERE l.run_id = run_id AND l.metric
 * = ? AND l.value < ?)}, served by the (metric, value, run_id) index. Runs without the metric never
 * match a comparison. Values are bound.
 */
public final class RunMetric {

    private final String name;

    RunMetric(String name) {
        this.name = MetricRules.name("metric", name);
    }

    /**
     * @param value a finite value
     * @return runs whose latest value is &lt; value
     */
    public RunFilter lt(double value) {
        return latest(L.VALUE.lt(finite(value)));
    }

    /**
     * @param value a finite value
     * @return runs whose latest value is &lt;= value
     */
    public RunFilter le(double value) {
        return latest(L.VALUE.le(finite(value)));
    }

    /**
     * @param value a finite value
     * @return runs whose latest value is &gt; value
     */
    public RunFilter gt(double value) {
        return latest(L.VALUE.gt(finite(value)));
    }

    /**
     * @param value a finite value
     * @return runs whose latest value is &gt;= value
     */
    public RunFilter ge(double value) {
        return latest(L.VALUE.ge(finite(value)));
    }

    /**
     * @param value a finite value
     * @return runs whose latest value equals value exactly
     */
    public RunFilter eq(double value) {
        return latest(L.VALUE.eq(finite(value)));
    }

    /**
     * @param low inclusive
     * @param high inclusive
     * @return runs whose latest value is within [low, high]
     */
    public RunFilter between(double low, double high) {
        return latest(L.VALUE.between(finite(low), finite(high)));
    }

    /**
     * @return runs that logged the metric at all
     */
    public RunFilter exists() {
        return latest(DSL.noCondition());
    }

    private RunFilter latest(Condition onValue) {
        return RunFilter.of(DSL.exists(DSL.selectOne().from(L)
                .where(L.RUN_ID.eq(T.RUN_ID)).and(L.METRIC.eq(name)).and(onValue)));
    }

    private static double finite(double value) {
        return MetricRules.value("value", value);
    }
}
