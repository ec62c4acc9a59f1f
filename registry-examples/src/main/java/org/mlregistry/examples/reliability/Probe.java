package org.mlregistry.examples.reliability;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * One hostile input given to one public entry point.
 *
 * @param entry the entry point, e.g. {@code runs().submit: model_name}
 * @param input the input, shown shortened
 * @param call gives the input and returns what was stored (read back), or anything when only the
 *     absence of a failure matters
 * @param expected what a verbatim acceptance reads back, or {@link #ANY}
 * @param mustRefuse true when the rules forbid the input, so accepting it is a defect
 */
record Probe(String entry, String input, Callable<Object> call, Object expected, boolean mustRefuse) {

    /** Expected value of a probe whose acceptance reads nothing back (a search, a claim). */
    static final Object ANY = new Object() {
        @Override
        public String toString() {
            return "(anything)";
        }
    };

    static Probe stores(String entry, Object input, Callable<Object> call) {
        return new Probe(entry, show(input), call, input, false);
    }

    static Probe accepts(String entry, Object input, Callable<Object> call) {
        return new Probe(entry, show(input), call, ANY, false);
    }

    static Probe refuses(String entry, Object input, Callable<Object> call) {
        return new Probe(entry, show(input), call, ANY, true);
    }

    /** Whether what was read back is what was given: numbers by value, times by instant. */
    boolean readBackMatches(Object stored) {
        if (expected == ANY) {
            return true;
        }
        if (expected instanceof Double d && stored instanceof BigDecimal b) {
            return !d.isNaN() && !d.isInfinite() && new BigDecimal(Double.toString(d)).compareTo(b) == 0;
        }
        if (expected instanceof OffsetDateTime t && stored instanceof OffsetDateTime s) {
            return t.isEqual(s);
        }
        return Objects.equals(expected, stored);
    }

    /** A value as a report shows it: escapes for invisible characters, long values shortened. */
    static String show(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value.toString();
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < text.length() && shown.length() < 60; i++) {
            char c = text.charAt(i);
            shown.append(c < 0x20 || c == 0x7f || Character.isSurrogate(c) || c == '\u202e'
                    ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        if (text.length() > 60) {
            shown.append("… (").append(text.length()).append(" chars)");
        }
        return (value instanceof String ? "\"" + shown + "\"" : shown.toString());
    }
}
