package org.mlregistry.core.analytics;

import org.mlregistry.core.internal.Validator;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.GroupField;
import org.jooq.OrderField;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.internal.Session;

/**
 * Grouped aggregation over any table: plain GROUP BY, ROLLUP, CUBE or GROUPING SETS over chosen
 * dimensions with chosen {@link Measure measures}; every result row says through {@code GROUPING()}
 * whether a null dimension is a subtotal or a real null ({@link Key#subtotal()}).
 *
 * <pre>{@code
 * Measure<Long> runs = Measure.count("runs");
 * Measure<BigDecimal> successRate = Measure.share("success rate", TRAINING_RUNS.STATUS.eq(RunStatus.SUCCEEDED));
 * List<GroupRow> rows = registry.analytics().aggregate(TRAINING_RUNS)
 *     .dimensions(TRAINING_RUNS.FRAMEWORK, TRAINING_RUNS.STATUS)
 *     .rollup()
 *     .measures(runs, successRate)
 *     .fetch();
 * }</pre>
 *
 * Rows come ordered by each dimension in turn, subtotals after the details they sum up
 * ({@code ORDER BY GROUPING(d1), d1, GROUPING(d2), d2, …}, nulls last).
 *
 * <p>Dimensions should be columns or bind-free expressions (such as {@link Buckets#day}): PostgreSQL
 * matches a selected expression to its GROUP BY expression textually, and two bind markers never match.
 */
public final class Aggregation {

    private Aggregation() {
    }

    /** First step: optionally filter, then choose the dimensions. */
    public interface Start {
        /**
         * Restricts the rows aggregated (AND-ed with earlier conditions).
         *
         * @param condition a condition on the table's fields
         * @return this step
         */
        Start where(Condition condition);

        /**
         * The grouping dimensions, in order (the order matters for ROLLUP).
         *
         * @param dimensions one or more fields or bind-free expressions
         * @return the next step: how to group
         * @throws InvalidValueException when a dimension holds a bind value
         */
        GroupingStep dimensions(Field<?>... dimensions);
    }

    /** How to group over the dimensions. */
    public interface GroupingStep {
        /**
         * Plain {@code GROUP BY d1, d2, …}: detail rows only.
         *
         * @return the next step
         */
        MeasuresStep groupBy();

        /**
         * {@code GROUP BY ROLLUP (d1, d2, …)}: details, subtotals for each prefix and the grand total.
         *
         * @return the next step
         */
        MeasuresStep rollup();

        /**
         * {@code GROUP BY CUBE (d1, d2, …)}: every combination of dimensions.
         *
         * @return the next step
         */
        MeasuresStep cube();

        /**
         * {@code GROUP BY GROUPING SETS (…)}; each set a list of the chosen dimensions ({@code List.of()}
         * is the grand total).
         *
         * @param sets the grouping sets; each member must be one of the dimensions, and each dimension
         *     must be in at least one set
         * @return the next step
         * @throws InvalidValueException when a set names a field that is not a dimension, or a
         *     dimension is in no set
         */
        @SuppressWarnings("unchecked")
        MeasuresStep groupingSets(List<? extends Field<?>>... sets);
    }

    /** Which aggregates to compute. */
    public interface MeasuresStep {
        /**
         * The measures, in order.
         *
         * @param measures one or more measures
         * @return the final step
         */
        Final measures(Measure<?>... measures);
    }

    /** Run it or hand out the query. */
    public interface Final {
        /**
         * The query, for further composition: columns are the dimensions ({@code d0, d1, …}), their
         * {@code GROUPING()} flags ({@code g0, g1, …}) and the measures ({@code m0, m1, …}).
         *
         * @return the jOOQ select
         */
        Select<Record> asSelect();

        /**
         * Runs the query.
         *
         * @return one row per group, typed through the dimensions and measures
         */
        List<GroupRow> fetch();
    }

    static Start start(Session session, Table<?> table) {
        return new Builder(session, table);
    }

    private enum Kind { PLAIN, ROLLUP, CUBE, SETS }

    private static final class Builder implements Start, GroupingStep, MeasuresStep, Final {
        private final Session session;
        private final DSLContext dsl;
        private final Table<?> table;
        private Condition condition = DSL.noCondition();
        private List<Field<?>> dimensions;
        private Kind kind;
        private List<List<Field<?>>> sets;
        private List<Measure<?>> measures;

        Builder(Session session, Table<?> table) {
            this.session = Validator.required("session", session);
            this.dsl = session.dsl();
            this.table = Validator.required("table", table);
        }

