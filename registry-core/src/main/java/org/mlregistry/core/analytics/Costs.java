package org.mlregistry.core.analytics;

import org.mlregistry.core.internal.Validator;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.CaseConditionStep;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.SelectHavingStep;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.UnknownRateException;
import org.mlregistry.core.internal.Session;

/**
 * Compute cost over any table: hours × a rate ({@link BigDecimal}, exact numeric arithmetic in
 * PostgreSQL), one rate for all rows or a rate per compute target, in total or grouped by any
 * bind-free dimension (framework, target, {@link Buckets#dayUtc day}).
 *
 * <pre>{@code
 * List<CostRow<Framework>> byFramework = registry.analytics().costs(TRAINING_RUNS)
 *     .hours(TRAINING_RUNS.GPU_HOURS)
 *     .ratePer(TRAINING_RUNS.COMPUTE_TARGET, Map.of("k8s-gpu-a100", new BigDecimal("3.67"), …))
 *     .orDefault(new BigDecimal("2.50"))
 *     .by(TRAINING_RUNS.FRAMEWORK)
 *     .fetch();
 * }</pre>
 *
 * With rates per target, a row whose target has no rate is either priced at the explicit default
 * rate ({@link UnknownTargetStep#orDefault}) or makes the whole report fail with
 * {@link UnknownRateException} naming the targets ({@link UnknownTargetStep#failOnUnknown}); it is
 * never silently left out. A null target matches no rate (it is reported as {@code NULL}). Rows with null hours count as runs but add no hours and no cost. Rates are
 * bound values; each report is one statement.
 */
public final class Costs {

    private Costs() {
    }

    /** First step: optionally filter, then choose the hours. */
    public interface Start {
        /**
         * Restricts the rows (AND-ed with earlier conditions).
         *
         * @param condition a condition on the table's fields
         * @return this step
         */
        Start where(Condition condition);

        /**
         * The hours to price, e.g. {@code GPU_HOURS}.
         *
         * @param hours a numeric field
         * @return the next step
         */
        RateStep hours(Field<? extends Number> hours);
    }

    /** Chooses the rate(s). */
    public interface RateStep {
        /**
         * One rate for every row.
         *
         * @param ratePerHour at least 0
         * @return the next step
         * @throws InvalidValueException when negative
         */
        GroupStep rate(BigDecimal ratePerHour);

        /**
         * A rate per value of {@code target} (e.g. per compute target).
         *
         * @param target the field choosing the rate
         * @param ratesPerHour rate per target value; rates at least 0, no null keys or values
         * @param <T> the target's type
         * @return the next step: what to do with targets that have no rate
         * @throws InvalidValueException when a rate is negative
         */
        <T> UnknownTargetStep ratePer(Field<T> target, Map<T, BigDecimal> ratesPerHour);
    }

    /** What to do with rows whose target has no rate. */
    public interface UnknownTargetStep {
        /**
         * Fails the report with {@link UnknownRateException} if any row's target has no rate.
         *
         * @return the next step
         */
        GroupStep failOnUnknown();

        /**
         * Prices rows whose target has no rate at this rate.
         *
         * @param defaultRatePerHour at least 0
         * @return the next step
         * @throws InvalidValueException when negative
         */
        GroupStep orDefault(BigDecimal defaultRatePerHour);
    }

    /** Chooses the grouping. */
    public interface GroupStep {
        /**
         * One row per value of a dimension, ordered by it (nulls last).
         *
         * @param dimension a column or bind-free expression, e.g. {@code FRAMEWORK} or
         *     {@code Buckets.dayUtc(CREATED_AT)}
         * @param <K> its type
         * @return the final step
         * @throws InvalidValueException when the dimension holds a bind value
         */
        <K> Final<K> by(Field<K> dimension);

        /**
         * One row for everything (key null).
         *
         * @return the final step
         */
        Final<Void> total();
    }

    /**
     * Run it or hand out the query.
     *
     * @param <K> group key type
     */
    public interface Final<K> {
        /**
         * The query, for further composition: {@code cost_key} (when grouped), {@code runs},
         * {@code hours}, {@code cost}, and with {@code failOnUnknown()} {@code unknown_targets}
         * (text array of targets without a rate).
         *
         * @return the jOOQ select
         */
        Select<Record> asSelect();

        /**
         * Runs the report.
         *
         * @return one row per group (or one total row)
         * @throws UnknownRateException with {@code failOnUnknown()}, when a target has no rate
         */
        List<CostRow<K>> fetch();
    }

