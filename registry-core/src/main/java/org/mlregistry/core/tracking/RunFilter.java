package org.mlregistry.core.tracking;

import static org.mlregistry.core.tracking.Runs.T;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.conf.ParamType;
import org.jooq.impl.CustomCondition;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.mlregistry.core.internal.Validator;
import org.mlregistry.core.internal.JsonText;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.RunStatus;

/**
 * A typed, composable condition on training runs; every value is bound, never concatenated.
 *
 * <pre>{@code
 * import static org.mlregistry.core.tracking.RunFilter.*;
 *
 * RunFilter f = status().in(RunStatus.SUCCEEDED, RunStatus.FAILED)
 *         .and(framework().eq(Framework.PYTORCH).or(modelName().ilike("%bert%")))
 *         .and(param("batch_size").asInt().ge(32))
 *         .and(param("optimizer").eq("adam"))
 *         .and(hasParam("lora_r").not())
 *         .and(createdWithin(Duration.ofDays(30)));
 * }</pre>
 */
public final class RunFilter {

    private final Condition condition;

    private RunFilter(Condition condition) {
        this.condition = Objects.requireNonNull(condition, "condition");
    }

    /**
     * Wraps a jOOQ condition over {@code tracking.training_runs} (an escape hatch for composition).
     *
     * @param condition the condition
     * @return a filter
     */
    public static RunFilter of(Condition condition) {
        return new RunFilter(condition);
    }

    /**
     * @return the filter that matches every run
     */
    public static RunFilter any() {
        return new RunFilter(DSL.trueCondition());
    }

    /**
     * @return the jOOQ condition this filter stands for
     */
    public Condition condition() {
        return condition;
    }

    /**
     * @param other another filter
     * @return both must hold
     */
    public RunFilter and(RunFilter other) {
        return new RunFilter(condition.and(other.condition));
    }

    /**
     * @param other another filter
     * @return either may hold
     */
    public RunFilter or(RunFilter other) {
        return new RunFilter(condition.or(other.condition));
    }

    /**
     * @return the negation (SQL {@code NOT}; a NULL comparison stays unknown and does not match)
     */
    public RunFilter not() {
        return new RunFilter(condition.not());
    }

    /**
     * @param filters filters
     * @return all must hold
     */
    public static RunFilter allOf(RunFilter... filters) {
        return new RunFilter(DSL.and(Arrays.stream(filters).map(RunFilter::condition).toList()));
    }

    /**
     * @param filters filters
     * @return at least one must hold
     */
    public static RunFilter anyOf(RunFilter... filters) {
        return new RunFilter(DSL.or(Arrays.stream(filters).map(RunFilter::condition).toList()));
    }

    @Override
    public String toString() {
        return condition.toString();
    }

    // ------------------------------------------------------------------ columns

    /**
     * @return the run id column
     */
    public static Column<UUID> runId() {
        return new Column<>(T.RUN_ID);
    }

    /**
     * @return the status column
     */
    public static Column<RunStatus> status() {
        return new Column<>(T.STATUS);
    }

    /**
     * @return the framework column
     */
    public static Column<Framework> framework() {
        return new Column<>(T.FRAMEWORK);
    }

    /**
     * @return the model name column
     */
    public static Text modelName() {
        return new Text(T.MODEL_NAME);
    }

    /**
     * @return the experiment name column
     */
    public static Text experimentName() {
        return new Text(T.EXPERIMENT_NAME);
    }

    /**
     * @return the dataset column
     */
    public static Text dataset() {
        return new Text(T.DATASET);
    }

    /**
     * @return the compute target column
     */
    public static Text computeTarget() {
        return new Text(T.COMPUTE_TARGET);
    }

    /**
     * @return the notes column
     */
    public static Text notes() {
        return new Text(T.NOTES);
    }

    /**
     * @return the accuracy column
     */
    public static Numeric accuracy() {
        return new Numeric(T.ACCURACY);
    }

