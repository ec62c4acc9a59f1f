package org.mlregistry.examples.catalog;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Result;

/**
 * Every example of both labs, in lab order. The runner, the tests and the docs enumerate this
 * one list. A lab part class holds {@link LabStatement}-annotated {@code public static} methods.
 */
public final class LabCatalog {

    /** The lab part classes. */
    private static final List<Class<?>> PARTS = List.of(
            org.mlregistry.examples.lab01.SchemaVerification.class,
            org.mlregistry.examples.lab01.SeedVerification.class,
            org.mlregistry.examples.lab01.ReadQueries.class,
            org.mlregistry.examples.lab01.ProductionQueries.class,
            org.mlregistry.examples.lab01.Updates.class,
            org.mlregistry.examples.lab01.SafeUpdates.class,
            org.mlregistry.examples.lab01.Deletes.class,
            org.mlregistry.examples.lab01.Transactions.class,
            org.mlregistry.examples.lab01.AdvancedQueries.class,
            org.mlregistry.examples.lab01.Challenges.class,
            org.mlregistry.examples.lab01.Verification.class,
            org.mlregistry.examples.lab02.SchemaVerification.class,
            org.mlregistry.examples.lab02.RelationshipQueries.class,
            org.mlregistry.examples.lab02.ProductionChecks.class);

    /** L1 before L2; parts P1..P9, then V; statement numbers numerically. */
    static final Comparator<Example> IN_LAB_ORDER = Comparator.comparing(Example::id, LabCatalog::compareIds);

    private static final List<Example> EXAMPLES = load();

    private LabCatalog() {
    }

    /** Every example, in lab order. */
    public static List<Example> all() {
        return EXAMPLES;
    }

    /** The examples whose ids match any of the given ids or part prefixes (e.g. "L1.P8"). */
    public static List<Example> select(List<String> idsOrPrefixes) {
        List<Example> selected = new ArrayList<>();
        for (String wanted : idsOrPrefixes) {
            List<Example> hits = EXAMPLES.stream().filter(e -> e.matches(wanted)).toList();
            if (hits.isEmpty()) {
                throw new IllegalArgumentException("No example has id or part '" + wanted + "' (see --list)");
            }
            hits.stream().filter(e -> !selected.contains(e)).forEach(selected::add);
        }
        selected.sort(IN_LAB_ORDER);
        return selected;
    }

    private static List<Example> load() {
        List<Example> examples = new ArrayList<>();
        for (Class<?> part : PARTS) {
            for (Method method : part.getDeclaredMethods()) {
                if (method.isAnnotationPresent(LabStatement.class)) {
                    requireRunnable(method);
                    examples.add(Example.of(method));
                }
            }
        }
        examples.sort(IN_LAB_ORDER);
        return List.copyOf(examples);
    }

    private static void requireRunnable(Method method) {
        boolean ok = Modifier.isStatic(method.getModifiers()) && Modifier.isPublic(method.getModifiers())
                && method.getParameterCount() == 1 && method.getParameterTypes()[0] == DSLContext.class
                && Result.class.isAssignableFrom(method.getReturnType());
        if (!ok) {
            throw new IllegalStateException("Example " + method + " must be public static Result<?> name(DSLContext)");
        }
    }

    static int compareIds(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        int lab = x[0].compareTo(y[0]);
        if (lab != 0) {
            return lab;
        }
        int part = Integer.compare(partRank(x[1]), partRank(y[1]));
        return part != 0 ? part : Integer.compare(Integer.parseInt(x[2]), Integer.parseInt(y[2]));
    }

    private static int partRank(String part) {
        return part.startsWith("P") ? Integer.parseInt(part.substring(1)) : 100 + part.charAt(0);
    }
}
