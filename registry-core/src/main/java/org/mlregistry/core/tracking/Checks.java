package org.mlregistry.core.tracking;

import java.math.BigDecimal;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.internal.Values;

/** Rules of {@code tracking.training_runs} checked in Java before the round trip. */
final class Checks {

    /** {@code gpu_hours} and {@code cpu_hours} are NUMERIC(8,2). */
    static final int HOURS_PRECISION = 8;
    static final int HOURS_SCALE = 2;

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

    /** Hours: finite, >= 0 and within NUMERIC(8,2) after rounding to 2 decimals. */
    static BigDecimal hours(String field, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value) || value < 0) {
            throw new InvalidValueException(field, value, "must be a finite number >= 0");
        }
        return Values.numeric(field, value, BigDecimal.valueOf(value), HOURS_PRECISION, HOURS_SCALE);
    }

    /** Loss: finite and within NUMERIC(8,5) after rounding to 5 decimals, or null. */
    static BigDecimal loss(Double value) {
        if (value == null) {
            return null;
        }
        if (value.isNaN() || value.isInfinite()) {
            throw new InvalidValueException("loss", value, "must be a finite number");
        }
        return Values.numeric("loss", value, BigDecimal.valueOf(value), 8, 5);
    }

    /** A JSON object text, parsed in Java so that malformed JSON never reaches PostgreSQL. */
    static String jsonObject(String field, String json) {
        return Values.jsonObject(field, json);
    }
}
