package org.mlregistry.core.tracking;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.internal.TrackingLimits;
import org.mlregistry.core.internal.Validator;
import org.mlregistry.schema.types.RunStatus;

/**
 * A run that already finished elsewhere, to record in one statement with
 * {@link Runs#record(FinishedRun)}: what was run, how it ended, its metrics, hours and times.
 * Validated on construction against the lab's checks: the status is terminal, and given times
 * are in order ({@code created_at <= started_at <= completed_at}). A time left null is the
 * transaction's {@code now()}.
 *
 * <pre>{@code
 * FinishedRun done = FinishedRun.of(newRun, RunStatus.SUCCEEDED)
 *         .metrics(Metrics.none().withAccuracy(0.93))
 *         .hours(1.5, 0.25)
 *         .times(createdAt, startedAt, completedAt);
 * }</pre>
 *
 * @param run what was run (its notes are stored as given)
 * @param status how it ended: succeeded, failed, cancelled or timeout
 * @param metrics its final metrics ({@link Metrics#none()} for none)
 * @param gpuHours GPU hours, stored rounded to 2 decimals (NUMERIC(8,2))
 * @param cpuHours CPU hours, stored rounded to 2 decimals (NUMERIC(8,2))
 * @param createdAt when it was submitted, or null for now()
 * @param startedAt when it started, or null for now()
 * @param completedAt when it finished, or null for now()
 * @param tags tags stored with the run (key → value), in the given order
 */
public record FinishedRun(NewRun run, RunStatus status, Metrics metrics, double gpuHours, double cpuHours,
        OffsetDateTime createdAt, OffsetDateTime startedAt, OffsetDateTime completedAt, Map<String, String> tags) {

    /**
     * Validates; throws {@link InvalidValueException} naming the field and the rule.
     *
     * @param run what was run
     * @param status how it ended, terminal
     * @param metrics final metrics
     * @param gpuHours GPU hours, &gt;= 0
     * @param cpuHours CPU hours, &gt;= 0
     * @param createdAt when it was submitted, or null for now()
     * @param startedAt when it started, or null for now()
     * @param completedAt when it finished, or null for now()
     * @param tags tags stored with the run; keys and values checked as {@link RunTags#set} does
     */
    public FinishedRun {
        Validator.required("run", run);
        Validator.required("status", status);
        if (!status.isTerminal()) {
            throw new InvalidValueException("status", status.getLiteral(), "must be terminal (succeeded, failed, cancelled, timeout)");
        }
        Validator.required("metrics", metrics);
        Validator.hours("gpu_hours", gpuHours);
        Validator.hours("cpu_hours", cpuHours);
        Validator.storedTime("created_at", createdAt);
        Validator.storedTime("started_at", startedAt);
        Validator.storedTime("completed_at", completedAt);
        notBefore("started_at", startedAt, "created_at", createdAt);
        notBefore("completed_at", completedAt, "created_at", createdAt);
        notBefore("completed_at", completedAt, "started_at", startedAt);
        Validator.required("tags", tags);
        tags.forEach((key, value) -> {
            TrackingLimits.tagKey(key);
            TrackingLimits.tagValue(value);
        });
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /**
     * @param run what was run
     * @param status how it ended, terminal
     * @return the finished run with no metrics, no hours and every time now()
     */
    public static FinishedRun of(NewRun run, RunStatus status) {
        return new FinishedRun(run, status, Metrics.none(), 0, 0, null, null, null, Map.of());
    }

    /**
     * @param value final metrics
     * @return a copy with them
     */
    public FinishedRun metrics(Metrics value) {
        return new FinishedRun(run, status, value, gpuHours, cpuHours, createdAt, startedAt, completedAt, tags);
    }

    /**
     * @param gpu GPU hours, &gt;= 0
     * @param cpu CPU hours, &gt;= 0
     * @return a copy with them
     */
    public FinishedRun hours(double gpu, double cpu) {
        return new FinishedRun(run, status, metrics, gpu, cpu, createdAt, startedAt, completedAt, tags);
    }

    /**
     * @param created when it was submitted, or null for now()
     * @param started when it started, or null for now()
     * @param completed when it finished, or null for now()
     * @return a copy with them
     */
    public FinishedRun times(OffsetDateTime created, OffsetDateTime started, OffsetDateTime completed) {
        return new FinishedRun(run, status, metrics, gpuHours, cpuHours, created, started, completed, tags);
    }

    /**
     * @param values tags stored with the run (key → value)
     * @return a copy with them
     */
    public FinishedRun tags(Map<String, String> values) {
        return new FinishedRun(run, status, metrics, gpuHours, cpuHours, createdAt, startedAt, completedAt, values);
    }

    BigDecimal gpuHoursValue() {
        return Validator.hours("gpu_hours", gpuHours);
    }

    BigDecimal cpuHoursValue() {
        return Validator.hours("cpu_hours", cpuHours);
    }

    private static void notBefore(String field, OffsetDateTime value, String otherField, OffsetDateTime other) {
        if (value != null && other != null && value.isBefore(other)) {
            throw new InvalidValueException(field, value, "must not be before " + otherField + " (" + other + ")");
        }
    }
}
