package org.mlregistry.core.tracking;

import static org.mlregistry.core.tracking.Runs.T;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.function.Function;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.mlregistry.core.internal.MetricRules;

/**
 * A column runs can be ordered and keyset-paged by; {@code run_id} always breaks ties.
 *
 * @param <V> the column's Java type
 */
public final class SortKey<V> {

    /** {@code created_at}. */
    public static final SortKey<OffsetDateTime> CREATED_AT = new SortKey<>("created_at", T.CREATED_AT, OffsetDateTime::parse);
    /** {@code started_at}. */
    public static final SortKey<OffsetDateTime> STARTED_AT = new SortKey<>("started_at", T.STARTED_AT, OffsetDateTime::parse);
    /** {@code completed_at}. */
    public static final SortKey<OffsetDateTime> COMPLETED_AT = new SortKey<>("completed_at", T.COMPLETED_AT, OffsetDateTime::parse);
    /** {@code accuracy}. */
    public static final SortKey<BigDecimal> ACCURACY = new SortKey<>("accuracy", T.ACCURACY, BigDecimal::new);
    /** {@code loss}. */
    public static final SortKey<BigDecimal> LOSS = new SortKey<>("loss", T.LOSS, BigDecimal::new);
    /** {@code f1_score}. */
    public static final SortKey<BigDecimal> F1 = new SortKey<>("f1_score", T.F1_SCORE, BigDecimal::new);
    /** {@code gpu_hours}. */
    public static final SortKey<BigDecimal> GPU_HOURS = new SortKey<>("gpu_hours", T.GPU_HOURS, BigDecimal::new);
    /** {@code model_name}. */
    public static final SortKey<String> MODEL_NAME = new SortKey<>("model_name", T.MODEL_NAME, s -> s);

    /**
     * A metric of the runs' history, by its latest value ({@code tracking.run_metric_latest}, a
     * correlated lookup by primary key per run); runs without the metric have no value and sort
     * as NULLs (last with {@link RunOrder#nullsLast()}, the default).
     *
     * @param name the metric, e.g. {@code val_loss}
     * @return the sort key {@code metric:<name>}
     */
    public static SortKey<Double> metric(String name) {
        MetricRules.name("metric", name);
        Field<Double> latest = DSL.field(DSL.select(MetricReads.L.VALUE).from(MetricReads.L)
                        .where(MetricReads.L.RUN_ID.eq(T.RUN_ID)).and(MetricReads.L.METRIC.eq(name)))
                .coerce(SQLDataType.DOUBLE.nullable(true));
        return new SortKey<>("metric:" + name, latest, Double::valueOf, true);
    }

    private final String name;
    private final Field<V> field;
    private final Function<String, V> parser;
    private final boolean computed;

    private SortKey(String name, Field<V> field, Function<String, V> parser) {
        this(name, field, parser, false);
    }

    private SortKey(String name, Field<V> field, Function<String, V> parser, boolean computed) {
        this.name = name;
        this.field = field;
        this.parser = parser;
        this.computed = computed;
    }

    /**
     * @return the column name
     */
    public String name() {
        return name;
    }

    Field<V> field() {
        return field;
    }

    /** Whether the value is computed per run (a metric) rather than a column of the run. */
    boolean computed() {
        return computed;
    }

    V parse(String text) {
        return parser.apply(text);
    }

    String format(Object value) {
        return value instanceof BigDecimal d ? d.toPlainString() : value.toString();
    }

    @Override
    public String toString() {
        return name;
    }
}
