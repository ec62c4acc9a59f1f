package org.mlregistry.core.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;
import org.mlregistry.core.error.InvalidValueException;

/**
 * The rules of a logged metric point, checked in Java before anything is sent (the migration's
 * CHECK constraints hold the same ones as a safety net). Each refusal is an
 * {@link InvalidValueException} naming the field (with the point's index in a batch, e.g.
 * {@code points[3].value}), the value (long names shortened) and the rule. Not part of the public API.
 */
public final class MetricRules {

    /** Longest metric name, in characters. */
    public static final int MAX_NAME_LENGTH = 250;

    /** Letters, digits, {@code _ - . / :} and space; at least one character that is not a space. */
    private static final Pattern NAME = Pattern.compile("(?=.*[^ ])[\\p{L}\\p{N}_\\-./: ]+");

    /** The earliest accepted {@code logged_at}, inclusive. */
    public static final OffsetDateTime EARLIEST = OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    /** The latest accepted {@code logged_at}, exclusive. */
    public static final OffsetDateTime END = OffsetDateTime.of(2100, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    /** Longest value shown in an error. */
    private static final int SHOWN = 60;

    private MetricRules() {
    }

    /**
     * @param field the field named in an error, e.g. {@code metric} or {@code points[3].metric}
     * @param name the metric name given
     * @return name, when it has 1..250 allowed characters
     */
    public static String name(String field, String name) {
        if (name == null) {
            throw new InvalidValueException(field, null, "must not be null");
        }
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new InvalidValueException(field, shortened(name), "must have 1 to " + MAX_NAME_LENGTH + " characters (has " + name.length() + ")");
        }
        if (!NAME.matcher(name).matches()) {
            throw new InvalidValueException(field, shortened(name),
                    "must consist of letters, digits, '_', '-', '.', '/', ':' and spaces, not only spaces");
        }
        return name;
    }

    /**
     * @param field the field named in an error
     * @param step the step given
     * @return step, when it is &gt;= 0
     */
    public static long step(String field, long step) {
        if (step < 0) {
            throw new InvalidValueException(field, step, "must be >= 0");
        }
        return step;
    }

    /**
     * NaN and ±Infinity are refused: PostgreSQL's double precision would store them, but NaN sorts
     * above every number there and either one breaks a bucket's min, max and mean.
     *
     * @param field the field named in an error
     * @param value the value given
     * @return value, when it is finite
     */
    public static double value(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidValueException(field, value, "must be a finite number (NaN and ±Infinity are refused)");
        }
        return value;
    }

    /**
     * PostgreSQL keeps microseconds: digits beyond them are cut here, so every write path stores
     * (and the latest table keeps) the same instant.
     *
     * @param field the field named in an error
     * @param loggedAt the time given
     * @return loggedAt truncated to microseconds, when it is within [2000-01-01, 2100-01-01) UTC
     */
    public static OffsetDateTime loggedAt(String field, OffsetDateTime loggedAt) {
        if (loggedAt == null) {
            throw new InvalidValueException(field, null, "must not be null");
        }
        if (loggedAt.isBefore(EARLIEST) || !loggedAt.isBefore(END)) {
            throw new InvalidValueException(field, loggedAt, "must be within [" + EARLIEST + ", " + END + ")");
        }
        return loggedAt.truncatedTo(ChronoUnit.MICROS);
    }

    private static String shortened(String value) {
        return value.length() <= SHOWN ? value : value.substring(0, SHOWN) + "…";
    }
}
