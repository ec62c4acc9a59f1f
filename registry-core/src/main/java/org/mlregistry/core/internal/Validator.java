package org.mlregistry.core.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;
import org.mlregistry.core.error.InvalidValueException;

/**
 * The one place where input is checked in Java before the round trip: the schema's CHECK rules and
 * column types that Java can verify, each refusal an {@link InvalidValueException} naming the
 * field, the value and the rule. Each pattern is the regular expression of the named constraint in
 * the migrations. Not part of the public API.
 */
public final class Validator {

    /** {@code registry.model_versions.valid_semver}: SemVer 2.0.0. */
    public static final Pattern SEMVER = Pattern.compile(
            "(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)"
            + "(-(0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*))*)?"
            + "(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?");

    /** {@code registry.models.valid_model_name}: kebab-case. */
    public static final Pattern MODEL_NAME = Pattern.compile("[a-z0-9-]+");

    /** {@code registry.datasets.valid_dataset_name}. */
    public static final Pattern DATASET_NAME = Pattern.compile("[a-z0-9_-]+");

    /** {@code registry.teams.valid_email} (case-insensitive in the database). */
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}",
            Pattern.CASE_INSENSITIVE);

    /** {@code gpu_hours} and {@code cpu_hours} of {@code tracking.training_runs} are NUMERIC(8,2). */
    public static final int HOURS_PRECISION = 8;
    /** Decimals of {@code gpu_hours} and {@code cpu_hours}. */
    public static final int HOURS_SCALE = 2;

    private Validator() {
    }

    /**
     * @param field the column or parameter
     * @param value the text given
     * @return value, when it is neither null nor blank
     */
    public static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException(field, value, "must not be blank");
        }
        return value;
    }

    /**
     * @param field the column or parameter
     * @param value the value given
     * @param <T> its type
     * @return value, when it is not null
     */
    public static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidValueException(field, null, "must not be null");
        }
        return value;
    }

    /**
     * @param version the semantic version given
     * @return version, when it satisfies {@code valid_semver}
     */
    public static String semver(String version) {
        if (version == null || !SEMVER.matcher(version).matches()) {
            throw new InvalidValueException("semver", version,
                    "must be a semantic version MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD] without leading zeros, e.g. 1.2.3 or 1.2.3-beta");
        }
        return version;
    }

    /**
     * @param name the model name given
     * @return name, when it is kebab-case ({@code valid_model_name})
     */
    public static String modelName(String name) {
        if (name == null || !MODEL_NAME.matcher(name).matches()) {
            throw new InvalidValueException("model_name", name, "must be kebab-case (lowercase letters, digits and '-')");
        }
        return name;
    }

    /**
     * @param name the dataset name given
     * @return name, when it satisfies {@code valid_dataset_name}
     */
    public static String datasetName(String name) {
        if (name == null || !DATASET_NAME.matcher(name).matches()) {
            throw new InvalidValueException("dataset_name", name, "must use lowercase letters, digits, '_' and '-' only");
        }
        return name;
    }

    /**
     * @param email an e-mail address, or null
     * @return email, when it is null or satisfies {@code valid_email}
     */
    public static String email(String email) {
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw new InvalidValueException("team_email", email, "must be an e-mail address");
        }
        return email;
    }

    /**
     * @param field the column or parameter
     * @param value a share in percent
     * @return value, when it is within [0, 100]
     */
    public static int percentage(String field, int value) {
        if (value < 0 || value > 100) {
            throw new InvalidValueException(field, value, "must be within [0, 100]");
        }
        return value;
    }

    /**
     * @param field the column or parameter
     * @param value a number, or null
     * @param min the least allowed value
     * @param max the greatest allowed value, or null for no bound
     * @return value, when it is null or within [min, max]
     */
    public static BigDecimal range(String field, BigDecimal value, BigDecimal min, BigDecimal max) {
        if (value != null && (value.compareTo(min) < 0 || (max != null && value.compareTo(max) > 0))) {
            throw new InvalidValueException(field, value,
                    max == null ? "must be at least " + min : "must be within [" + min + ", " + max + "]");
        }
        return value;
    }

    /**
     * A metric in [0, 1], as NUMERIC(5,4) holds it.
     *
     * @param field the column or parameter
     * @param value the metric, or null
     * @return the value as a decimal, or null
     */
    public static BigDecimal unitInterval(String field, Double value) {
        if (value == null) {
            return null;
        }
        if (value.isNaN() || value < 0 || value > 1) {
            throw new InvalidValueException(field, value, "must be within [0, 1]");
        }
        return BigDecimal.valueOf(value);
    }

    /**
     * Hours: finite, at least 0 and within NUMERIC(8,2) after rounding to 2 decimals.
     *
     * @param field the column or parameter
     * @param value the hours
     * @return the hours rounded as the column stores them
     */
    public static BigDecimal hours(String field, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value) || value < 0) {
            throw new InvalidValueException(field, value, "must be a finite number >= 0");
        }
        return numeric(field, value, BigDecimal.valueOf(value), HOURS_PRECISION, HOURS_SCALE);
    }

    /**
     * Loss: finite and within NUMERIC(8,5) after rounding to 5 decimals.
     *
     * @param value the loss, or null
     * @return the loss rounded as the column stores it, or null
     */
    public static BigDecimal loss(Double value) {
        if (value == null) {
            return null;
        }
        if (value.isNaN() || value.isInfinite()) {
            throw new InvalidValueException("loss", value, "must be a finite number");
        }
        return numeric("loss", value, BigDecimal.valueOf(value), 8, 5);
    }

    /**
     * value rounded as PostgreSQL stores it in {@code NUMERIC(precision, scale)} (half away from
     * zero), when the rounded value fits the column.
     *
     * @param field the column or parameter, named in the error
     * @param shown the value as the caller gave it, shown in the error
     * @param value the value to round, or null
     * @param precision the column's total number of digits
     * @param scale the column's number of digits after the decimal point
     * @return value rounded to scale decimals, or null when value is null
     */
    public static BigDecimal numeric(String field, Object shown, BigDecimal value, int precision, int scale) {
        if (value == null) {
            return null;
        }
        BigDecimal rounded = value.setScale(scale, RoundingMode.HALF_UP);
        BigDecimal limit = BigDecimal.TEN.pow(precision - scale);
        if (rounded.abs().compareTo(limit) >= 0) {
            throw new InvalidValueException(field, shown, "must be within (-" + limit + ", " + limit + ") after rounding to "
                    + scale + " decimals (NUMERIC(" + precision + "," + scale + "))");
        }
        return rounded;
    }

    /**
     * @param field the column or parameter
     * @param value a number, or null
     * @param precision the column's total number of digits
     * @param scale the column's number of digits after the decimal point
     * @return value rounded as the column stores it, or null
     */
    public static BigDecimal numeric(String field, BigDecimal value, int precision, int scale) {
        return numeric(field, value, value, precision, scale);
    }

    /**
     * A JSON object text, checked in Java so that malformed JSON never reaches PostgreSQL.
     *
     * @param field the column or parameter
     * @param json the text given
     * @return json, unchanged, when it is a JSON object
     */
    public static String jsonObject(String field, String json) {
        if (json == null || !new JsonSyntax(json).isObject()) {
            throw new InvalidValueException(field, json, "must be a JSON object");
        }
        return json;
    }

    /**
     * @param field the column or parameter
     * @param json a JSON object text, or null
     * @return json, when it is null or a JSON object
     */
    public static String optionalJsonObject(String field, String json) {
        return json == null ? null : jsonObject(field, json);
    }
}
