package org.mlregistry.core.models;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import org.mlregistry.core.error.InvalidValueException;

/**
 * The schema's CHECK rules that Java can verify before the round trip. Each pattern is the same
 * regular expression as the named constraint of {@code V2__registry_schema.sql}.
 */
public final class Validation {

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
    public static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}",
            Pattern.CASE_INSENSITIVE);

    private Validation() {
    }

    /**
     * True when version satisfies {@code valid_semver}.
     *
     * @param version a version string, or null
     * @return whether version is non-null and matches {@link #SEMVER}
     */
    public static boolean isSemver(String version) {
        return version != null && SEMVER.matcher(version).matches();
    }

    static String semver(String version) {
        if (!isSemver(version)) {
            throw new InvalidValueException("semver", version,
                    "must be a semantic version MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD] without leading zeros, e.g. 1.2.3 or 1.2.3-beta");
        }
        return version;
    }

    static String modelName(String name) {
        if (name == null || !MODEL_NAME.matcher(name).matches()) {
            throw new InvalidValueException("model_name", name, "must be kebab-case (lowercase letters, digits and '-')");
        }
        return name;
    }

    static String datasetName(String name) {
        if (name == null || !DATASET_NAME.matcher(name).matches()) {
            throw new InvalidValueException("dataset_name", name, "must use lowercase letters, digits, '_' and '-' only");
        }
        return name;
    }

    static String email(String email) {
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw new InvalidValueException("team_email", email, "must be an e-mail address");
        }
        return email;
    }

    static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException(field, value, "is required");
        }
        return value;
    }

    static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidValueException(field, null, "is required");
        }
        return value;
    }

    static int percentage(String field, int value) {
        if (value < 0 || value > 100) {
            throw new InvalidValueException(field, value, "must be within [0, 100]");
        }
        return value;
    }

    static BigDecimal range(String field, BigDecimal value, BigDecimal min, BigDecimal max) {
        if (value != null && (value.compareTo(min) < 0 || (max != null && value.compareTo(max) > 0))) {
            throw new InvalidValueException(field, value,
                    max == null ? "must be at least " + min : "must be within [" + min + ", " + max + "]");
        }
        return value;
    }

    /** value within {@code NUMERIC(precision, scale)} after PostgreSQL's rounding, or null. */
    static BigDecimal numeric(String field, BigDecimal value, int precision, int scale) {
        return org.mlregistry.core.internal.Values.numeric(field, value, value, precision, scale);
    }

    /** A JSON object text, or null; parsed in Java so that malformed JSON never reaches PostgreSQL. */
    static String jsonObject(String field, String json) {
        return json == null ? null : org.mlregistry.core.internal.Values.jsonObject(field, json);
    }
}
