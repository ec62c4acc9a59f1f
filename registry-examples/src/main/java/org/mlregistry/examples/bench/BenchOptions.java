package org.mlregistry.examples.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Command-line parsing shared by the benchmarks: {@code --name value} pairs, unknown names refused. */
public final class BenchOptions {

    private final Map<String, String> given;

    private BenchOptions(Map<String, String> given) {
        this.given = given;
    }

    /**
     * @param names the options a program knows
     * @param args {@code --name value} pairs
     * @return the options given
     */
    public static BenchOptions parse(Set<String> names, String... args) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + args[i]);
            }
            if (!names.contains(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
            given.put(args[i], args[i + 1]);
        }
        return new BenchOptions(given);
    }

    /** A count &gt;= 1; {@code 1_000} and {@code 1,000} are read as 1000. */
    public int count(String name, int fallback) {
        return given.containsKey(name) ? count(name, given.get(name)) : fallback;
    }

    /** An integer, or fallback when not given. */
    public int integer(String name, int fallback) {
        return given.containsKey(name) ? Integer.parseInt(given.get(name)) : fallback;
    }

    /** A number, or fallback when not given. */
    public double decimal(String name, double fallback) {
        return given.containsKey(name) ? Double.parseDouble(given.get(name)) : fallback;
    }

    /** A text, or fallback when not given. */
    public String text(String name, String fallback) {
        return given.getOrDefault(name, fallback);
    }

    private static int count(String name, String value) {
        int n = Integer.parseInt(value.replace("_", "").replace(",", ""));
        if (n < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
        return n;
    }
}
