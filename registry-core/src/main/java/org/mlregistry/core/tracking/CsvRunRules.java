package org.mlregistry.core.tracking;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.internal.TrackingLimits;
import org.mlregistry.core.internal.Validator;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.RunStatus;

/**
 * The rules a CSV row must pass before it reaches COPY: the rules of {@code submit} and
 * {@code record} (names, numbers without rounding, JSON, timestamps within the stored range, a
 * status consistent with its timestamps), and what only the API may do stays with the API: a row
 * may not be archived, nor created by another database user. Each value is passed on normalized
 * (timestamps as ISO-8601), never altered.
 */
final class CsvRunRules {

    private final List<String> columns;
    private final String actor;

    /**
     * @param columns the CSV's columns, checked to be columns of the table
     * @param actor the database user importing ({@code current_user}): created_by is theirs
     */
    CsvRunRules(List<String> columns, String actor) {
        this.columns = columns;
        this.actor = actor;
    }

    /**
     * @param row the CSV fields (null for NULL)
     * @return the values to pass to COPY
     * @throws InvalidValueException naming the column and the rule
     */
    List<String> check(List<String> row) {
        if (row.size() != columns.size()) {
            throw new InvalidValueException("csv", row.size() + " fields", "must have " + columns.size() + " fields " + columns);
        }
        Map<String, Object> parsed = new HashMap<>();
        List<String> out = new ArrayList<>(row.size());
        for (int i = 0; i < row.size(); i++) {
            String column = columns.get(i);
            String value = row.get(i);
            Object typed = value == null ? null : parse(column, value);
            if (column.equals("created_by") && typed == null) {
                typed = actor;
            }
            parsed.put(column, typed);
            out.add(text(typed));
        }
        lifecycle(parsed);
        return out;
    }

