package org.mlregistry.core.tracking;

import static org.mlregistry.core.tracking.Runs.T;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.JSONB;
import org.jooq.conf.ParamType;
import org.jooq.impl.CustomCondition;
import org.jooq.impl.DSL;
import org.mlregistry.core.internal.Validator;
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

    RunFilter(Condition condition) {
        this.condition = Validator.required("condition", condition);
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
        return new RunFilter(condition.and(Validator.required("filter", other).condition));
    }

    /**
     * @param other another filter
     * @return either may hold
     */
    public RunFilter or(RunFilter other) {
        return new RunFilter(condition.or(Validator.required("filter", other).condition));
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
        Validator.required("filters", filters);
        return new RunFilter(DSL.and(Arrays.stream(filters).map(f -> Validator.required("filter", f)).map(RunFilter::condition).toList()));
    }

    /**
     * @param filters filters
     * @return at least one must hold
     */
    public static RunFilter anyOf(RunFilter... filters) {
        Validator.required("filters", filters);
        return new RunFilter(DSL.or(Arrays.stream(filters).map(f -> Validator.required("filter", f)).map(RunFilter::condition).toList()));
    }

    @Override
    public String toString() {
        return condition.toString();
    }

    // ------------------------------------------------------------------ columns

    /**
     * @return the run id column
     */
    public static RunColumn<UUID> runId() {
        return new RunColumn<>(T.RUN_ID);
    }

    /**
     * @return the status column
     */
    public static RunColumn<RunStatus> status() {
        return new RunColumn<>(T.STATUS);
    }

    /**
     * @return the framework column
     */
    public static RunColumn<Framework> framework() {
        return new RunColumn<>(T.FRAMEWORK);
    }

    /**
     * @return the model name column
     */
    public static TextRunColumn modelName() {
        return new TextRunColumn(T.MODEL_NAME);
    }

    /**
     * @return the experiment name column
     */
    public static TextRunColumn experimentName() {
        return new TextRunColumn(T.EXPERIMENT_NAME);
    }

    /**
     * @return the dataset column
     */
    public static TextRunColumn dataset() {
        return new TextRunColumn(T.DATASET);
    }

    /**
     * @return the compute target column
     */
    public static TextRunColumn computeTarget() {
        return new TextRunColumn(T.COMPUTE_TARGET);
    }

    /**
     * @return the notes column
     */
    public static TextRunColumn notes() {
        return new TextRunColumn(T.NOTES);
    }

    /**
     * @return the accuracy column
     */
    public static NumericRunColumn accuracy() {
        return new NumericRunColumn(T.ACCURACY);
    }

    /**
     * @return the loss column
     */
    public static NumericRunColumn loss() {
        return new NumericRunColumn(T.LOSS);
    }

    /**
     * @return the precision column
     */
    public static NumericRunColumn precision() {
        return new NumericRunColumn(T.PRECISION_SCORE);
    }

    /**
     * @return the recall column
     */
    public static NumericRunColumn recall() {
        return new NumericRunColumn(T.RECALL_SCORE);
    }

    /**
     * @return the F1 column
     */
    public static NumericRunColumn f1() {
        return new NumericRunColumn(T.F1_SCORE);
    }

    /**
     * @return the GPU hours column
     */
    public static NumericRunColumn gpuHours() {
        return new NumericRunColumn(T.GPU_HOURS);
    }

    /**
     * @return the CPU hours column
     */
    public static NumericRunColumn cpuHours() {
        return new NumericRunColumn(T.CPU_HOURS);
    }

    /**
     * @return the creation time column
     */
    public static TimeRunColumn createdAt() {
        return new TimeRunColumn(T.CREATED_AT);
    }

    /**
     * @return the start time column
     */
    public static TimeRunColumn startedAt() {
        return new TimeRunColumn(T.STARTED_AT);
    }

    /**
     * @return the completion time column
     */
    public static TimeRunColumn completedAt() {
        return new TimeRunColumn(T.COMPLETED_AT);
    }

    /**
     * @return the archive time column (archived runs are only searched after {@link RunSearch#includeArchived()})
     */
    public static TimeRunColumn archivedAt() {
        return new TimeRunColumn(T.ARCHIVED_AT);
    }

    /**
     * @param name a metric of the runs' history, e.g. {@code val_loss}
     * @return the metric, compared by each run's latest value ({@link RunMetric})
     */
    public static RunMetric metric(String name) {
        return new RunMetric(name);
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
    public static RunParam param(String key) {
        return new RunParam(Validator.text("key", key, Validator.NAME_MAX, false));
    }

    /**
     * @param key a top-level key
     * @return runs whose parameters have the key ({@code parameters ? key}; GIN-indexable)
     */
    public static RunFilter hasParam(String key) {
        Validator.text("key", key, Validator.NAME_MAX, false);
        // PgJDBC reads "??" as the operator "?" in prepared statements; inlined SQL (a rendering for display) needs a plain "?".
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

    static RunFilter contains(String json) {
        return new RunFilter(DSL.condition("{0} @> {1}", T.PARAMETERS, DSL.val(JSONB.valueOf(json))));
    }

    // ------------------------------------------------------------------ tags

    /**
     * @param key a tag key (1 to 128 letters, digits, {@code _ . : / -})
     * @return the tag, to compare its value: {@code tag("team").eq("nlp")}, {@code tag("team").in("nlp", "cv")}
     */
    public static TagFilter tag(String key) {
        return new TagFilter(key);
    }

    /**
     * @param key a tag key
     * @return runs that have the tag, whatever its value ({@code EXISTS} on {@code tracking.run_tags})
     */
    public static RunFilter hasTag(String key) {
        return TagFilter.exists(key);
    }
}
