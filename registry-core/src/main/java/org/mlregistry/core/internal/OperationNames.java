package org.mlregistry.core.internal;

import java.lang.StackWalker.StackFrame;
import java.security.CodeSource;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The stable name of the API call an operation belongs to: its call path without
 * {@code registry.} and parentheses, e.g. {@code registry.runs().leases().claimNext(…)} is
 * {@code runs.leases.claimNext}. Found by walking the stack from the session up to the last
 * frame of the library's own (main) classes before the caller's code: the public method the
 * caller called. Only registries with an observer walk the stack (about a microsecond, once per
 * operation, not per nested call). Not part of the public API.
 */
final class OperationNames {

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final CodeSource LIBRARY = OperationNames.class.getProtectionDomain().getCodeSource();
    private static final ClassValue<Boolean> IN_LIBRARY = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return type.getName().startsWith("org.mlregistry.core.")
                    && Objects.equals(type.getProtectionDomain().getCodeSource(), LIBRARY);
        }
    };
    private static final ClassValue<String> PATH = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return path(type);
        }
    };

    /** Call paths of the classes whose accessor is not their decapitalized simple name. */
    private static final Map<String, String> PATHS = Map.ofEntries(
            Map.entry("Registry", "registry"),
            Map.entry("Runs", "runs"),
            Map.entry("RunSearch", "runs.search"),
            Map.entry("RunTags", "runs.tags"),
            Map.entry("RunFrameworks", "runs.frameworks"),
            Map.entry("RunMetrics", "runs.metrics"),
            Map.entry("RunCsv", "runs.csv"),
            Map.entry("BulkChange", "runs.search.bulk"),
            Map.entry("ModelRegistry", "models"),
            Map.entry("ApprovalGate", "models.approvals"),
            Map.entry("AuditTrail", "models.audit"),
            Map.entry("TrainingLineage", "models.lineage"),
            Map.entry("Events", "events"),
            Map.entry("Analytics", "analytics"),
            Map.entry("Migrations", "migrations"),
            Map.entry("FlatToRegistryMigration", "migrations.flatRunsToRegistry"));

    /** Top of the path of the other classes, by package. */
    private static final Map<String, String> TOPS = Map.of(
            "org.mlregistry.core.tracking", "runs",
            "org.mlregistry.core.models", "models",
            "org.mlregistry.core.events", "events",
            "org.mlregistry.core.analytics", "analytics",
            "org.mlregistry.core.migration", "migrations");

    private OperationNames() {
    }

    /**
     * The name of the API call running on this thread.
     *
     * @return e.g. {@code runs.submit}; {@code unknown} when no library frame was found
     */
    static String ofCaller() {
        return WALKER.walk(OperationNames::name).orElse("unknown");
    }

    private static Optional<String> name(Stream<StackFrame> frames) {
        StackFrame last = null;
        for (StackFrame frame : (Iterable<StackFrame>) frames::iterator) {
            if (!IN_LIBRARY.get(frame.getDeclaringClass())) {
                if (last != null) {
                    break;
                }
                continue;
            }
            last = frame;
        }
        return Optional.ofNullable(last).map(f -> PATH.get(f.getDeclaringClass()) + "." + method(f.getMethodName()));
    }

    /** {@code lambda$submit$3} is {@code submit}. */
    private static String method(String name) {
        if (name.startsWith("lambda$")) {
            int end = name.indexOf('$', "lambda$".length());
            return end < 0 ? name : name.substring("lambda$".length(), end);
        }
        return name;
    }

    private static String path(Class<?> type) {
        Class<?> top = type;
        while (top.getEnclosingClass() != null) {
            top = top.getEnclosingClass();
        }
        String known = PATHS.get(top.getSimpleName());
        if (known != null) {
            return known;
        }
        String simple = top.getSimpleName();
        String accessor = Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
        String parent = TOPS.get(top.getPackageName());
        return parent == null ? accessor : parent + "." + accessor;
    }
}