    /**
     * @return the loss column
     */
    public static Numeric loss() {
        return new Numeric(T.LOSS);
    }

    /**
     * @return the precision column
     */
    public static Numeric precision() {
        return new Numeric(T.PRECISION_SCORE);
    }

    /**
     * @return the recall column
     */
    public static Numeric recall() {
        return new Numeric(T.RECALL_SCORE);
    }

    /**
     * @return the F1 column
     */
    public static Numeric f1() {
        return new Numeric(T.F1_SCORE);
    }

    /**
     * @return the GPU hours column
     */
    public static Numeric gpuHours() {
        return new Numeric(T.GPU_HOURS);
    }

    /**
     * @return the CPU hours column
     */
    public static Numeric cpuHours() {
        return new Numeric(T.CPU_HOURS);
    }

    /**
     * @return the creation time column
     */
    public static Time createdAt() {
        return new Time(T.CREATED_AT);
    }

    /**
     * @return the start time column
     */
    public static Time startedAt() {
        return new Time(T.STARTED_AT);
    }

    /**
     * @return the completion time column
     */
    public static Time completedAt() {
        return new Time(T.COMPLETED_AT);
    }

    /**
     * @return the archive time column (archived runs are only searched after {@link RunSearch#includeArchived()})
     */
    public static Time archivedAt() {
        return new Time(T.ARCHIVED_AT);
    }

    // ------------------------------------------------------------------ time windows

    /**
     * @param window how far back, positive
     * @return runs created in the last window ({@code created_at >= now() - window})
     */
    public static RunFilter createdWithin(Duration window) {
        return createdAt().within(window);
    }

    /**
     * @param from inclusive start
     * @param to exclusive end
     * @return runs created in {@code [from, to)}
     */
    public static RunFilter createdBetween(OffsetDateTime from, OffsetDateTime to) {
        return createdAt().ge(from).and(createdAt().lt(to));
    }

    // ------------------------------------------------------------------ JSONB parameters

    /**
     * @param key a top-level key of {@code parameters}
     * @return the parameter, to compare by type
     */
    public static Param param(String key) {
        return new Param(Validator.required("key", key));
    }

    /**
     * @param key a top-level key
     * @return runs whose parameters have the key ({@code parameters ? key}; GIN-indexable)
     */
    public static RunFilter hasParam(String key) {
        Validator.required("key", key);
        // PgJDBC reads "??" as the operator "?" in prepared statements; COPY (inlined SQL) needs a plain "?".
        return new RunFilter(CustomCondition.of(ctx -> ctx.sql('(').visit(T.PARAMETERS)
                .sql(ctx.paramType() == ParamType.INLINED ? " ? " : " ?? ")
                .visit(DSL.val(key)).sql(')')));
    }

    /**
     * @param json a JSON object text
     * @return runs whose parameters contain it ({@code parameters @> ?::jsonb}; GIN-indexable)
     */
    public static RunFilter paramsContain(String json) {
        Validator.jsonObject("parameters", json);
        return contains(json);
    }

    private static RunFilter contains(String json) {
        return new RunFilter(DSL.condition("{0} @> {1}", T.PARAMETERS, DSL.val(JSONB.valueOf(json))));
    }

    /** A column compared by equality, set membership and nullness. */
    public static class Column<V> {
        final Field<V> field;

        Column(Field<V> field) {
            this.field = field;
        }

        /**
         * @param value a value
         * @return column = value
         */
        public RunFilter eq(V value) {
            return new RunFilter(field.eq(value));
        }

        /**
         * @param value a value
         * @return column &lt;&gt; value
         */
        public RunFilter ne(V value) {
            return new RunFilter(field.ne(value));
        }

        /**
         * @param values values
         * @return column IN values
         */
        @SafeVarargs
        public final RunFilter in(V... values) {
            return in(List.of(values));
        }

        /**
         * @param values values
         * @return column IN values
         */
        public RunFilter in(Collection<? extends V> values) {
            return new RunFilter(field.in(values));
        }

