package org.mlregistry.core.tracking;

import java.math.BigDecimal;
import org.mlregistry.core.error.InvalidValueException;

/** Rules of {@code tracking.training_runs} checked in Java before the round trip. */
final class Checks {

    private Checks() {
    }

    static String nonBlank(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException(field, value, "must not be blank");
        }
        return value;
    }

    static <T> T notNull(String field, T value) {
        if (value == null) {
            throw new InvalidValueException(field, null, "must not be null");
        }
        return value;
    }

    /** A metric in [0, 1] (NUMERIC(5,4)), or null. */
    static BigDecimal unitInterval(String field, Double value) {
        if (value == null) {
            return null;
        }
        if (value.isNaN() || value < 0 || value > 1) {
            throw new InvalidValueException(field, value, "must be within [0, 1]");
        }
        return BigDecimal.valueOf(value);
    }

    /** Hours: finite, >= 0 and within NUMERIC(8,2). */
    static BigDecimal hours(String field, double value) {
        if (Double.isNaN(value) || value < 0 || value >= 1_000_000) {
            throw new InvalidValueException(field, value, "must be within [0, 1000000)");
        }
        return BigDecimal.valueOf(value);
    }

    /** Loss: finite and within NUMERIC(8,5), or null. */
    static BigDecimal loss(Double value) {
        if (value == null) {
            return null;
        }
        if (value.isNaN() || Math.abs(value) >= 1000) {
            throw new InvalidValueException("loss", value, "must be within (-1000, 1000)");
        }
        return BigDecimal.valueOf(value);
    }

    /** A JSON object text (checked for shape only; PostgreSQL parses it). */
    static String jsonObject(String field, String json) {
        if (json == null || !json.strip().startsWith("{") || !json.strip().endsWith("}")) {
            throw new InvalidValueException(field, json, "must be a JSON object");
        }
        return json;
    }
}
