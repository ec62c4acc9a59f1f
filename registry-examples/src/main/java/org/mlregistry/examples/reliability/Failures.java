package org.mlregistry.examples.reliability;

import org.mlregistry.core.error.RefusedException;
import org.mlregistry.core.error.TransientException;

/**
 * The suite's one place that sorts what a call threw, by the library's error model: a
 * {@link RefusedException} (input, rule or state refused the call; retrying as is will not help),
 * a {@link TransientException} (the database could not finish it this time; retrying may help),
 * and anything else ({@link Kind#UNTYPED}: a raw jOOQ or JDBC exception, a JDK exception, an
 * {@link Error}, or a {@code RegistryException} that is neither refused nor transient).
 */
public final class Failures {

    /** What kind of failure a caller saw. */
    public enum Kind {
        /** A {@link RefusedException}: the library refused the call and said why. */
        REFUSED,
        /** A {@link TransientException}: the database could not finish the call this time. */
        TRANSIENT,
        /** Anything else: the caller cannot tell what went wrong without reading SQL or stack traces. */
        UNTYPED
    }

    private Failures() {
    }

    /**
     * @param thrown what a call threw, not null
     * @return {@link Kind#REFUSED}, {@link Kind#TRANSIENT}, else {@link Kind#UNTYPED}
     */
    public static Kind classify(Throwable thrown) {
        if (thrown instanceof RefusedException) {
            return Kind.REFUSED;
        }
        return thrown instanceof TransientException ? Kind.TRANSIENT : Kind.UNTYPED;
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
