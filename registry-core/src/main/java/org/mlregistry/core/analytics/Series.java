package org.mlregistry.core.analytics;

import org.mlregistry.core.internal.Validator;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.OrderField;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.WindowSpecification;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.internal.Session;

/**
 * A series over any table (lab 01 Part 8, "running total of GPU hours"): rows ordered along a field,
 * each with its running total, a moving average over a chosen frame
 * ({@code ROWS BETWEEN n PRECEDING AND CURRENT ROW}), the previous and next values ({@code LAG} /
 * {@code LEAD}) and the delta to the previous.
 *
 * <pre>{@code
 * List<SeriesPoint<OffsetDateTime, TrainingRunsRecord>> points = registry.analytics()
 *     .series(TRAINING_RUNS)
 *     .where(TRAINING_RUNS.GPU_HOURS.gt(BigDecimal.ZERO))
 *     .orderBy(TRAINING_RUNS.CREATED_AT, TRAINING_RUNS.RUN_ID)
 *     .value(TRAINING_RUNS.GPU_HOURS)
 *     .movingAverageOver(4)          // 4 preceding rows + the current one, as the lab's moving_avg_5
 *     .fetch();
 * }</pre>
 *
 * All windows are ROWS frames over the same order, so each row counts once even when rows tie on the
 * ordering field (the lab's default RANGE frame would give tied rows the same running total); pass
 * tie breakers (e.g. the primary key) to make the order, and so the results, deterministic. For daily
 * buckets use {@link Buckets#dayUtc} as an {@link Aggregation} dimension.
 */
public final class Series {

    private Series() {
    }

    /**
     * First step: optionally filter and partition, then choose the order.
     *
     * @param <R> record type
     */
    public interface Start<R extends Record> {
        /**
         * Restricts the rows (AND-ed with earlier conditions).
         *
         * @param condition a condition on the table's fields
         * @return this step
         */
        Start<R> where(Condition condition);

        /**
         * Computes a separate series per value of {@code key} (e.g. one per framework); the rows then
         * come ordered by key, then along the axis.
         *
         * @param key partition key
         * @return this step
         */
        Start<R> partitionBy(Field<?> key);

        /**
         * The axis of the series, ascending, with optional tie breakers.
         *
         * @param at the ordering field, e.g. {@code CREATED_AT}
         * @param tieBreakers further sort fields for rows that tie on {@code at}
         * @param <O> type of the ordering field
         * @return the next step
         */
        <O> ValueStep<R, O> orderBy(Field<O> at, OrderField<?>... tieBreakers);
    }

    /**
     * Chooses the value.
     *
     * @param <R> record type
     * @param <O> type of the ordering field
     */
    public interface ValueStep<R extends Record, O> {
        /**
         * The numeric value to total, average and compare.
         *
         * @param value a numeric field or expression
         * @return the next step (moving frame: 4 preceding rows unless chosen)
         */
        FrameStep<R, O> value(Field<? extends Number> value);
    }

    /**
     * Optionally chooses the moving-average frame; or runs with the default (4 preceding rows and the
     * current one, as the lab's {@code moving_avg_5}).
     *
     * @param <R> record type
     * @param <O> type of the ordering field
     */
    public interface FrameStep<R extends Record, O> extends Final<R, O> {
        /**
         * The moving average's frame: {@code ROWS BETWEEN precedingRows PRECEDING AND CURRENT ROW}.
         *
         * @param precedingRows 0 or more (0 = the row alone)
         * @return the final step
         * @throws InvalidValueException when negative
         */
        Final<R, O> movingAverageOver(int precedingRows);
    }

    /**
     * Run it or hand out the query.
     *
     * @param <R> record type
     * @param <O> type of the ordering field
     */
    public interface Final<R extends Record, O> {
        /**
         * The query, for further composition: the table's columns, then {@code series_at},
         * {@code series_value}, {@code running_total}, {@code moving_average}, {@code previous_value},
         * {@code next_value}, {@code delta}.
         *
         * @return the jOOQ select
         */
        Select<Record> asSelect();