        @Override
        public Start where(Condition condition) {
            this.condition = this.condition.and(Validator.required("condition", condition));
            return this;
        }

        @Override
        public GroupingStep dimensions(Field<?>... dimensions) {
            if (dimensions.length == 0) {
                throw new InvalidValueException("dimensions", 0, "must name at least one field");
            }
            for (Field<?> d : dimensions) {
                if (!dsl.extractBindValues(d).isEmpty()) {
                    throw new InvalidValueException("dimension", d, "must not contain bind values (PostgreSQL cannot match "
                        + "it to its GROUP BY expression); use a column or inline constants (DSL.inline)");
                }
            }
            this.dimensions = List.of(dimensions);
            return this;
        }

        @Override
        public MeasuresStep groupBy() {
            kind = Kind.PLAIN;
            return this;
        }

        @Override
        public MeasuresStep rollup() {
            kind = Kind.ROLLUP;
            return this;
        }

        @Override
        public MeasuresStep cube() {
            kind = Kind.CUBE;
            return this;
        }

        @SafeVarargs
        @Override
        public final MeasuresStep groupingSets(List<? extends Field<?>>... sets) {
            if (sets.length == 0) {
                throw new InvalidValueException("grouping sets", 0, "must name at least one set");
            }
            List<List<Field<?>>> copy = new ArrayList<>();
            for (List<? extends Field<?>> set : sets) {
                for (Field<?> f : set) {
                    if (!dimensions.contains(f)) {
                        throw new InvalidValueException("grouping set member", f, "must be one of the dimensions");
                    }
                }
                copy.add(List.copyOf(set));
            }
            for (Field<?> d : dimensions) {
                if (copy.stream().noneMatch(set -> set.contains(d))) {
                    throw new InvalidValueException("dimension", d, "must be in at least one grouping set");
                }
            }
            this.sets = copy;
            kind = Kind.SETS;
            return this;
        }

        @Override
        public Final measures(Measure<?>... measures) {
            if (measures.length == 0) {
                throw new InvalidValueException("measures", 0, "must name at least one measure");
            }
            this.measures = List.of(measures);
            return this;
        }

        private GroupField grouping() {
            Field<?>[] dims = dimensions.toArray(Field<?>[]::new);
            return switch (kind) {
                case PLAIN -> throw new IllegalStateException();
                case ROLLUP -> DSL.rollup(dims);
                case CUBE -> DSL.cube(dims);
                case SETS -> DSL.groupingSets(sets.stream().map(s -> s.toArray(Field<?>[]::new)).toArray(Field<?>[][]::new));
            };
        }

        @Override
        public Select<Record> asSelect() {
            List<Field<?>> select = new ArrayList<>();
            List<OrderField<?>> order = new ArrayList<>();
            for (int i = 0; i < dimensions.size(); i++) {
                Field<?> d = dimensions.get(i);
                Field<Integer> g = DSL.grouping(d);
                select.add(d.as("d" + i));
                order.add(g);
                order.add(d.asc().nullsLast());
            }
            for (int i = 0; i < dimensions.size(); i++) {
                select.add(DSL.grouping(dimensions.get(i)).as("g" + i));
            }
            for (int i = 0; i < measures.size(); i++) {
                select.add(measures.get(i).aggregate().as("m" + i));
            }
            var from = dsl.select(select).from(table).where(condition);
            var grouped = kind == Kind.PLAIN ? from.groupBy(dimensions) : from.groupBy(grouping());
            return grouped.orderBy(order);
        }

        @Override
        public List<GroupRow> fetch() {
            int n = dimensions.size();
            List<GroupRow> rows = new ArrayList<>();
            for (Record r : session.readMayBeStale(ctx -> ctx.fetch(asSelect()))) {
                List<Key<?>> keys = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    keys.add(key(dimensions.get(i), r.get(i), r.get(n + i, Integer.class)));
                }
                Map<Measure<?>, Object> values = new IdentityHashMap<>();
                for (int i = 0; i < measures.size(); i++) {
                    values.put(measures.get(i), r.get(2 * n + i));
                }
                rows.add(new GroupRow(keys, values));
            }
            return rows;
        }

        @SuppressWarnings("unchecked")
        private static <T> Key<T> key(Field<T> dimension, Object value, Integer grouping) {
            return new Key<>(dimension, (T) value, grouping != null && grouping != 0);
        }
    }
}
