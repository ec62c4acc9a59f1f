package org.mlregistry.examples.reliability;

import org.mlregistry.core.error.RegistryException;

/**
 * The suite's one place that sorts what a call threw. Today it knows two kinds: an
 * {@code org.mlregistry.core.error} exception ({@link Kind#TYPED}) and anything else
 * ({@link Kind#UNTYPED}: a raw jOOQ or JDBC exception, a JDK exception, an {@link Error}). Once the
 * error model separates refused from transient failures, refine {@link #classify} here and
 * nowhere else.
 */
public final class Failures {

    /** What kind of failure a caller saw. */
    public enum Kind {
        /** A {@link RegistryException}: the library said what went wrong. */
        TYPED,
        /** Anything else: the caller cannot tell what went wrong without reading SQL or stack traces. */
        UNTYPED
    }

    private Failures() {
    }

    /**
     * @param thrown what a call threw, not null
     * @return {@link Kind#TYPED} for a {@link RegistryException}, else {@link Kind#UNTYPED}
     */
    public static Kind classify(Throwable thrown) {
        return thrown instanceof RegistryException ? Kind.TYPED : Kind.UNTYPED;
    }

    /**
     * One line for a report: the exception's class and its message, shortened.
     *
     * @param thrown what a call threw
     * @return e.g. {@code DataAccessException: ERROR: invalid byte sequence … (SQLState 22021)}
     */
    public static String describe(Throwable thrown) {
        String message = String.valueOf(thrown.getMessage()).replace('\n', ' ');
        if (message.length() > 160) {
            message = message.substring(0, 157) + "...";
        }
        String state = sqlState(thrown);
        return thrown.getClass().getSimpleName() + ": " + message + (state == null ? "" : " (SQLState " + state + ")");
    }

    /** The SQLState of the first {@link java.sql.SQLException} in the cause chain, or null. */
    static String sqlState(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