        /**
         * Runs the query.
         *
         * @return the points, in series order
         */
        List<SeriesPoint<O, R>> fetch();
    }

    static <R extends Record> Start<R> start(Session session, Table<R> table) {
        return new Builder<>(session, table);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final class Builder<R extends Record> implements Start<R>, ValueStep, FrameStep {
        private final Session session;
        private final DSLContext dsl;
        private final Table<R> table;
        private Condition condition = DSL.noCondition();
        private final List<Field<?>> partition = new ArrayList<>();
        private Field<?> at;
        private OrderField<?>[] tieBreakers;
        private Field<BigDecimal> value;
        private int preceding = 4;

        Builder(Session session, Table<R> table) {
            this.session = Validator.required("session", session);
            this.dsl = session.dsl();
            this.table = Validator.required("table", table);
        }

        @Override
        public Start<R> where(Condition condition) {
            this.condition = this.condition.and(Validator.required("condition", condition));
            return this;
        }

        @Override
        public Start<R> partitionBy(Field<?> key) {
            partition.add(Validator.required("key", key));
            return this;
        }

        @Override
        public ValueStep orderBy(Field at, OrderField... tieBreakers) {
            this.at = Validator.required("at", at);
            this.tieBreakers = tieBreakers.clone();
            return this;
        }

        @Override
        public FrameStep value(Field value) {
            this.value = ((Field<?>) Validator.required("value", value)).cast(SQLDataType.NUMERIC);
            return this;
        }

        @Override
        public Final movingAverageOver(int precedingRows) {
            if (precedingRows < 0) {
                throw new InvalidValueException("precedingRows", precedingRows, "must be 0 or more");
            }
            this.preceding = precedingRows;
            return this;
        }

        private List<OrderField<?>> order() {
            List<OrderField<?>> order = new ArrayList<>();
            order.add(at.asc());
            order.addAll(List.of(tieBreakers));
            return order;
        }

        @Override
        public Select<Record> asSelect() {
            WindowSpecification window = DSL.partitionBy(partition).orderBy(order());
            Field<BigDecimal> previous = DSL.lag(value).over(window);
            List<Field<?>> select = new ArrayList<>(List.of(table.fields()));
            select.add(at.as("series_at"));
            select.add(value.as("series_value"));
            select.add(DSL.sum(value).over(DSL.partitionBy(partition).orderBy(order())
                .rowsBetweenUnboundedPreceding().andCurrentRow()).as("running_total"));
            select.add(DSL.avg(value).over(DSL.partitionBy(partition).orderBy(order())
                .rowsBetweenPreceding(preceding).andCurrentRow()).as("moving_average"));
            select.add(previous.as("previous_value"));
            select.add(DSL.lead(value).over(window).as("next_value"));
            select.add(value.minus(previous).as("delta"));
            List<OrderField<?>> outer = new ArrayList<>();
            for (Field<?> p : partition) {
                outer.add(p.asc().nullsLast());
            }
            outer.addAll(order());
            return dsl.select(select).from(table).where(condition).orderBy(outer);
        }

        @Override
        public List fetch() {
            int n = table.fields().length;
            List<SeriesPoint<Object, R>> points = new ArrayList<>();
            for (Record r : session.readMayBeStale(ctx -> ctx.fetch(asSelect()))) {
                R row = r.into(java.util.Arrays.copyOfRange(r.fields(), 0, n)).into(table);
                points.add(new SeriesPoint<>(r.get(n), r.get(n + 1, BigDecimal.class), r.get(n + 2, BigDecimal.class),
                    r.get(n + 3, BigDecimal.class), r.get(n + 4, BigDecimal.class), r.get(n + 5, BigDecimal.class),
                    r.get(n + 6, BigDecimal.class), row));
            }
            return points;
        }
    }
}
