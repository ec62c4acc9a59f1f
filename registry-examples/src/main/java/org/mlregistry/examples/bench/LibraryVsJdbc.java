package org.mlregistry.examples.bench;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.TransactionContext;
import org.jooq.TransactionProvider;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.mlregistry.core.Registry;
import org.mlregistry.examples.bench.TrackingBenchmark.OperationResult;

/**
 * Times a library call against the same SQL over plain JDBC on one connection, interleaved
 * (library, JDBC, JDBC, library, …), and returns the medians. The JDBC side executes exactly the
 * statement the library sent (captured once with a jOOQ {@link ExecuteListener}: SQL text and bind
 * values, bound with the same JDBC types) in a fresh {@link PreparedStatement} per call, and reads
 * every column of every row; both sides are checked to return the same rows before timing. A
 * write runs, on both sides, in a transaction that is rolled back.
 */
final class LibraryVsJdbc {

    /** The library side of an operation: runs it once on a registry and returns what it found (ids, or a count). */
    @FunctionalInterface
    interface LibraryCall {
        /**
         * @param registry the registry to call
         * @param joining a registry on the same connection whose transactions join the one running
         *     on it (neither begin nor commit), as a service's framework-managed transaction does
         */
        List<Object> call(Registry registry, Registry joining) throws Exception;
    }

    /**
     * How many rounds an operation gets.
     *
     * @param iterations measured rounds
     * @param warmup warm-up rounds at most
     * @param warmupSeconds warm-up time at most
     * @param secondsPerOperation measuring time budget; slower operations get fewer rounds (at least 10)
     */
    record Rounds(int iterations, int warmup, double warmupSeconds, double secondsPerOperation) {
    }

    /** The statement the library sent, captured for the JDBC side. */
    private record Captured(String sql, List<Object> binds) {
    }

    private final Connection connection;
    private final DSLContext dsl;
    /** Both sides are timed on the plain connection. */
    private final Registry registry;
    private final Registry joining;
    /** Counts what the library sends, on a registry of its own over the counted connection (counting costs time). */
    private final RoundTrips trips = new RoundTrips();
    private final Registry countedRegistry;
    private final Registry countedJoining;
    private final Rounds rounds;
    private final PrintStream out;

    LibraryVsJdbc(Connection connection, Rounds rounds, PrintStream out) {
        this.connection = connection;
        this.dsl = DSL.using(connection, SQLDialect.POSTGRES);
        this.registry = Registry.configure().dsl(dsl).load();
        this.joining = joining(new DefaultConfiguration().set(SQLDialect.POSTGRES).set(connection));
        Connection counted = trips.counting(connection);
        this.countedRegistry = Registry.configure().dsl(DSL.using(counted, SQLDialect.POSTGRES)).load();
        this.countedJoining = joining(new DefaultConfiguration().set(SQLDialect.POSTGRES).set(counted));
        this.rounds = rounds;
        this.out = out;
    }

    /** A registry whose transactions join the one running on the connection: no BEGIN, COMMIT or savepoint of its own. */
    static Registry joining(Configuration configuration) {
        return Registry.configure().configuration(configuration.derive(new JoiningTransactions())).load();
    }

    /** A transaction provider that leaves the transaction to whoever runs it on the connection. */
    private static final class JoiningTransactions implements TransactionProvider {
        @Override
        public void begin(TransactionContext ctx) {
        }

        @Override
        public void commit(TransactionContext ctx) {
        }

        @Override
        public void rollback(TransactionContext ctx) {
        }
    }

    DSLContext dsl() {
        return dsl;
    }

    Registry registry() {
        return registry;
    }