    static Start start(Session session, Table<?> table) {
        return new Builder(session, table);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final class Builder implements Start, RateStep, UnknownTargetStep, GroupStep, Final {
        private final Session session;
        private final DSLContext dsl;
        private final Table<?> table;
        private Condition condition = DSL.noCondition();
        private Field<BigDecimal> hours;
        private BigDecimal flatRate;
        private Field<?> target;
        private Map<Object, BigDecimal> rates;
        private BigDecimal defaultRate;
        private boolean failOnUnknown;
        private Field<?> key;

        Builder(Session session, Table<?> table) {
            this.session = Validator.required("session", session);
            this.dsl = session.dsl();
            this.table = Validator.required("table", table);
        }

        private static BigDecimal checkRate(BigDecimal rate) {
            Validator.required("rate", rate);
            if (rate.signum() < 0) {
                throw new InvalidValueException("rate", rate, "must be at least 0");
            }
            return rate;
        }

        @Override
        public Start where(Condition condition) {
            this.condition = this.condition.and(Validator.required("condition", condition));
            return this;
        }

        @Override
        public RateStep hours(Field hours) {
            this.hours = ((Field<?>) Validator.required("hours", hours)).cast(SQLDataType.NUMERIC);
            return this;
        }

        @Override
        public GroupStep rate(BigDecimal ratePerHour) {
            this.flatRate = checkRate(ratePerHour);
            return this;
        }

        @Override
        public UnknownTargetStep ratePer(Field target, Map ratesPerHour) {
            this.target = Validator.required("target", target);
            Map<Object, BigDecimal> copy = new LinkedHashMap<>();
            ((Map<Object, BigDecimal>) ratesPerHour).forEach((k, v) -> copy.put(Validator.required("target value", k), checkRate(v)));
            this.rates = copy;
            return this;
        }

        @Override
        public GroupStep failOnUnknown() {
            this.failOnUnknown = true;
            return this;
        }

        @Override
        public GroupStep orDefault(BigDecimal defaultRatePerHour) {
            this.defaultRate = checkRate(defaultRatePerHour);
            return this;
        }

        @Override
        public Final by(Field dimension) {
            Validator.required("dimension", dimension);
            if (!dsl.extractBindValues(dimension).isEmpty()) {
                throw new InvalidValueException("dimension", dimension, "must not contain bind values; use a column or inline constants");
            }
            this.key = dimension;
            return this;
        }

        @Override
        public Final total() {
            this.key = null;
            return this;
        }

        /** The rate of the row: bound flat rate, or CASE over the targets (ELSE default, or null). */
        private Field<BigDecimal> rate() {
            if (flatRate != null) {
                return DSL.val(flatRate);
            }
            if (rates.isEmpty()) {
                return defaultRate != null ? DSL.val(defaultRate) : DSL.castNull(SQLDataType.NUMERIC);
            }
            CaseConditionStep<BigDecimal> choice = null;
            for (Map.Entry<Object, BigDecimal> e : rates.entrySet()) {
                Condition match = ((Field<Object>) target).eq(DSL.val(e.getKey(), (Field<Object>) target));
                choice = choice == null ? DSL.when(match, DSL.val(e.getValue())) : choice.when(match, DSL.val(e.getValue()));
            }
            return defaultRate != null ? choice.otherwise(DSL.val(defaultRate)) : choice;
        }

        @Override
        public Select<Record> asSelect() {
            Field<BigDecimal> rate = rate();
            List<Field<?>> select = new ArrayList<>();
            if (key != null) {
                select.add(key.as("cost_key"));
            }
            select.add(DSL.count().coerce(SQLDataType.BIGINT).as("runs"));
            select.add(DSL.sum(hours).as("hours"));
            select.add(DSL.sum(hours.times(rate)).as("cost"));
            if (failOnUnknown) {
                select.add(DSL.arrayAggDistinct(target.cast(SQLDataType.VARCHAR)).filterWhere(rate.isNull()).as("unknown_targets"));
            }
            SelectHavingStep<Record> query = key == null
                ? dsl.select(select).from(table).where(condition)
                : dsl.select(select).from(table).where(condition).groupBy(key);
            return key == null ? query : query.orderBy(key.asc().nullsLast());
        }

        @Override
        public List fetch() {
            List<CostRow<Object>> rows = new ArrayList<>();
            Set<String> unknown = new TreeSet<>();
            int offset = key == null ? 0 : 1;
            for (Record r : session.readMayBeStale(ctx -> ctx.fetch(asSelect()))) {
                rows.add(new CostRow<>(key == null ? null : r.get(0), r.get(offset, Long.class),
                    r.get(offset + 1, BigDecimal.class), r.get(offset + 2, BigDecimal.class)));
                if (failOnUnknown) {
                    String[] targets = (String[]) r.get(offset + 3);
                    if (targets != null) {
                        for (String target : targets) {
                            unknown.add(target == null ? "NULL" : target);
                        }
                    }
                }
            }
            if (!unknown.isEmpty()) {
                throw new UnknownRateException(unknown);
            }
            return rows;
        }
    }
}
