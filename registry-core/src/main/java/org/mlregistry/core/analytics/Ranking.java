package org.mlregistry.core.analytics;

import org.mlregistry.core.internal.Validator;
import java.util.ArrayList;
import java.util.List;
import org.jooq.AggregateFunction;
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
 * Windowed rankings over any table (lab 01 Part 8): each row with its RANK / DENSE_RANK /
 * ROW_NUMBER within a partition ordered by chosen fields, and optionally the partition's aggregate
 * beside it.
 *
 * <pre>{@code
 * List<RankedRow<Framework, BigDecimal, TrainingRunsRecord>> rows = registry.analytics()
 *     .ranking(TRAINING_RUNS)
 *     .where(TRAINING_RUNS.STATUS.eq(RunStatus.SUCCEEDED).and(TRAINING_RUNS.ACCURACY.isNotNull()))
 *     .partitionBy(TRAINING_RUNS.FRAMEWORK)
 *     .orderBy(TRAINING_RUNS.ACCURACY.desc().nullsLast())
 *     .rank()
 *     .withPartitionAggregate(DSL.avg(TRAINING_RUNS.ACCURACY))
 *     .fetch();
 * }</pre>
 *
 * SQL: {@code SELECT t.*, RANK() OVER (PARTITION BY k ORDER BY …), AVG(x) OVER (PARTITION BY k)
 * FROM t WHERE … ORDER BY k, rank}. Rows come ordered by partition key (nulls last), then rank;
 * {@link Final#upToRank} keeps the best-ranked rows of each partition.
 */
public final class Ranking {

    private Ranking() {
    }

    /**
     * First step: optionally filter, then choose the partition.
     *
     * @param <R> record type of the table
     */
    public interface Start<R extends Record> {
        /**
         * Restricts the rows ranked (AND-ed with earlier conditions).
         *
         * @param condition a condition on the table's fields
         * @return this step
         */
        Start<R> where(Condition condition);

        /**
         * Ranks within groups of equal {@code key} ({@code PARTITION BY key}).
         *
         * @param key the partition key
         * @param <K> its type
         * @return the next step
         */
        <K> OrderStep<R, K> partitionBy(Field<K> key);
    }

    /**
     * Chooses the order of ranking.
     *
     * @param <R> record type
     * @param <K> partition key type
     */
    public interface OrderStep<R extends Record, K> {
        /**
         * The ranking order within each partition, e.g. {@code ACCURACY.desc().nullsLast()}.
         *
         * @param order one or more sort fields
         * @return the next step
         */
        FunctionStep<R, K> orderBy(OrderField<?>... order);
    }

    /**
     * Chooses the ranking function.
     *
     * @param <R> record type
     * @param <K> partition key type
     */
    public interface FunctionStep<R extends Record, K> {
        /**
         * {@code RANK()}: ties share a rank, gaps follow (1, 1, 3).
         *
         * @return the next step
         */
        AggregateStep<R, K> rank();

        /**
         * {@code DENSE_RANK()}: ties share a rank, no gaps (1, 1, 2).
         *
         * @return the next step
         */
        AggregateStep<R, K> denseRank();

        /**
         * {@code ROW_NUMBER()}: 1, 2, 3 … (ties broken arbitrarily unless the order is total).
         *
         * @return the next step
         */
        AggregateStep<R, K> rowNumber();
    }

    /**
     * Optionally adds the partition's aggregate; or runs as is.
     *
     * @param <R> record type
     * @param <K> partition key type
     */
    public interface AggregateStep<R extends Record, K> extends Final<R, K, Void> {
        /**
         * Adds an aggregate over the whole partition beside each row, e.g. {@code DSL.avg(ACCURACY)},
         * {@code DSL.max(ACCURACY)}, {@code DSL.count()} ({@code … OVER (PARTITION BY key)}).
         *
         * @param aggregate an aggregate function, not yet windowed
         * @param <A> its type
         * @return the final step
         */
        <A> Final<R, K, A> withPartitionAggregate(AggregateFunction<A> aggregate);
    }

    /**
     * Run it or hand out the query.
     *
     * @param <R> record type
     * @param <K> partition key type
     * @param <A> aggregate type
     */
    public interface Final<R extends Record, K, A> {
        /**
         * Keeps only rows ranked {@code maxRank} or better (with RANK or DENSE_RANK, ties at the
         * boundary are all kept). Wraps the ranking in a derived table:
         * {@code SELECT * FROM (…) ranked WHERE rank_in_partition <= ?}.
         *
         * @param maxRank at least 1 (bound)
         * @return this step
         * @throws InvalidValueException when maxRank &lt; 1
         */
        Final<R, K, A> upToRank(long maxRank);

        /**
         * The query for further composition: the table's columns, then {@code rank_in_partition} and
         * {@code partition_aggregate} (when asked for).
         *
         * @return the jOOQ select
         */
        Select<Record> asSelect();

        /**
         * Runs the query.
         *
         * @return the ranked rows, by partition then rank
         */
        List<RankedRow<K, A, R>> fetch();
    }

    static <R extends Record> Start<R> start(Session session, Table<R> table) {
        return new Builder<>(session, table);
    }

    private enum Function { RANK, DENSE_RANK, ROW_NUMBER }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final class Builder<R extends Record> implements Start<R>, OrderStep, FunctionStep, AggregateStep, Final {
        private final Session session;
        private final DSLContext dsl;
        private final Table<R> table;
        private Condition condition = DSL.noCondition();
        private Field<?> key;
        private OrderField<?>[] order;
        private Function function;
        private AggregateFunction<?> aggregate;
        private Long maxRank;

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
        public OrderStep partitionBy(Field key) {
            this.key = Validator.required("key", key);
            return this;
        }

        @Override
        public FunctionStep orderBy(OrderField... order) {
            if (order.length == 0) {
                throw new InvalidValueException("order", 0, "must name at least one field");
            }
            this.order = order.clone();
            return this;
        }

        @Override
        public AggregateStep rank() {
            function = Function.RANK;
            return this;
        }

        @Override
        public AggregateStep denseRank() {
            function = Function.DENSE_RANK;
            return this;
        }

        @Override
        public AggregateStep rowNumber() {
            function = Function.ROW_NUMBER;
            return this;
        }

        @Override
        public Final withPartitionAggregate(AggregateFunction aggregate) {
            this.aggregate = Validator.required("aggregate", aggregate);
            return this;
        }

        @Override
        public Final upToRank(long maxRank) {
            if (maxRank < 1) {
                throw new InvalidValueException("maxRank", maxRank, "must be at least 1");
            }
            this.maxRank = maxRank;
            return this;
        }

        @Override
        public Select<Record> asSelect() {
            WindowSpecification spec = DSL.partitionBy(key).orderBy(order);
            Field<Integer> rank = switch (function) {
                case RANK -> DSL.rank().over(spec);
                case DENSE_RANK -> DSL.denseRank().over(spec);
                case ROW_NUMBER -> DSL.rowNumber().over(spec);
            };
            Field<Long> rankField = rank.coerce(SQLDataType.BIGINT).as("rank_in_partition");
            List<Field<?>> select = new ArrayList<>(List.of(table.fields()));
            select.add(key.as("partition_key"));
            select.add(rankField);
            if (aggregate != null) {
                select.add(aggregate.over(DSL.partitionBy(key)).as("partition_aggregate"));
            }
            if (maxRank == null) {
                return dsl.select(select).from(table).where(condition)
                    .orderBy(key.asc().nullsLast(), DSL.field(DSL.name("rank_in_partition")).asc());
            }
            Table<?> ranked = dsl.select(select).from(table).where(condition).asTable("ranked");
            Field<Long> rankInPartition = ranked.field("rank_in_partition", Long.class);
            return dsl.select(ranked.fields()).from(ranked)
                .where(rankInPartition.le(DSL.val(maxRank)))
                .orderBy(ranked.field("partition_key").asc().nullsLast(), rankInPartition.asc());
        }

        @Override
        public List fetch() {
            int n = table.fields().length;
            List<RankedRow<Object, Object, R>> rows = new ArrayList<>();
            for (Record r : session.readMayBeStale(ctx -> ctx.fetch(asSelect()))) {
                R row = r.into(java.util.Arrays.copyOfRange(r.fields(), 0, n)).into(table);
                rows.add(new RankedRow<>(r.get(n), r.get(n + 1, Long.class), aggregate == null ? null : r.get(n + 2), row));
            }
            return rows;
        }
    }
}
