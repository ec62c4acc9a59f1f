package org.mlregistry.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.tools.jdbc.DefaultPreparedStatement;

/**
 * Runs a write of one atomic statement in autocommit, as one round trip, under the session's
 * timeouts: the statement is sent as {@code SELECT set_config('statement_timeout', '…', true),
 * set_config('lock_timeout', '…', true); <statement>} in one {@link PreparedStatement}. PgJDBC
 * sends the two with one Sync, so PostgreSQL runs them in one implicit transaction: the settings
 * hold for the statement (the statement timer starts at its own Execute) and end with it, as
 * {@code SET LOCAL} in a transaction of its own would, without {@code BEGIN}, a round trip for the
 * settings and {@code COMMIT}. One {@code SELECT} of both costs the server less than two
 * {@code SET LOCAL}s (the benchmark's claim throughput). The timeouts are the registry's
 * configuration (whole milliseconds), never user input; the statement's values stay bound. The
 * settings' row is skipped before jOOQ reads the statement's own result. Not part of the public API.
 */
final class OneStatementWrite {

    /** The connection the write borrowed, for the context below (one per thread, only while it runs). */
    private final ThreadLocal<Connection> borrowed = new ThreadLocal<>();
    /** Whether this thread's write has begun executing (from then on a lost connection leaves its outcome unknown). */
    private final ThreadLocal<boolean[]> executing = new ThreadLocal<>();
    private final DSLContext dsl;
    private final DSLContext onBorrowed;
    private final int prefixed;

    OneStatementWrite(DSLContext dsl, Session.Timeouts timeouts) {
        this.dsl = dsl;
        String prefix = prefix(timeouts);
        this.prefixed = prefix.isEmpty() ? 0 : 1;
        ConnectionProvider provider = new ConnectionProvider() {
            @Override
            public Connection acquire() {
                return borrowed.get();
            }

            @Override
            public void release(Connection connection) {
                // the outer connectionResult releases it
            }
        };
        this.onBorrowed = dsl.configuration().derive(provider)
                .deriveAppending(new Prefixing(prefix, prefixed, executing)).dsl();
    }

    /**
     * {@code SELECT set_config(…, true), …; } for the timeouts that are set (transaction-local, as
     * {@code SET LOCAL}), empty when neither is: one statement, whose one result is skipped.
     */
    static String prefix(Session.Timeouts timeouts) {
        String settings = Stream.of(set("statement_timeout", timeouts.statement()), set("lock_timeout", timeouts.lock()))
                .filter(set -> !set.isEmpty()).collect(Collectors.joining(", "));
        return settings.isEmpty() ? "" : "SELECT " + settings + "; ";
    }

    private static String set(String setting, Duration timeout) {
        return timeout == null ? "" : "set_config('" + setting + "', '" + timeout.toMillis() + "', true)";
    }

    /**
     * Runs the statement on one borrowed connection: in autocommit with the timeouts in front, or,
     * inside a caller's transaction on that connection, through {@code inCallersTransaction} (a
     * savepoint, so a failure leaves the caller's transaction usable).
     *
     * @param translate turns a failure into the caller's error, told whether the write had begun executing
     */
    <T> T run(Function<DSLContext, T> statement, Function<Function<DSLContext, T>, T> inCallersTransaction,
            BiFunction<RuntimeException, Boolean, RuntimeException> translate) {
        boolean[] began = {false};
        try {
            return dsl.connectionResult(connection -> {
                if (!connection.getAutoCommit()) {
                    return inCallersTransaction.apply(statement);
                }
                borrowed.set(connection);
                executing.set(began);
                try {
                    return statement.apply(onBorrowed);
                } finally {
                    borrowed.remove();
                    executing.remove();
                }
            });
        } catch (RuntimeException e) {
            throw translate.apply(e, began[0]);
        }
    }

    /** Puts the settings in front of each statement, skips their result, notes the execution. */
    private static final class Prefixing implements ExecuteListener {
        private final String prefix;
        private final int skipped;
        private final ThreadLocal<boolean[]> executing;

        Prefixing(String prefix, int skipped, ThreadLocal<boolean[]> executing) {
            this.prefix = prefix;
            this.skipped = skipped;
            this.executing = executing;
        }

        @Override
        public void executeStart(ExecuteContext ctx) {
            boolean[] began = executing.get();
            if (began != null) {
                began[0] = true;
            }
        }

        @Override
        public void prepareStart(ExecuteContext ctx) {
            if (!prefix.isEmpty() && ctx.sql() != null && ctx.batchSQL().length <= 1) {
                ctx.sql(prefix + ctx.sql());
            }
        }

        @Override
        public void prepareEnd(ExecuteContext ctx) {
            if (!prefix.isEmpty() && ctx.statement() != null && ctx.sql() != null && ctx.sql().startsWith(prefix)) {
                ctx.statement(new SettingsFirst(ctx.statement(), skipped));
            }
        }
    }

    /** A statement whose first results are the settings', skipped on execute. */
    static final class SettingsFirst extends DefaultPreparedStatement {
        private final int skipped;

        SettingsFirst(PreparedStatement delegate, int skipped) {
            super(delegate);
            this.skipped = skipped;
        }

        private void skipSettings() throws SQLException {
            for (int i = 0; i < skipped; i++) {
                getDelegate().getMoreResults();
            }
        }

        @Override
        public ResultSet executeQuery() throws SQLException {
            getDelegate().execute();
            skipSettings();
            ResultSet rs = getDelegate().getResultSet();
            if (rs == null) {
                throw new SQLException("the statement returned no rows", "02000");
            }
            return rs;
        }

        @Override
        public boolean execute() throws SQLException {
            getDelegate().execute();
            skipSettings();
            return getDelegate().getResultSet() != null;
        }

        @Override
        public int executeUpdate() throws SQLException {
            getDelegate().execute();
            skipSettings();
            return getDelegate().getUpdateCount();
        }

        @Override
        public long executeLargeUpdate() throws SQLException {
            getDelegate().execute();
            skipSettings();
            return getDelegate().getLargeUpdateCount();
        }
    }
}