    private static String text(Object typed) {
        if (typed instanceof org.jooq.EnumType e) {
            return e.getLiteral();
        }
        if (typed instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return typed == null ? null : typed.toString();
    }

    private Object parse(String column, String v) {
        return switch (column) {
            case "run_id" -> uuid(v);
            case "model_name", "experiment_name", "dataset", "compute_target" -> Validator.name(column, v);
            case "framework" -> literal(column, v, FRAMEWORKS, Framework.values());
            case "status" -> literal(column, v, STATUSES, RunStatus.values());
            case "accuracy", "precision_score", "recall_score", "f1_score" -> Validator.exact(column, v,
                    Validator.range(column, decimal(column, v), BigDecimal.ZERO, BigDecimal.ONE), 5, 4);
            case "loss" -> Validator.exact(column, v, decimal(column, v), 8, 5);
            case "gpu_hours", "cpu_hours" -> Validator.exact(column, v,
                    Validator.range(column, decimal(column, v), BigDecimal.ZERO, null), Validator.HOURS_PRECISION, Validator.HOURS_SCALE);
            case "parameters" -> Validator.jsonObject(column, v);
            case "notes" -> Validator.optionalText(column, v);
            case "created_at", "started_at", "completed_at" -> Validator.storedTime(column, timestamp(column, v));
            case "archived_at" -> throw new InvalidValueException(column, v,
                    "must be empty: an import creates live runs (archive them through the API afterwards)");
            case "created_by" -> createdBy(v);
            default -> throw new InvalidValueException("columns", column, "must be a column of tracking.training_runs");
        };
    }

    private String createdBy(String v) {
        if (!v.equals(actor)) {
            throw new InvalidValueException("created_by", TrackingLimits.shortened(v),
                    "must be empty or the importing database user '" + actor + "'");
        }
        return v;
    }

    /** The status CHECKs and the time order of FinishedRun, for the columns the CSV gives (others take defaults). */
    private void lifecycle(Map<String, Object> row) {
        RunStatus status = row.containsKey("status") ? (RunStatus) row.get("status") : RunStatus.QUEUED;
        if (status == null) {
            throw new InvalidValueException("status", null, "must not be empty");
        }
        OffsetDateTime created = (OffsetDateTime) row.get("created_at");
        OffsetDateTime started = (OffsetDateTime) row.get("started_at");
        OffsetDateTime completed = (OffsetDateTime) row.get("completed_at");
        boolean queued = status == RunStatus.QUEUED;
        if (queued != (started == null)) {
            throw new InvalidValueException("started_at", started, queued ? "must be empty for a queued run"
                    : "must be set for a " + status.getLiteral() + " run");
        }
        if (status.isTerminal() == (completed == null)) {
            throw new InvalidValueException("completed_at", completed, status.isTerminal()
                    ? "must be set for a " + status.getLiteral() + " run" : "must be empty for a " + status.getLiteral() + " run");
        }
        if (created != null && started != null && started.isBefore(created)) {
            throw new InvalidValueException("started_at", started, "must not be before created_at (" + created + ")");
        }
        if (created != null && completed != null && completed.isBefore(created)) {
            throw new InvalidValueException("completed_at", completed, "must not be before created_at (" + created + ")");
        }
        if (started != null && completed != null && completed.isBefore(started)) {
            throw new InvalidValueException("completed_at", completed, "must not be before started_at (" + started + ")");
        }
        for (String name : List.of("model_name", "framework", "experiment_name", "dataset", "compute_target")) {
            if (row.containsKey(name) && row.get(name) == null) {
                throw new InvalidValueException(name, null, "must not be empty");
            }
        }
    }

    private static UUID uuid(String v) {
        try {
            UUID id = UUID.fromString(v);
            if (!id.toString().equalsIgnoreCase(v)) {
                throw new IllegalArgumentException(v);
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("run_id", TrackingLimits.shortened(v), "must be a UUID");
        }
    }

    /** The enums by literal, so that each CSV cell is one map lookup. */
    private static final java.util.Map<String, Framework> FRAMEWORKS = byLiteral(Framework.values());
    private static final java.util.Map<String, RunStatus> STATUSES = byLiteral(RunStatus.values());

    private static <E extends Enum<E> & org.jooq.EnumType> java.util.Map<String, E> byLiteral(E[] values) {
        return Arrays.stream(values).collect(java.util.stream.Collectors.toUnmodifiableMap(org.jooq.EnumType::getLiteral, e -> e));
    }

    private static <E extends Enum<E> & org.jooq.EnumType> E literal(String column, String v, java.util.Map<String, E> byLiteral,
            E[] values) {
        E found = byLiteral.get(v);
        if (found == null) {
            throw new InvalidValueException(column, TrackingLimits.shortened(v),
                    "must be one of " + Arrays.stream(values).map(org.jooq.EnumType::getLiteral).toList());
        }
        return found;
    }

    private static BigDecimal decimal(String column, String v) {
        if (v.length() > 40) {
            throw new InvalidValueException(column, TrackingLimits.shortened(v), "must be a decimal number");
        }
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            throw new InvalidValueException(column, TrackingLimits.shortened(v), "must be a decimal number");
        }
    }

    /** ISO-8601 with an offset, or PostgreSQL's ISO output ({@code 2026-01-02 03:04:05.123456+00}); at most microseconds. */
    static OffsetDateTime timestamp(String column, String v) {
        String iso = v.length() > 40 ? v : v.replaceFirst("^(\\d{4}-\\d\\d-\\d\\d) ", "$1T").replaceFirst("([+-]\\d\\d)$", "$1:00");
        try {
            OffsetDateTime t = OffsetDateTime.parse(iso);
            if (t.getNano() % 1000 != 0) {
                throw new InvalidValueException(column, v, "must have at most 6 fractional digits (microseconds), as PostgreSQL stores it");
            }
            return t;
        } catch (DateTimeParseException e) {
            throw new InvalidValueException(column, TrackingLimits.shortened(v),
                    "must be an ISO-8601 timestamp with an offset, e.g. 2026-01-02T03:04:05Z");
        }
    }
}