        /**
         * @param values values
         * @return column NOT IN values
         */
        public RunFilter notIn(Collection<? extends V> values) {
            return new RunFilter(field.notIn(values));
        }

        /**
         * @return column IS NULL
         */
        public RunFilter isNull() {
            return new RunFilter(field.isNull());
        }

        /**
         * @return column IS NOT NULL
         */
        public RunFilter isNotNull() {
            return new RunFilter(field.isNotNull());
        }
    }

    /** A column that is also ordered. */
    public static class Ordered<V> extends Column<V> {
        Ordered(Field<V> field) {
            super(field);
        }

        /**
         * @param value a value
         * @return column &gt; value
         */
        public RunFilter gt(V value) {
            return new RunFilter(field.gt(value));
        }

        /**
         * @param value a value
         * @return column &gt;= value
         */
        public RunFilter ge(V value) {
            return new RunFilter(field.ge(value));
        }

        /**
         * @param value a value
         * @return column &lt; value
         */
        public RunFilter lt(V value) {
            return new RunFilter(field.lt(value));
        }

        /**
         * @param value a value
         * @return column &lt;= value
         */
        public RunFilter le(V value) {
            return new RunFilter(field.le(value));
        }

        /**
         * @param low inclusive
         * @param high inclusive
         * @return column BETWEEN low AND high
         */
        public RunFilter between(V low, V high) {
            return new RunFilter(field.between(low, high));
        }
    }

    /** A whole-number value, comparable with plain {@code int}/{@code long} literals ({@code ge(32)}). */
    public static final class Whole extends Ordered<Long> {
        Whole(Field<Long> field) {
            super(field);
        }

        /**
         * @param value a value
         * @return value &gt; value
         */
        public RunFilter gt(long value) {
            return gt(Long.valueOf(value));
        }

        /**
         * @param value a value
         * @return value &gt;= value
         */
        public RunFilter ge(long value) {
            return ge(Long.valueOf(value));
        }

        /**
         * @param value a value
         * @return value &lt; value
         */
        public RunFilter lt(long value) {
            return lt(Long.valueOf(value));
        }

        /**
         * @param value a value
         * @return value &lt;= value
         */
        public RunFilter le(long value) {
            return le(Long.valueOf(value));
        }

        /**
         * @param value a value
         * @return value = value
         */
        public RunFilter eq(long value) {
            return eq(Long.valueOf(value));
        }

        /**
         * @param low inclusive
         * @param high inclusive
         * @return value BETWEEN low AND high
         */
        public RunFilter between(long low, long high) {
            return between(Long.valueOf(low), Long.valueOf(high));
        }
    }

    /** A text column: ordered, plus LIKE and ILIKE patterns (bound). */
    public static final class Text extends Ordered<String> {
        Text(Field<String> field) {
            super(field);
        }

        /**
         * @param pattern SQL LIKE pattern
         * @return column LIKE pattern
         */
        public RunFilter like(String pattern) {
            return new RunFilter(field.like(pattern));
        }

        /**
         * @param pattern SQL LIKE pattern
         * @return column ILIKE pattern (case-insensitive)
         */
        public RunFilter ilike(String pattern) {
            return new RunFilter(field.likeIgnoreCase(pattern));
        }

        /**
         * @param pattern SQL LIKE pattern
         * @return column NOT LIKE pattern
         */
        public RunFilter notLike(String pattern) {
            return new RunFilter(field.notLike(pattern));
        }
    }

    /** A numeric column, with {@code double} conveniences. */
    public static final class Numeric extends Ordered<BigDecimal> {
        Numeric(Field<BigDecimal> field) {
            super(field);
        }

        /**
         * @param value a value
         * @return column &gt;= value
         */
        public RunFilter ge(double value) {
            return ge(BigDecimal.valueOf(value));
        }

        /**
         * @param value a value
         * @return column &gt; value
         */
        public RunFilter gt(double value) {
            return gt(BigDecimal.valueOf(value));
        }

