package org.mlregistry.core.analytics;

import org.mlregistry.core.internal.Validator;
import java.util.ArrayList;
import java.util.List;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.OrderField;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.internal.Session;

/**
 * Best N rows per group over any table, by {@code CROSS JOIN LATERAL} (lab 01 Part 8, "top 2 most
 * accurate models per framework"; with {@code limit(1)}: "best run per experiment").
 *
 * <pre>{@code
 * List<TopRow<Framework, TrainingRunsRecord>> top2 = registry.analytics().topN(TRAINING_RUNS)
 *     .where(TRAINING_RUNS.STATUS.eq(RunStatus.SUCCEEDED).and(TRAINING_RUNS.ACCURACY.isNotNull()))
 *     .perGroup(TRAINING_RUNS.FRAMEWORK)
 *     .orderBy(TRAINING_RUNS.ACCURACY.desc())
 *     .limit(2)
 *     .fetch();
 * }</pre>
 *
 * SQL: {@code SELECT g.group_key, top.* FROM (SELECT DISTINCT k AS group_key FROM t WHERE …) g
 * CROSS JOIN LATERAL (SELECT t.*, ROW_NUMBER() OVER (ORDER BY …) AS position FROM t WHERE … AND
 * k = g.group_key ORDER BY … LIMIT ?) top ORDER BY g.group_key, top.position}. Groups without a
 * matching row do not appear. With an index on (k, order fields), each lateral probe reads only N
 * index entries. Ties at the N-th place are broken arbitrarily unless the order is total (add a
 * unique field such as the primary key as the last order field).
 */
public final class TopN {

    private TopN() {
    }

    /**
     * First step: optionally filter, then choose the group.
     *
     * @param <R> record type
     */
    public interface Start<R extends Record> {
        /**
         * Restricts the candidate rows (AND-ed with earlier conditions).
         *
         * @param condition a condition on the table's fields
         * @return this step
         */
        Start<R> where(Condition condition);

        /**
         * The group: best rows are chosen per distinct value of {@code key}; rows whose key is
         * NULL form one group of their own (matched with {@code IS NOT DISTINCT FROM}), sorted last.
         *
         * @param key the group key
         * @param <K> its type
         * @return the next step
         */
        <K> OrderStep<R, K> perGroup(Field<K> key);
    }

    /**
     * Chooses what "best" means.
     *
     * @param <R> record type
     * @param <K> group key type
     */
    public interface OrderStep<R extends Record, K> {
        /**
         * Best first, e.g. {@code ACCURACY.desc()}.
         *
         * @param order one or more sort fields
         * @return the next step
         */
        LimitStep<R, K> orderBy(OrderField<?>... order);
    }

    /**
     * Chooses N.
     *
     * @param <R> record type
     * @param <K> group key type
     */
    public interface LimitStep<R extends Record, K> {
        /**
         * How many rows per group (bound as a parameter).
         *
         * @param n at least 1
         * @return the final step
         * @throws InvalidValueException when n &lt; 1
         */
        Final<R, K> limit(int n);
    }

    /**
     * Run it or hand out the query.
     *
     * @param <R> record type
     * @param <K> group key type
     */
    public interface Final<R extends Record, K> {
        /**
         * The query, for further composition: {@code group_key}, the table's columns, {@code position}.
         *
         * @return the jOOQ select
         */
        Select<Record> asSelect();

        /**
         * Runs the query.
         *
         * @return the best rows, by group key (nulls last) then position
         */
        List<TopRow<K, R>> fetch();
    }

    static <R extends Record> Start<R> start(Session session, Table<R> table) {
        return new Builder<>(session, table);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final class Builder<R extends Record> implements Start<R>, OrderStep, LimitStep, Final {
        private final Session session;
        private final DSLContext dsl;
        private final Table<R> table;
        private Condition condition = DSL.noCondition();
        private Field<?> key;
        private OrderField<?>[] order;
        private int n;

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
        public OrderStep perGroup(Field key) {
            this.key = Validator.required("key", key);
            return this;
        }

        @Override
        public LimitStep orderBy(OrderField... order) {
            if (order.length == 0) {
                throw new InvalidValueException("order", 0, "must name at least one field");
            }
            this.order = order.clone();
            return this;
        }

        @Override
        public Final limit(int n) {
            if (n < 1) {
                throw new InvalidValueException("limit", n, "must be at least 1");
            }
            this.n = n;
            return this;
        }

        @Override
        public Select<Record> asSelect() {
            Table<?> groups = distinctGroups().asTable("g");
            Field groupKey = groups.field("group_key");
            List<Field<?>> inner = new ArrayList<>(List.of(table.fields()));
            inner.add(DSL.rowNumber().over(DSL.orderBy(order)).as("position"));
            // "key = g.group_key" lets an index on (key, order…) serve each group; NULL, a group too,
            // gets its own branch, which PostgreSQL skips unless the group key is NULL.
            Table<?> top = DSL.lateral(dsl.select(inner).from(table)
                .where(condition).and(((Field) key).eq(groupKey))
                .orderBy(order)
                .limit(DSL.val(n))
                .unionAll(dsl.select(inner).from(table)
                    .where(condition).and(key.isNull()).and(groupKey.isNull())
                    .orderBy(order)
                    .limit(DSL.val(n)))).asTable("top");
            List<Field<?>> outer = new ArrayList<>();
            outer.add(groupKey);
            outer.addAll(List.of(top.fields()));
            return dsl.select(outer).from(groups).crossJoin(top)
                .orderBy(groupKey.asc().nullsLast(), top.field("position").asc());
        }

        /**
         * The distinct group keys, found by walking an index on the key one value at a time (a
         * recursive "loose index scan": one probe per group instead of reading every row), then
         * NULL when some row has a NULL key.
         */
        private Select<? extends Record1<?>> distinctGroups() {
            Name walk = DSL.name("group_walk");
            Field previous = DSL.field(DSL.name("group_walk", "group_key"), key.getDataType());
            Field nextKey = DSL.field(dsl.select(key).from(table)
                .where(condition).and(((Field) key).gt(previous))
                .orderBy(key).limit(1));
            CommonTableExpression<?> keys = walk.fields("group_key").as(
                dsl.select(key).from(table).where(condition).and(key.isNotNull()).orderBy(key).limit(1)
                    .unionAll(dsl.select(nextKey).from(DSL.table(walk)).where(previous.isNotNull())));
            return dsl.withRecursive(keys)
                .select(previous.as("group_key")).from(DSL.table(walk)).where(previous.isNotNull())
                .unionAll(DSL.select(DSL.inline(null, key.getDataType()).as("group_key"))
                    .whereExists(dsl.selectOne().from(table).where(condition).and(key.isNull())));
        }

        @Override
        public List fetch() {
            Field[] columns = table.fields();
            int n = columns.length;
            List<TopRow<Object, R>> rows = new ArrayList<>();
            for (Record r : session.readMayBeStale(ctx -> ctx.fetch(asSelect()))) {
                // by position: the table's columns stand at 1..n (a lookup by name costs O(n) per column)
                R row = dsl.newRecord(table);
                for (int i = 0; i < n; i++) {
                    row.set(columns[i], r.get(i + 1));
                }
                row.changed(false);
                rows.add(new TopRow<>(r.get(0), r.get(n + 1, Integer.class), row));
            }
            return rows;
        }
    }
}
