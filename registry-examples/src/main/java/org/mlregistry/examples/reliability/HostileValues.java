package org.mlregistry.examples.reliability;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** The hostile and odd values the probes give to every entry point. */
final class HostileValues {

    /** Texts: sizes, invisible and control characters, broken UTF-16, SQL and escaping. */
    static final List<String> TEXTS = List.of(
            "",
            "   ",
            "x".repeat(10 * 1024),
            "x".repeat(1024 * 1024),
            "nul\u0000inside",
            "high\uD800surrogate",
            "low\uDC00surrogate",
            "bell\u0007escape\u001b[31m",
            "line\r\nbreak",
            "'; DROP TABLE tracking.training_runs; --",
            "\\' OR 1=1 --",
            "back\\slash\\",
            "O'Brien \"quoted\" $$dollar$$",
            "%_like*?[",
            "\u202Eright-to-left",
            "emoji \uD83E\uDD16 ok");

    /** Numbers: not numbers, infinities, out of range, too precise, negative zero. */
    static final List<Double> NUMBERS = List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -1.0,
            1e308, -0.0, Double.MIN_VALUE, 0.99996, 0.004, 123456789.123);

    /** Timestamps at the edges of what Java and PostgreSQL can hold. */
    static final List<OffsetDateTime> TIMES = List.of(
            OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
            OffsetDateTime.of(1900, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
            OffsetDateTime.of(2999, 12, 31, 23, 59, 59, 0, ZoneOffset.UTC),
            OffsetDateTime.of(294277, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));

    /** A valid semantic version whose pre-release has 1,500 dot-separated identifiers (about 5 KB). */
    static String longPreRelease() {
        StringBuilder v = new StringBuilder("1.0.0-");
        for (int i = 0; i < 1_500; i++) {
            v.append(i == 0 ? "" : ".").append("a").append(i % 10);
        }
        return v.toString();
    }

    private HostileValues() {
    }
}
