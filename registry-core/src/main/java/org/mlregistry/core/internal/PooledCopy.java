package org.mlregistry.core.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * COPY on a pooled connection. PgJDBC's CopyManager works on the driver's own connection, beneath
 * the pool's wrapper, so the pool never sees a COPY fail and would lend a broken connection out
 * again. When a COPY step fails because the connection broke, a probe statement goes through the
 * wrapper and fails there, which makes the pool (HikariCP, among others) evict the connection. Not
 * part of the public API.
 */
public final class PooledCopy {

    private PooledCopy() {
    }

    /** A COPY step on the driver's own connection. */
    @FunctionalInterface
    public interface Step<R> {
        /**
         * @return the step's result
         * @throws SQLException when the step fails
         */
        R run() throws SQLException;
    }

    /**
     * @param pooled the connection as the pool lends it (its wrapper)
     * @return the driver's COPY API on it
     * @throws SQLException when the connection is not PgJDBC's
     */
    public static CopyManager api(Connection pooled) throws SQLException {
        return copying(pooled, () -> pooled.unwrap(PGConnection.class).getCopyAPI());
    }

    /**
     * Runs a COPY step; when it fails because the connection broke, tells the pool through its wrapper.
     *
     * @param pooled the connection as the pool lends it
     * @param step the COPY step
     * @param <R> its result
     * @return the step's result
     * @throws SQLException the step's failure (the probe's, if any, suppressed in it)
     */
    public static <R> R copying(Connection pooled, Step<R> step) throws SQLException {
        try {
            return step.run();
        } catch (SQLException e) {
            if (connectionBroken(e)) {
                try (Statement probe = pooled.createStatement()) {
                    probe.execute("SELECT 1");
                } catch (SQLException probeFailure) {
                    e.addSuppressed(probeFailure);
                }
            }
            throw e;
        }
    }

    /** SQLState class 08 (connection exception), 57P01..57P03 (backend terminated, server shutting down), or none. */
    private static boolean connectionBroken(SQLException e) {
        String state = e.getSQLState();
        return state == null || state.startsWith("08") || state.startsWith("57P");
    }
}
