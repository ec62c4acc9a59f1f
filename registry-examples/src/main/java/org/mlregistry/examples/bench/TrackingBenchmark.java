package org.mlregistry.examples.bench;

import static org.mlregistry.core.tracking.RunFilter.createdWithin;
import static org.mlregistry.core.tracking.RunFilter.paramsContain;
import static org.mlregistry.core.tracking.RunFilter.status;
import static org.mlregistry.schema.jooq.tracking.tables.TrainingRuns.TRAINING_RUNS;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.EnumType;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.JSONB;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultConnectionProvider;
import org.jooq.impl.DefaultTransactionProvider;
import org.mlregistry.core.Registry;
import org.mlregistry.core.tracking.Page;
import org.mlregistry.core.tracking.Run;
import org.mlregistry.core.tracking.Runs;
import org.mlregistry.schema.RegistrySchema;
import org.mlregistry.schema.types.RunStatus;
import org.mlregistry.testing.RolledBackTransaction;
import org.mlregistry.testing.SyntheticRuns;
import org.mlregistry.testing.database.PostgresServer;
import org.mlregistry.testing.database.PostgresServers;
import org.postgresql.PGConnection;

/**
 * Benchmark of the tracking API against plain JDBC at scale (issue 5, "Indexes and speed").
 *
 * <p>Run it from the repository root:
 *
 * <pre>
 * ./mvnw -q package -DskipTests exec:java -Dexec.mainClass=org.mlregistry.examples.bench.TrackingBenchmark -Dexec.args="--runs 1000000"
 * </pre>
 *
 * It takes several minutes at 1M runs (about a minute to load, up to 40 s per operation, the imports).
 *
 * Options: {@code --runs N} (default 1,000,000), {@code --iterations K} (200), {@code --warmup W} (10,000
 * rounds, but at most {@code --warmup-seconds} (10) per operation), {@code --import-runs N} (100,000),
 * {@code --insert-runs N} (10,000), {@code --import-repeats R} (3), {@code --seconds-per-operation S} (30:
 * slower operations get fewer measured rounds, at least 10), {@code --jdbc-url URL} with {@code --user} and {@code --password}
 * (an existing server; its {@code tracking.training_runs} must be empty, the benchmark migrates the
 * database and loads into it). Without {@code --jdbc-url} an embedded PostgreSQL is started and stopped.
 *
 * <p>What it does:
 * <ol>
 *   <li>Migrates, then loads N synthetic runs ({@link SyntheticRuns}: skewed status and framework)
 *       through the library's CSV import ({@code COPY}), with the secondary indexes dropped during the
 *       load and recreated from their own definitions afterwards; then {@code VACUUM ANALYZE}.</li>
 *   <li>For each selective operation, times the library call and the same SQL over plain JDBC on one
 *       and the same connection, interleaved (library, JDBC, JDBC, library, …) so that drift of
 *       a shared machine hits both sides alike, W warm-up rounds then K measured rounds, and prints
 *       medians. The JDBC side executes exactly the statement the library sent (captured once with a
 *       jOOQ {@link ExecuteListener}: SQL text and bind values, bound with the same JDBC types), in a
 *       fresh {@link PreparedStatement} per call like jOOQ, and reads every column of every row. Both
 *       sides are checked to return the same rows before timing.</li>
 *   <li>Transactions: the JDBC side handles them as the library does, so the ratio compares like
 *       with like. The reads are single statements, which the library runs in autocommit
 *       ({@code Registry.read}); so does JDBC. claimNext writes, so each claim, on both sides, runs in a
 *       transaction that is rolled back (the library joins it without a savepoint), and the same
 *       oldest queued run is claimed every time.</li>
 *   <li>Bulk import: the library's CSV import of M runs against PgJDBC's {@code CopyManager} with
 *       the same bytes and the same COPY statement, and against row-by-row {@code INSERT}s (one
 *       {@code executeUpdate} per row, no batching, one transaction) of a smaller number of runs,
 *       extrapolated linearly to M (per-row cost × M; index depth grows only logarithmically, so this
 *       slightly flatters the inserts). Every import is rolled back, so the table stays at N runs.</li>
 * </ol>
 * It prints; it asserts nothing about time.
 */
