package org.mlregistry.core.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Pattern;
import org.mlregistry.core.error.InvalidValueException;

/**
 * The one place where input is checked in Java before the round trip: the schema's CHECK rules and
 * column types that Java can verify, each refusal an {@link InvalidValueException} naming the
 * field, the value and the rule. Each pattern is the regular expression of the named constraint in
 * the migrations. Not part of the public API.
 */
public final class Validator {

    /**
     * Longest text of {@link #required(String, String)}: names, identifiers, URIs and short reasons,
     * many of them in unique indexes, whose rows hold at most 2704 bytes (4 bytes a character at most).
     */
    public static final int REQUIRED_TEXT_MAX = 500;

    /** Longest e-mail address (RFC 5321). */
    public static final int EMAIL_MAX = 254;

    /** Longest semantic version accepted: far above real versions, far below the index row limit. */
    public static final int SEMVER_MAX = 256;

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
            throw new InvalidValueException(field, value == null ? null : TrackingLimits.shortened(value), "must not be blank");
        }
        return text(field, value, REQUIRED_TEXT_MAX, true);
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
        if (version != null && version.length() > SEMVER_MAX) {
            throw new InvalidValueException("semver", TrackingLimits.shortened(version),
                    "must have at most " + SEMVER_MAX + " characters");
        }
        if (version == null || !SemVer.isValid(version)) {
            throw new InvalidValueException("semver", TrackingLimits.shortened(version),
                    "must be a semantic version MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD] without leading zeros, e.g. 1.2.3 or 1.2.3-beta");
        }
        return version;
    }

    /**
     * @param name the model name given
     * @return name, when it is kebab-case ({@code valid_model_name})
     */
    public static String modelName(String name) {
        if (name != null && name.length() > NAME_MAX) {
            throw new InvalidValueException("model_name", TrackingLimits.shortened(name), "must have at most " + NAME_MAX + " characters");
        }
        if (name == null || !MODEL_NAME.matcher(name).matches()) {
            throw new InvalidValueException("model_name", TrackingLimits.shortened(name), "must be kebab-case (lowercase letters, digits and '-')");
        }
        return name;
    }

    /**
     * @param name the dataset name given
     * @return name, when it satisfies {@code valid_dataset_name}
     */
    public static String datasetName(String name) {
        if (name != null && name.length() > NAME_MAX) {
            throw new InvalidValueException("dataset_name", TrackingLimits.shortened(name), "must have at most " + NAME_MAX + " characters");
        }
        if (name == null || !DATASET_NAME.matcher(name).matches()) {
            throw new InvalidValueException("dataset_name", TrackingLimits.shortened(name), "must use lowercase letters, digits, '_' and '-' only");
        }
        return name;
    }

    /**
     * @param email an e-mail address, or null
     * @return email, when it is null or satisfies {@code valid_email}
     */
    public static String email(String email) {
        if (email != null && (email.length() > EMAIL_MAX || !EMAIL.matcher(email).matches())) {
            throw new InvalidValueException("team_email", TrackingLimits.shortened(email), "must be an e-mail address");
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
        return exact(field, value, BigDecimal.valueOf(value), 5, 4);
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
        return exact(field, value, BigDecimal.valueOf(value), HOURS_PRECISION, HOURS_SCALE);
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
        return exact("loss", value, BigDecimal.valueOf(value), 8, 5);
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
     * value as {@code NUMERIC(precision, scale)} stores it, refused when storing would round it:
     * the API never stores another number than the one given.
     *
     * @param field the column or parameter, named in the error
     * @param shown the value as the caller gave it, shown in the error
     * @param value the value, or null
     * @param precision the column's total number of digits
     * @param scale the column's number of digits after the decimal point
     * @return value with scale decimals, or null when value is null
     */
    public static BigDecimal exact(String field, Object shown, BigDecimal value, int precision, int scale) {
        if (value == null) {
            return null;
        }
        if (value.stripTrailingZeros().scale() > scale) {
            throw new InvalidValueException(field, shown, "must have at most " + scale + " decimals (NUMERIC(" + precision
                    + "," + scale + ") would store it rounded; round it before passing it)");
        }
        return numeric(field, shown, value, precision, scale);
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
        if (json != null) {
            text(field, json, JSON_MAX, true);
        }
        if (json == null || !new JsonSyntax(json).isObject()) {
            throw new InvalidValueException(field, json == null ? null : TrackingLimits.shortened(json), "must be a JSON object");
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

    // ------------------------------------------------------------------ text, time, durations

    /** Longest name of a run's model, experiment, dataset or compute target: three of them share the unique_daily_run index row. */
    public static final int NAME_MAX = 200;
    /** Longest free text (notes, reasons, descriptions). */
    public static final int TEXT_MAX = 10_000;
    /** Longest JSON text (parameters, metadata). */
    public static final int JSON_MAX = 65_536;
    /** Longest value compared in a filter. */
    public static final int FILTER_TEXT_MAX = 10_000;
    /** Earliest timestamp the registry stores. */
    public static final OffsetDateTime EARLIEST = OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    /** How far past the clock a stored timestamp may lie (clock skew between hosts). */
    public static final Duration SKEW = Duration.ofHours(1);
    /** The range of timestamps a filter compares with: within PostgreSQL's timestamptz range. */
    public static final OffsetDateTime FILTER_MIN = OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    /** The latest timestamp a filter compares with. */
    public static final OffsetDateTime FILTER_MAX = OffsetDateTime.of(9999, 12, 31, 23, 59, 59, 0, ZoneOffset.UTC);
    /** Longest duration (windows, ages, leases): 200 years. */
    public static final Duration DURATION_MAX = Duration.ofDays(200L * 366);

    /**
     * A name (model, experiment, dataset, compute target, owner, actor): not blank, at most
     * {@value #NAME_MAX} characters, no control character, NUL or unpaired surrogate.
     *
     * @param field the column or parameter
     * @param value the name given
     * @return value, unchanged
     */
    public static String name(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException(field, value == null ? null : TrackingLimits.shortened(value), "must not be blank");
        }
        return text(field, value, NAME_MAX, false);
    }

    /**
     * Free text (notes, reasons, descriptions), or null: at most {@value #TEXT_MAX} characters,
     * no NUL, unpaired surrogate or control character other than tab, CR and LF.
     *
     * @param field the column or parameter
     * @param value the text, or null
     * @return value, unchanged
     */
    public static String optionalText(String field, String value) {
        return value == null ? null : text(field, value, TEXT_MAX, true);
    }

    /**
     * A reason or note: not blank, free text within {@value #TEXT_MAX} characters.
     *
     * @param field the column or parameter
     * @param value the text
     * @return value, unchanged
     */
    public static String requiredText(String field, String value) {
        required(field, value);
        return text(field, value, TEXT_MAX, true);
    }

    /**
     * @param field the column or parameter
     * @param value the text, not null
     * @param max the most characters (code points)
     * @param lineBreaks whether tab, CR and LF are allowed
     * @return value, unchanged, when PostgreSQL can store it as given
     */
    public static String text(String field, String value, int max, boolean lineBreaks) {
        required(field, (Object) value);
        if (value.length() > max && value.codePointCount(0, value.length()) > max) {
            throw new InvalidValueException(field, TrackingLimits.shortened(value), "must have at most " + max + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                throw new InvalidValueException(field, TrackingLimits.shortened(value), "must not contain NUL (U+0000) at index " + i);
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidValueException(field, TrackingLimits.shortened(value),
                        "must be valid UTF-16 (unpaired surrogate U+" + String.format("%04X", (int) c) + " at index " + i + ")");
            } else if (Character.isISOControl(c) && !(lineBreaks && (c == '\t' || c == '\n' || c == '\r'))) {
                throw new InvalidValueException(field, TrackingLimits.shortened(value),
                        "must not contain control characters (U+" + String.format("%04X", (int) c) + " at index " + i + ")");
            }
        }
        return value;
    }

    /**
     * A text a filter compares with: not null (use {@code isNull()} to match a missing value), at
     * most {@value #FILTER_TEXT_MAX} characters, no NUL or unpaired surrogate.
     *
     * @param field the column or parameter
     * @param value the text
     * @return value, unchanged
     */
    public static String filterText(String field, String value) {
        if (value == null) {
            throw new InvalidValueException(field, null, "must not be null (use isNull() to match a missing value)");
        }
        return text(field, value, FILTER_TEXT_MAX, true);
    }

    /**
     * A value a filter compares a column with, by its type.
     *
     * @param field the column
     * @param value the value
     * @param <V> its type
     * @return value, unchanged
     */
    public static <V> V filterValue(String field, V value) {
        if (value == null) {
            throw new InvalidValueException(field, null, "must not be null (use isNull() to match a missing value)");
        }
        if (value instanceof String s) {
            filterText(field, s);
        } else if (value instanceof OffsetDateTime t) {
            filterTime(field, t);
        } else if (value instanceof Double d) {
            finite(field, d);
        }
        return value;
    }

    /**
     * @param field the column or parameter
     * @param value a number
     * @return value, when it is neither NaN nor infinite
     */
    public static double finite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidValueException(field, value, "must be a finite number (NaN and ±Infinity are refused)");
        }
        return value;
    }

    /**
     * @param field the column or parameter
     * @param value a number for a filter
     * @return the number as a decimal
     */
    public static BigDecimal finiteDecimal(String field, double value) {
        return BigDecimal.valueOf(finite(field, value));
    }

    /**
     * @param field the column or parameter
     * @param value a timestamp a filter compares with
     * @return value, when within [0001-01-01, 9999-12-31]
     */
    public static OffsetDateTime filterTime(String field, OffsetDateTime value) {
        required(field, value);
        if (value.isBefore(FILTER_MIN) || value.isAfter(FILTER_MAX)) {
            throw new InvalidValueException(field, value, "must be within [" + FILTER_MIN + ", " + FILTER_MAX + "]");
        }
        return value;
    }

    /**
     * A timestamp to store, or null: not before {@link #EARLIEST} and not later than now plus {@link #SKEW}.
     *
     * @param field the column or parameter
     * @param value the timestamp, or null
     * @return value, unchanged
     */
    public static OffsetDateTime storedTime(String field, OffsetDateTime value) {
        if (value != null && (value.isBefore(EARLIEST) || value.isAfter(OffsetDateTime.now(ZoneOffset.UTC).plus(SKEW)))) {
            throw new InvalidValueException(field, value, "must be within [" + EARLIEST + ", now + " + SKEW.toHours() + " h]");
        }
        return value;
    }

    /**
     * @param field the column or parameter
     * @param value a duration
     * @return value, when positive and at most {@link #DURATION_MAX}
     */
    public static Duration positiveDuration(String field, Duration value) {
        if (value == null || value.isNegative() || value.isZero() || value.compareTo(DURATION_MAX) > 0) {
            throw new InvalidValueException(field, value, "must be a positive duration of at most " + DURATION_MAX.toDays() + " days");
        }
        return value;
    }
}