    OperationResult measure(String name, boolean write, LibraryCall library) throws Exception {
        Captured statement = capture(library);
        List<List<Object>> found = new ArrayList<>();
        RoundTrips.Counts sent = trips.of(() -> {
            try {
                found.add(library.call(countedRegistry, countedJoining));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        List<Object> expected = found.get(0);
        List<Object> viaJdbc = jdbc(statement, write);
        // a page reads one row beyond its size, to know whether another page follows
        boolean same = expected.equals(viaJdbc) || viaJdbc.size() == expected.size() + 1
                && viaJdbc.subList(0, expected.size()).equals(expected);
        if (!same) {
            throw new IllegalStateException(name + ": JDBC found " + viaJdbc + " but the library " + expected);
        }
        // warm-up: until the JIT has compiled both sides' paths (W rounds), but at most the warm-up time
        long warmStart = System.nanoTime();
        long warmLimit = warmStart + (long) (rounds.warmupSeconds() * 1e9);
        int warmed = 0;
        while (warmed < rounds.warmup() && (warmed < 3 || System.nanoTime() < warmLimit)) {
            library.call(registry, joining);
            jdbc(statement, write);
            warmed++;
        }
        double perRound = warmed == 0 ? 0 : (System.nanoTime() - warmStart) / 1e9 / warmed;
        int n = rounds.iterations();
        if (perRound > 0 && perRound * n > rounds.secondsPerOperation()) {
            n = Math.max(Math.min(10, n), (int) (rounds.secondsPerOperation() / perRound));
        }
        long[] lib = new long[n];
        long[] jd = new long[n];
        for (int i = 0; i < n; i++) {
            // alternate the order so that neither side always runs first
            if (i % 2 == 0) {
                lib[i] = timeLibrary(library);
                jd[i] = timeJdbc(statement, write);
            } else {
                jd[i] = timeJdbc(statement, write);
                lib[i] = timeLibrary(library);
            }
        }
        OperationResult result = new OperationResult(name, n, rowsOf(expected), median(lib) / 1e3, median(jd) / 1e3,
                sent.toString());
        out.printf(Locale.ROOT, "  %-34s library %,10.1f µs  JDBC %,10.1f µs  ratio %.2f  statements/round trips %s%n", name,
                result.libraryMicros(), result.jdbcMicros(), result.ratio(), sent);
        return result;
    }

    /** Prints the operations' table and how many are within the 1.10 target. */
    static void print(List<OperationResult> operations, PrintStream out) {
        String line = "%-34s | %17s | %14s | %6s | %6s | %6s | %9s%n";
        out.printf(Locale.ROOT, line, "operation", "library median µs", "JDBC median µs", "ratio", "rounds", "rows", "stmts/RT");
        out.println("-".repeat(34) + "-+-" + "-".repeat(17) + "-+-" + "-".repeat(14) + "-+-" + "-".repeat(6) + "-+-"
                + "-".repeat(6) + "-+-" + "-".repeat(6) + "-+-" + "-".repeat(9));
        for (OperationResult r : operations) {
            out.printf(Locale.ROOT, line, r.operation(), fmt(r.libraryMicros()), fmt(r.jdbcMicros()),
                    String.format(Locale.ROOT, "%.2f", r.ratio()), r.rounds(), r.rows(), r.statementsAndRoundTrips());
        }
        long over = operations.stream().filter(r -> r.ratio() > 1.10).count();
        out.printf(Locale.ROOT, "target ratio <= 1.10: %d of %d operations within%n%n", operations.size() - over,
                operations.size());
    }

    static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    private static String fmt(double micros) {
        return String.format(Locale.ROOT, "%,.1f", micros);
    }

    /**
     * Runs the library call once on contexts with a listener that records the statement it
     * executes, without the timeouts sent in front of it ({@link #withoutTimeouts}): the JDBC side
     * sends no timeouts, so their server time stays in the library's.
     */
    private Captured capture(LibraryCall library) throws Exception {
        List<Captured> statements = new ArrayList<>();
        ExecuteListener listener = new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext ctx) {
                if (ctx.sql() != null && ctx.sql().startsWith("SELECT set_config('statement_timeout', coalesce(")) {
                    return;
                }
                statements.add(new Captured(withoutTimeouts(ctx.sql()), ctx.query() == null ? List.of() : ctx.query().getBindValues()));
            }
        };
        Registry capturing = Registry.configure().configuration(dsl.configuration().deriveAppending(listener)).load();
        library.call(capturing, joining(dsl.configuration().deriveAppending(listener)));
        if (statements.size() != 1) {
            throw new IllegalStateException("expected one statement, the library sent " + statements.size() + ": " + statements);
        }
        return statements.get(0);
    }

    /** A statement's SQL without the timeouts ({@code SELECT set_config(…)}) sent in front of it. */
    static String withoutTimeouts(String sql) {
        String rest = sql;
        while (rest.startsWith("SELECT set_config(")) {
            rest = rest.substring(rest.indexOf("; ") + 2);
        }
        return rest;
    }

    /**
     * The JDBC side: the captured statement in a fresh PreparedStatement, every column of every row
     * read; a read in autocommit, a write in a transaction that is rolled back.
     */
    private List<Object> jdbc(Captured statement, boolean write) throws SQLException {
        if (!write) {
            return execute(statement);
        }
        connection.setAutoCommit(false);
        try {
            List<Object> found = execute(statement);
            connection.rollback();
            return found;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** Each row as its run_id (text) if it has one, else its first column as a long. */
    private List<Object> execute(Captured statement) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(statement.sql())) {
            bind(ps, statement.binds());
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                int idColumn = -1;
                for (int c = 1; c <= columns; c++) {
                    if (rs.getMetaData().getColumnLabel(c).equals("run_id")) {
                        idColumn = c;
                    }
                }
                List<Object> found = new ArrayList<>();
                while (rs.next()) {
                    Object[] row = new Object[columns];
                    for (int c = 1; c <= columns; c++) {
                        row[c - 1] = rs.getObject(c);
                    }
                    found.add(idColumn > 0 ? row[idColumn - 1].toString() : ((Number) row[0]).longValue());
                }
                return found;
            }
        }
    }

    /** Binds as jOOQ does for PostgreSQL, so both sides share one server-prepared statement. */
    private static void bind(PreparedStatement ps, List<Object> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            JdbcBinding.bind(ps, i + 1, values.get(i));
        }
    }

    private static long rowsOf(List<Object> found) {
        return found.size() == 1 && found.get(0) instanceof Long count ? count : found.size();
    }

    private long timeLibrary(LibraryCall library) throws Exception {
        long start = System.nanoTime();
        library.call(registry, joining);
        return System.nanoTime() - start;
    }

    private long timeJdbc(Captured statement, boolean write) throws SQLException {
        long start = System.nanoTime();
        jdbc(statement, write);
        return System.nanoTime() - start;
    }
}