        /**
         * @param value a value
         * @return column &lt;= value
         */
        public RunFilter le(double value) {
            return le(BigDecimal.valueOf(value));
        }

        /**
         * @param value a value
         * @return column &lt; value
         */
        public RunFilter lt(double value) {
            return lt(BigDecimal.valueOf(value));
        }

        /**
         * @param low inclusive
         * @param high inclusive
         * @return column BETWEEN low AND high
         */
        public RunFilter between(double low, double high) {
            return between(BigDecimal.valueOf(low), BigDecimal.valueOf(high));
        }
    }

    /** A timestamp column, with a window relative to the database's clock. */
    public static final class Time extends Ordered<OffsetDateTime> {
        Time(Field<OffsetDateTime> field) {
            super(field);
        }

        /**
         * @param window positive duration
         * @return column &gt;= now() - window
         */
        public RunFilter within(Duration window) {
            if (window == null || window.isNegative() || window.isZero()) {
                throw new InvalidValueException("window", window, "must be a positive duration");
            }
            return new RunFilter(field.ge(Runs.olderThan(window)));
        }

        /**
         * @param age positive duration
         * @return column &lt; now() - age
         */
        public RunFilter olderThan(Duration age) {
            if (age == null || age.isNegative() || age.isZero()) {
                throw new InvalidValueException("age", age, "must be a positive duration");
            }
            return new RunFilter(field.lt(Runs.olderThan(age)));
        }
    }

    /** One top-level key of {@code parameters}, compared as a chosen type. */
    public static final class Param {
        private final String key;

        Param(String key) {
            this.key = key;
        }

        /**
         * @param value text
         * @return parameters contain {@code {key: value}} (GIN-indexable)
         */
        public RunFilter eq(String value) {
            return contains(JsonText.object(key, JsonText.quote(Objects.requireNonNull(value, "value"))));
        }

        /**
         * @param value number
         * @return parameters contain {@code {key: value}} (GIN-indexable)
         */
        public RunFilter eq(long value) {
            return contains(JsonText.object(key, String.valueOf(value)));
        }

        /**
         * @param value boolean
         * @return parameters contain {@code {key: value}} (GIN-indexable)
         */
        public RunFilter eq(boolean value) {
            return contains(JsonText.object(key, String.valueOf(value)));
        }

        /**
         * @return the value as text ({@code parameters ->> key}); NULL when absent
         */
        public Text asText() {
            return new Text(DSL.field("({0} ->> {1})", SQLDataType.CLOB, T.PARAMETERS, DSL.val(key)));
        }

        /**
         * @return the value as a whole number; NULL (so no comparison matches) when absent, not a
         *     JSON number, or not whole
         */
        public Whole asInt() {
            return new Whole(DSL.field(
                    "(CASE WHEN jsonb_typeof({0} -> {1}) = 'number' AND ({0} ->> {1}) ~ '^-?[0-9]+$' "
                            + "THEN ({0} ->> {1})::bigint END)",
                    SQLDataType.BIGINT, T.PARAMETERS, DSL.val(key)));
        }

        /**
         * @return the value as a number; NULL when absent or not a JSON number
         */
        public Numeric asNumber() {
            return new Numeric(DSL.field(
                    "(CASE WHEN jsonb_typeof({0} -> {1}) = 'number' THEN ({0} ->> {1})::numeric END)",
                    SQLDataType.NUMERIC, T.PARAMETERS, DSL.val(key)));
        }

        /**
         * @return the value as a boolean; NULL when absent or not a JSON boolean
         */
        public Column<Boolean> asBoolean() {
            return new Column<>(DSL.field(
                    "(CASE WHEN jsonb_typeof({0} -> {1}) = 'boolean' THEN ({0} ->> {1})::boolean END)",
                    SQLDataType.BOOLEAN, T.PARAMETERS, DSL.val(key)));
        }
    }
}