public final class TrackingBenchmark {

    /** Of the synthetic runs: the same runs on every machine and in every run of the benchmark. */
    private static final long SEED = 0;

    private TrackingBenchmark() {
    }

    /**
     * Settings of one benchmark run.
     *
     * @param runs runs loaded before measuring
     * @param iterations measured rounds per operation
     * @param warmup unmeasured rounds per operation before
     * @param importRuns runs per bulk import (COPY)
     * @param insertRuns runs inserted row by row
     * @param importRepeats imports per side (median taken)
     * @param secondsPerOperation time budget per operation; slow operations get fewer rounds (at least 10)
     * @param warmupSeconds warm-up time limit per operation (the warm-up ends at W rounds or this, whichever comes first)
     * @param jdbcUrl an existing server's database, or null for an embedded PostgreSQL
     * @param user its user
     * @param password its password
     */
    public record Options(int runs, int iterations, int warmup, int importRuns, int insertRuns, int importRepeats,
            double secondsPerOperation, double warmupSeconds, String jdbcUrl, String user, String password) {

        /** @return the defaults: 1M runs, 200 rounds after 50, 100k imported, 10k inserted */
        public static Options defaults() {
            return new Options(1_000_000, 200, 10_000, 100_000, 10_000, 3, 30, 10, null, null, null);
        }

        /**
         * @param args command line options (see the class comment)
         * @return the options
         */
        public static Options parse(String... args) {
            Map<String, String> given = new HashMap<>();
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value after " + args[i]);
                }
                if (!NAMES.contains(args[i])) {
                    throw new IllegalArgumentException("unknown option " + args[i]);
                }
                given.put(args[i], args[i + 1]);
            }
            Options d = defaults();
            return new Options(
                    count(given, "--runs", d.runs),
                    count(given, "--iterations", d.iterations),
                    given.containsKey("--warmup") ? Integer.parseInt(given.get("--warmup")) : d.warmup,
                    count(given, "--import-runs", d.importRuns),
                    count(given, "--insert-runs", d.insertRuns),
                    count(given, "--import-repeats", d.importRepeats),
                    given.containsKey("--seconds-per-operation") ? Double.parseDouble(given.get("--seconds-per-operation")) : d.secondsPerOperation,
                    given.containsKey("--warmup-seconds") ? Double.parseDouble(given.get("--warmup-seconds")) : d.warmupSeconds,
                    given.getOrDefault("--jdbc-url", d.jdbcUrl),
                    given.getOrDefault("--user", d.user),
                    given.getOrDefault("--password", d.password));
        }

        private static final Set<String> NAMES = Set.of("--runs", "--iterations", "--warmup", "--import-runs", "--insert-runs",
                "--import-repeats", "--seconds-per-operation", "--warmup-seconds", "--jdbc-url", "--user", "--password");

        private static int count(Map<String, String> given, String name, int fallback) {
            return given.containsKey(name) ? count(name, given.get(name)) : fallback;
        }

        private static int count(String name, String value) {
            int n = Integer.parseInt(value.replace("_", "").replace(",", ""));
            if (n < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, got " + value);
            }
            return n;
        }
    }

    /**
     * One operation's medians.
     *
     * @param operation what was measured
     * @param rounds measured rounds
     * @param rows rows the operation returns (for a count: the count)
     * @param libraryMicros the library's median, µs
     * @param jdbcMicros the same SQL over JDBC, same transaction handling, median µs
     */
    public record OperationResult(String operation, int rounds, long rows, double libraryMicros, double jdbcMicros) {
        /** @return library / JDBC (target ≤ 1.10) */
        public double ratio() {
            return libraryMicros / jdbcMicros;
        }
    }

    /**
     * Bulk import medians.
     *
     * @param rows runs per COPY import
     * @param libraryCopyMillis the library's CSV import, median ms
     * @param rawCopyMillis PgJDBC CopyManager with the same bytes, median ms
     * @param insertRows runs inserted row by row
     * @param insertMillis row-by-row inserts of insertRows, median ms
     */
    public record ImportResult(int rows, double libraryCopyMillis, double rawCopyMillis, int insertRows, double insertMillis) {
        /** @return raw COPY time / library time: the library's share of raw COPY throughput (target ≥ 0.8) */
        public double copyRatio() {
            return rawCopyMillis / libraryCopyMillis;
        }

        /** @return row-by-row inserts extrapolated linearly to {@link #rows()}, ms */
        public double extrapolatedInsertMillis() {
            return insertMillis * rows / insertRows;
        }

        /** @return how many times faster the library's import is than extrapolated row-by-row inserts */
        public double speedupOverInserts() {
            return extrapolatedInsertMillis() / libraryCopyMillis;
        }
    }

    /**
     * What a benchmark run measured.
     *
     * @param runs runs in the table while measuring
     * @param server PostgreSQL version
     * @param loadMillis loading the runs (COPY), ms
     * @param indexMillis recreating the indexes and VACUUM ANALYZE, ms
     * @param operations per-operation medians
     * @param imports bulk import medians
     */
    public record Report(long runs, String server, long loadMillis, long indexMillis, List<OperationResult> operations,
            ImportResult imports) {
    }

    /**
     * Runs the benchmark and prints its report to standard output.
     *
     * @param args see the class comment
     */
    public static void main(String[] args) {
        Options options = Options.parse(args);
        PrintStream out = System.out;
        if (options.jdbcUrl() != null) {
            PostgresServer server = PostgresServers.existing(options.jdbcUrl(), options.user(), options.password());
            print(run(server.dataSource(), options, out), options, out);
            return;
        }
        out.println("starting embedded PostgreSQL …");
        try (PostgresServer server = PostgresServers.embedded()) {
            print(run(server.dataSource(), options, out), options, out);
        }
    }

    /**
     * Migrates the database, loads the runs, measures (progress lines go to out).
     *
     * @param dataSource a database whose {@code tracking.training_runs} is empty or not yet created
     * @param options the settings
     * @param out progress
     * @return what was measured
     */
    public static Report run(DataSource dataSource, Options options, PrintStream out) {
        RegistrySchema.configure().dataSource(dataSource).load().migrate();
        try (Connection connection = dataSource.getConnection()) {
            return new Bench(connection, options, out).run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Prints the report's tables.
     *
     * @param report the report
     * @param options the settings it ran with
     * @param out where to print
     */
    public static void print(Report report, Options options, PrintStream out) {
        out.printf(Locale.ROOT, "%nmlregistry TrackingBenchmark: %,d runs, %s, one connection, medians of up to %d rounds after up to %d warm-up rounds (at most %.0f s)%n",
                report.runs(), report.server(), options.iterations(), options.warmup(), options.warmupSeconds());
        out.printf(Locale.ROOT, "load: COPY of %,d runs %,d ms; indexes rebuilt + VACUUM ANALYZE %,d ms%n%n",
                report.runs(), report.loadMillis(), report.indexMillis());
        String line = "%-34s | %17s | %14s | %6s | %6s | %6s%n";
        out.printf(Locale.ROOT, line, "operation", "library median µs", "JDBC median µs", "ratio", "rounds", "rows");
        out.println("-".repeat(34) + "-+-" + "-".repeat(17) + "-+-" + "-".repeat(14) + "-+-" + "-".repeat(6) + "-+-"
                + "-".repeat(6) + "-+-" + "-".repeat(6));
        for (OperationResult r : report.operations()) {
            out.printf(Locale.ROOT, line, r.operation(), fmt(r.libraryMicros()), fmt(r.jdbcMicros()),
                    String.format(Locale.ROOT, "%.2f", r.ratio()), r.rounds(), r.rows());
        }
        long over = report.operations().stream().filter(r -> r.ratio() > 1.10).count();
        out.printf(Locale.ROOT, "target ratio <= 1.10: %d of %d operations within%n%n",
                report.operations().size() - over, report.operations().size());
        ImportResult i = report.imports();
        out.printf(Locale.ROOT, "bulk import of %,d runs into the %,d-run table (each rolled back; median of %d):%n",
                i.rows(), report.runs(), options.importRepeats());
        out.printf(Locale.ROOT, "  library importCsv (COPY)           %,10.0f ms  %,9.0f runs/s%n", i.libraryCopyMillis(),
                i.rows() / i.libraryCopyMillis() * 1000);
        out.printf(Locale.ROOT, "  raw CopyManager COPY               %,10.0f ms  %,9.0f runs/s%n", i.rawCopyMillis(),
                i.rows() / i.rawCopyMillis() * 1000);
        out.printf(Locale.ROOT, "  row-by-row INSERT, %,d runs    %,10.0f ms  %,9.0f runs/s  -> %,d runs extrapolated: %,.0f ms%n",
                i.insertRows(), i.insertMillis(), i.insertRows() / i.insertMillis() * 1000, i.rows(), i.extrapolatedInsertMillis());
        out.printf(Locale.ROOT, "  library COPY / raw COPY throughput ratio: %.2f (target >= 0.8)%n", i.copyRatio());
        out.printf(Locale.ROOT, "  library COPY vs row-by-row INSERT: %.1fx faster (inserts extrapolated linearly from %,d to %,d rows)%n",
                i.speedupOverInserts(), i.insertRows(), i.rows());
    }

    private static String fmt(double micros) {
        return String.format(Locale.ROOT, "%,.1f", micros);
    }

    /** The library side of an operation: runs it once on a registry and returns what it found (run ids, or a count). */
    @FunctionalInterface
    private interface LibraryCall {
        /**
         * @param registry the registry to call
         * @param flat a context whose nested transactions join the outer one (for rolled-back writes)
         */
        List<Object> call(Registry registry, DSLContext flat) throws Exception;
    }

    /** The statement the library sent, captured for the JDBC side. */
    private record Captured(String sql, List<Object> binds) {
    }

    private static final class Bench {
        private final Connection connection;
        private final Options options;
        private final PrintStream out;
        private final DSLContext dsl;
        private final Registry registry;
        /** On the same connection; a nested transaction joins the outer one instead of taking a savepoint. */
        private final DSLContext flat;

        Bench(Connection connection, Options options, PrintStream out) {
            this.connection = connection;
            this.options = options;
            this.out = out;
            this.dsl = DSL.using(connection, SQLDialect.POSTGRES);
            this.registry = Registry.configure().dsl(dsl).load();
            this.flat = DSL.using(flatConfiguration(connection));
        }

        private static Configuration flatConfiguration(Connection connection) {
            return new DefaultConfiguration().set(SQLDialect.POSTGRES)
                    .set(new DefaultConnectionProvider(connection))
                    .set(new DefaultTransactionProvider(new DefaultConnectionProvider(connection), false));
        }

        Report run() throws Exception {
            Runs runs = registry.runs();
            if (dsl.fetchCount(TRAINING_RUNS) != 0) {
                throw new IllegalStateException("tracking.training_runs must be empty: the benchmark drops and recreates its indexes");
            }
            String server = dsl.fetchValue(DSL.field("'PostgreSQL ' || current_setting('server_version')", String.class));

            // ---- load
            out.printf(Locale.ROOT, "loading %,d runs through the library's COPY import …%n", options.runs());
            List<String[]> indexes = dsl.fetch("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'tracking' "
                    + "AND tablename = 'training_runs' AND indexname <> 'training_runs_pkey'")
                    .map(r -> new String[] {r.get(0, String.class), r.get(1, String.class)});
            for (String[] index : indexes) {
                dsl.execute("DROP INDEX {0}", DSL.name("tracking", index[0]));
            }
            OffsetDateTime base = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).minusMinutes(1);
            long t0 = System.nanoTime();
            long loaded = runs.csv().importFrom(SyntheticRuns.of(options.runs(), SEED).newestCreatedAt(base).csvStream(),
                    SyntheticRuns.COLUMNS);
            long t1 = System.nanoTime();
            try (Statement s = connection.createStatement()) {
                s.execute("SET maintenance_work_mem = '256MB'");
                for (String[] index : indexes) {
                    s.execute(index[1]);
                }
                s.execute("RESET maintenance_work_mem");
                s.execute("VACUUM ANALYZE tracking.training_runs");
            }
            long t2 = System.nanoTime();
            out.printf(Locale.ROOT, "loaded %,d runs in %,d ms; %d indexes rebuilt and VACUUM ANALYZE in %,d ms%n",
                    loaded, (t1 - t0) / 1_000_000, indexes.size(), (t2 - t1) / 1_000_000);

            // ---- operations
            UUID someId = dsl.select(TRAINING_RUNS.RUN_ID).from(TRAINING_RUNS).orderBy(TRAINING_RUNS.CREATED_AT)
                    .offset(options.runs() / 3).limit(1).fetchSingle().value1();
            String page2 = runs.search().pageSize(50).fetchPage().nextToken().orElseThrow();
            String page3 = runs.search().pageSize(50).after(page2).fetchPage().nextToken().orElse(page2);
            // the compute target with the most queued runs
            String target = dsl.select(TRAINING_RUNS.COMPUTE_TARGET).from(TRAINING_RUNS)
                    .where(TRAINING_RUNS.STATUS.eq(RunStatus.QUEUED))
                    .groupBy(TRAINING_RUNS.COMPUTE_TARGET).orderBy(DSL.count().desc(), TRAINING_RUNS.COMPUTE_TARGET).limit(1)
                    .fetchOptional(TRAINING_RUNS.COMPUTE_TARGET).orElse("target-0");
            List<OperationResult> results = new ArrayList<>();
            // rolled back: the claimed run is queued again
            results.add(measure("claimNext (rolled back)", true, (r, flat) -> RolledBackTransaction.run(flat, c -> {
                List<Object> claimed = new ArrayList<>();
                Registry.configure().dsl(c).load().runs().claimNext(target)
                        .ifPresent(run -> claimed.add(run.runId().toString()));
                return claimed;
            })));
            results.add(measure("get by id", false, (r, flat) -> List.of(r.runs().get(someId).runId().toString())));
            results.add(measure("active jobs (page of 50)", false,
                    (r, flat) -> ids(r.runs().where(status().in(RunStatus.QUEUED, RunStatus.RUNNING)).pageSize(50).fetchPage())));
            results.add(measure("recent failures 7d (page of 50)", false,
                    (r, flat) -> ids(r.runs().where(status().eq(RunStatus.FAILED).and(createdWithin(Duration.ofDays(7))))
                            .pageSize(50).fetchPage())));
            results.add(measure("top-3 accuracy per framework", false, (r, flat) -> r.analytics().topN(TRAINING_RUNS)
                    .where(TRAINING_RUNS.STATUS.eq(RunStatus.SUCCEEDED).and(TRAINING_RUNS.ACCURACY.isNotNull()))
                    .perGroup(TRAINING_RUNS.FRAMEWORK)
                    .orderBy(TRAINING_RUNS.ACCURACY.desc(), TRAINING_RUNS.RUN_ID)
                    .limit(3)
                    .fetch().stream().<Object>map(t -> t.row().getRunId().toString()).toList()));
            results.add(measure("params @> lora_r 8 (page of 50)", false,
                    (r, flat) -> ids(r.runs().where(paramsContain("{\"lora_r\": 8}")).pageSize(50).fetchPage())));
            results.add(measure("keyset page 3 (50, newest first)", false,
                    (r, flat) -> ids(r.runs().search().pageSize(50).after(page3).fetchPage())));
            results.add(measure("count failed 30d", false,
                    (r, flat) -> List.of(r.runs().where(status().eq(RunStatus.FAILED).and(createdWithin(Duration.ofDays(30)))).count())));

            // ---- bulk import
            ImportResult imports = imports(base);
            return new Report(options.runs(), server, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, results, imports);
        }

        private static List<Object> ids(Page page) {
            return page.runs().stream().map(Run::runId).map(UUID::toString).collect(Collectors.toList());
        }

        /** Runs the library call once on contexts with a listener that records the statement it executes. */
        private Captured capture(LibraryCall library) throws Exception {
            List<Captured> statements = new ArrayList<>();
            ExecuteListener listener = new ExecuteListener() {
                @Override
                public void executeStart(ExecuteContext ctx) {
                    statements.add(new Captured(ctx.sql(), ctx.query() == null ? List.of() : ctx.query().getBindValues()));
                }
            };
            Registry capturing = Registry.configure().configuration(dsl.configuration().deriveAppending(listener)).load();
            library.call(capturing, DSL.using(flat.configuration().deriveAppending(listener)));
            if (statements.size() != 1) {
                throw new IllegalStateException("expected one statement, the library sent " + statements.size() + ": " + statements);
            }
            return statements.get(0);
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
                Object v = values.get(i);
                int p = i + 1;
                if (v instanceof EnumType e) {
                    ps.setString(p, e.getLiteral());
                } else if (v instanceof JSONB j) {
                    ps.setString(p, j.data());
                } else if (v instanceof String s) {
                    ps.setString(p, s);
                } else if (v instanceof UUID u) {
                    ps.setObject(p, u);
                } else if (v instanceof Long l) {
                    ps.setLong(p, l);
                } else if (v instanceof Integer n) {
                    ps.setInt(p, n);
                } else if (v instanceof BigDecimal d) {
                    ps.setBigDecimal(p, d);
                } else if (v instanceof OffsetDateTime t) {
                    ps.setString(p, t.toString());
                } else {
                    throw new IllegalStateException("no JDBC binding for bind value " + v + " (" + (v == null ? null : v.getClass()) + ")");
                }
            }
        }

        private OperationResult measure(String name, boolean write, LibraryCall library) throws Exception {
            Captured statement = capture(library);
            List<Object> expected = library.call(registry, flat);
            List<Object> viaJdbc = jdbc(statement, write);
            // a page reads one row beyond its size, to know whether another page follows
            boolean same = expected.equals(viaJdbc) || viaJdbc.size() == expected.size() + 1
                    && viaJdbc.subList(0, expected.size()).equals(expected);
            if (!same) {
                throw new IllegalStateException(name + ": JDBC found " + viaJdbc + " but the library " + expected);
            }
            // warm-up: until the JIT has compiled both sides' paths (W rounds), but at most the warm-up time
            long warmStart = System.nanoTime();
            long warmLimit = warmStart + (long) (options.warmupSeconds() * 1e9);
            int warmed = 0;
            while (warmed < options.warmup() && (warmed < 3 || System.nanoTime() < warmLimit)) {
                library.call(registry, flat);
                jdbc(statement, write);
                warmed++;
            }
            double perRound = warmed == 0 ? 0 : (System.nanoTime() - warmStart) / 1e9 / warmed;
            int rounds = options.iterations();
            if (perRound > 0 && perRound * rounds > options.secondsPerOperation()) {
                rounds = Math.max(Math.min(10, rounds), (int) (options.secondsPerOperation() / perRound));
            }
            long[] lib = new long[rounds];
            long[] jd = new long[rounds];
            for (int i = 0; i < rounds; i++) {
                // alternate the order so that neither side always runs first
                if (i % 2 == 0) {
                    lib[i] = timeLibrary(library);
                    jd[i] = timeJdbc(statement, write);
                } else {
                    jd[i] = timeJdbc(statement, write);
                    lib[i] = timeLibrary(library);
                }
            }
            OperationResult result = new OperationResult(name, rounds, rowsOf(expected), median(lib) / 1e3, median(jd) / 1e3);
            out.printf(Locale.ROOT, "  %-34s library %,10.1f µs  JDBC %,10.1f µs  ratio %.2f%n", name, result.libraryMicros(),
                    result.jdbcMicros(), result.ratio());
            return result;
        }

        private static long rowsOf(List<Object> found) {
            return found.size() == 1 && found.get(0) instanceof Long count ? count : found.size();
        }

        private long timeLibrary(LibraryCall library) throws Exception {
            long start = System.nanoTime();
            library.call(registry, flat);
            return System.nanoTime() - start;
        }

        private long timeJdbc(Captured statement, boolean write) throws SQLException {
            long start = System.nanoTime();
            jdbc(statement, write);
            return System.nanoTime() - start;
        }

        private static double median(long[] values) {
            long[] sorted = values.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        }

        // ------------------------------------------------------------ bulk import

        private ImportResult imports(OffsetDateTime base) throws Exception {
            out.printf(Locale.ROOT, "bulk import: %,d runs by COPY (library, raw), %,d row by row; %d times each …%n",
                    options.importRuns(), options.insertRuns(), options.importRepeats());
            // other experiment names than the loaded runs: no clash on (model, experiment, dataset, day)
            byte[] csv = SyntheticRuns.of(options.importRuns(), SEED).experimentPrefix("imp-").newestCreatedAt(base).csv();
            SyntheticRuns inserted = SyntheticRuns.of(options.insertRuns(), SEED).experimentPrefix("ins-").newestCreatedAt(base);
            int repeats = options.importRepeats();
            long[] library = new long[repeats];
            long[] raw = new long[repeats];
            long[] rows = new long[repeats];
            for (int i = 0; i < repeats; i++) {
                library[i] = timeLibraryImport(csv);
                vacuum();
                raw[i] = timeRawCopy(csv);
                vacuum();
                rows[i] = timeInserts(inserted);
                vacuum();
            }
            return new ImportResult(options.importRuns(), median(library) / 1e6, median(raw) / 1e6, options.insertRuns(),
                    median(rows) / 1e6);
        }

        private void vacuum() throws SQLException {
            try (Statement s = connection.createStatement()) {
                s.execute("VACUUM tracking.training_runs");
            }
        }

        /** Rolled back: the table stays at N runs. */
        private long timeLibraryImport(byte[] csv) {
            return RolledBackTransaction.run(flat, c -> {
                long start = System.nanoTime();
                long n = Registry.configure().dsl(c).load().runs()
                        .csv().importFrom(new ByteArrayInputStream(csv), SyntheticRuns.COLUMNS);
                long elapsed = System.nanoTime() - start;
                check(n, options.importRuns());
                return elapsed;
            });
        }

        private long timeRawCopy(byte[] csv) throws Exception {
            String copy = "COPY tracking.training_runs (" + String.join(", ", SyntheticRuns.COLUMNS)
                    + ") FROM STDIN WITH (FORMAT csv, HEADER true)";
            connection.setAutoCommit(false);
            try {
                long start = System.nanoTime();
                long n = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, new ByteArrayInputStream(csv));
                long elapsed = System.nanoTime() - start;
                check(n, options.importRuns());
                return elapsed;
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }

        private long timeInserts(SyntheticRuns runs) throws SQLException {
            String insert = "INSERT INTO tracking.training_runs (" + String.join(", ", SyntheticRuns.COLUMNS)
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?::numeric, ?::numeric, ?::jsonb, ?::timestamptz, ?::timestamptz, ?::timestamptz)";
            connection.setAutoCommit(false);
            try (PreparedStatement ps = connection.prepareStatement(insert)) {
                long start = System.nanoTime();
                for (int i = 0; i < options.insertRuns(); i++) {
                    String[] values = runs.values(i);
                    for (int c = 0; c < values.length; c++) {
                        ps.setString(c + 1, values[c]);
                    }
                    check(ps.executeUpdate(), 1);
                }
                return System.nanoTime() - start;
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }

        private static void check(long actual, long expected) {
            if (actual != expected) {
                throw new IllegalStateException("expected " + expected + " rows, got " + actual);
            }
        }
    }
}
