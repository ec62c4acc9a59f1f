package org.mlregistry.core.internal;

import java.util.regex.Pattern;
import org.mlregistry.core.error.InvalidValueException;

/**
 * The limits of V42's tracking tables (run tags, experiments, sweeps, framework names), checked in
 * Java before the round trip with the rules of their CHECK constraints. A refused value is shown
 * shortened (at most {@value #SHOWN} characters, control characters escaped), so an error about a
 * megabyte of text stays readable. Not part of the public API.
 */
public final class TrackingLimits {

    /** Longest tag key ({@code valid_tag_key}). */
    public static final int TAG_KEY_MAX = 128;
    /** Longest tag value ({@code valid_tag_value}). */
    public static final int TAG_VALUE_MAX = 1024;
    /** Longest experiment name ({@code valid_experiment_name}). */
    public static final int EXPERIMENT_NAME_MAX = 200;

    /** {@code tracking.run_tags.valid_tag_key}. */
    private static final Pattern TAG_KEY = Pattern.compile("[A-Za-z0-9_.:/-]+");
    /** {@code tracking.sweeps.valid_sweep_name}. */
    private static final Pattern SWEEP_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    /** {@code valid_framework_name} of run_frameworks and sweeps. */
    private static final Pattern FRAMEWORK_NAME = Pattern.compile("[a-z0-9][a-z0-9_.+-]{0,63}");

    /** How many characters of a refused value an error shows. */
    static final int SHOWN = 64;

    private TrackingLimits() {
    }

    /**
     * @param key a tag key
     * @return key, when it has 1 to 128 characters, each a letter, digit or one of {@code _ . : / -}
     */
    public static String tagKey(String key) {
        if (key == null || key.isEmpty() || key.length() > TAG_KEY_MAX || !TAG_KEY.matcher(key).matches()) {
            throw new InvalidValueException("tag_key", shortened(key),
                    "must have 1 to " + TAG_KEY_MAX + " characters, each a letter, digit or one of _ . : / -");
        }
        return key;
    }

    /**
     * @param value a tag value
     * @return value, when it is not null, has at most 1024 characters and no control character
     */
    public static String tagValue(String value) {
        if (value == null) {
            throw new InvalidValueException("tag_value", null, "must not be null");
        }
        if (value.codePointCount(0, value.length()) > TAG_VALUE_MAX) {
            throw new InvalidValueException("tag_value", shortened(value), "must have at most " + TAG_VALUE_MAX + " characters");
        }
        noControlCharacters("tag_value", value);
        return value;
    }

    /**
     * @param name an experiment name
     * @return name, when it is not blank, has at most 200 characters and no control character
     */
    public static String experimentName(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidValueException("experiment_name", name, "must not be blank");
        }
        if (name.codePointCount(0, name.length()) > EXPERIMENT_NAME_MAX) {
            throw new InvalidValueException("experiment_name", shortened(name),
                    "must have at most " + EXPERIMENT_NAME_MAX + " characters");
        }
        noControlCharacters("experiment_name", name);
        return name;
    }

    /**
     * @param name a sweep name
     * @return name, when it has 1 to 64 letters, digits, {@code _ . -} and starts with a letter or digit
     */
    public static String sweepName(String name) {
        if (name == null || !SWEEP_NAME.matcher(name).matches()) {
            throw new InvalidValueException("sweep_name", shortened(name),
                    "must have 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit");
        }
        return name;
    }

    /**
     * @param name a framework name
     * @return name, when it is 1 to 64 lowercase letters, digits, {@code _ . + -}, starting with a letter or digit
     */
    public static String frameworkName(String name) {
        if (name == null || !FRAMEWORK_NAME.matcher(name).matches()) {
            throw new InvalidValueException("framework_name", shortened(name),
                    "must have 1 to 64 lowercase letters, digits, '_', '.', '+' or '-', starting with a letter or digit");
        }
        return name;
    }

    private static void noControlCharacters(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new InvalidValueException(field, shortened(value),
                        "must not contain control characters (found U+" + String.format("%04X", (int) value.charAt(i))
                                + " at index " + i + ")");
            }
        }
        Validator.text(field, value, Integer.MAX_VALUE, false);
    }

    /**
     * A refused value as errors show it: at most 64 characters, then {@code …(N chars)}; control
     * characters as a Java escape (backslash, u, four hex digits).
     *
     * @param value the refused value, or null
     * @return the shortened, printable form, or null
     */
    public static String shortened(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        int end = Math.min(value.length(), SHOWN);
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        if (value.length() > SHOWN) {
            out.append("…(").append(value.length()).append(" chars)");
        }
        return out.toString();
    }
}
