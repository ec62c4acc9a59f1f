package org.mlregistry.core.analytics;

import org.mlregistry.core.internal.Validator;
import java.math.BigDecimal;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * A named, typed aggregate ({@code count(*)}, {@code avg(x)}, a FILTER-ed count, …) to compute per
 * group. A measure is a handle: pass it to a builder, then read its value back from a result row
 * with {@link GroupRow#value(Measure)}, typed as {@code T}.
 *
 * <p>The label is for display only; it never reaches the SQL text (columns get generated aliases),
 * and every value inside a measure's condition is a bind value.
 *
 * <p>Measures are immutable and compare by identity: keep the instance you passed to the builder to
 * read the value back.
 *
 * @param <T> the Java type of the aggregate's value
 */
public final class Measure<T> {

    private final String label;
    private final Field<T> aggregate;

    private Measure(String label, Field<T> aggregate) {
        this.label = Validator.required("label", label);
        this.aggregate = Validator.required("aggregate", aggregate);
    }

    /**
     * Any aggregate expression of your own, e.g. {@code DSL.percentileCont(0.5).withinGroupOrderBy(x)}.
     *
     * @param label display name
     * @param aggregate an aggregate field (it is evaluated per group)
     * @param <T> value type
     * @return the measure
     */
    public static <T> Measure<T> of(String label, Field<T> aggregate) {
        return new Measure<>(label, aggregate);
    }

    /**
     * {@code count(*)}.
     *
     * @param label display name
     * @return the measure
     */
    public static Measure<Long> count(String label) {
        return new Measure<>(label, DSL.count().coerce(SQLDataType.BIGINT));
    }

    /**
     * {@code count(*) FILTER (WHERE condition)}.
     *
     * @param label display name
     * @param condition which rows to count, e.g. {@code STATUS.eq(RunStatus.SUCCEEDED)}
     * @return the measure
     */
    public static Measure<Long> countWhere(String label, Condition condition) {
        return new Measure<>(label, DSL.count().filterWhere(condition).coerce(SQLDataType.BIGINT));
    }

    /**
     * The share of rows meeting a condition: {@code count(*) FILTER (WHERE condition)::numeric /
     * NULLIF(count(*), 0)}, a value in [0, 1] (e.g. the success rate).
     *
     * @param label display name
     * @param condition which rows count as hits
     * @return the measure
     */
    public static Measure<BigDecimal> share(String label, Condition condition) {
        Field<BigDecimal> hits = DSL.count().filterWhere(condition).cast(SQLDataType.NUMERIC);
        return new Measure<>(label, hits.div(DSL.nullif(DSL.count(), DSL.inline(0))));
    }

    /**
     * {@code avg(field)} (nulls ignored; null when no value).
     *
     * @param label display name
     * @param field a numeric field
     * @return the measure
     */
    public static Measure<BigDecimal> avg(String label, Field<? extends Number> field) {
        return new Measure<>(label, DSL.avg(field));
    }

    /**
     * {@code sum(field)} as numeric (nulls ignored; null when no value).
     *
     * @param label display name
     * @param field a numeric field
     * @return the measure
     */
    public static Measure<BigDecimal> sum(String label, Field<? extends Number> field) {
        return new Measure<>(label, DSL.sum(field));
    }

    /**
     * {@code min(field)}.
     *
     * @param label display name
     * @param field any comparable field
     * @param <T> value type
     * @return the measure
     */
    public static <T> Measure<T> min(String label, Field<T> field) {
        return new Measure<>(label, DSL.min(field));
    }

    /**
     * {@code max(field)}.
     *
     * @param label display name
     * @param field any comparable field
     * @param <T> value type
     * @return the measure
     */
    public static <T> Measure<T> max(String label, Field<T> field) {
        return new Measure<>(label, DSL.max(field));
    }

    /**
     * {@code stddev_samp(field)}: the sample standard deviation (null for fewer than two values).
     *
     * @param label display name
     * @param field a numeric field
     * @return the measure
     */
    public static Measure<BigDecimal> stddev(String label, Field<? extends Number> field) {
        return new Measure<>(label, DSL.stddevSamp(field));
    }

    /**
     * The display name given at creation.
     *
     * @return the label
     */
    public String label() {
        return label;
    }

    /**
     * The aggregate expression, for composing queries of your own.
     *
     * @return the jOOQ field
     */
    public Field<T> aggregate() {
        return aggregate;
    }

    @Override
    public String toString() {
        return label;
    }
}
