package org.mlregistry.examples.bench;

import static org.mlregistry.core.tracking.RunFilter.createdWithin;
import static org.mlregistry.core.tracking.RunFilter.paramsContain;
import static org.mlregistry.core.tracking.RunFilter.status;
import static org.mlregistry.schema.jooq.tracking.tables.TrainingRuns.TRAINING_RUNS;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.jooq.impl.DSL;
import org.mlregistry.core.Registry;
import org.mlregistry.core.tracking.Page;
import org.mlregistry.core.tracking.Run;
import org.mlregistry.core.tracking.Runs;
import org.mlregistry.schema.types.RunStatus;
import org.mlregistry.testing.SyntheticRuns;

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
     * @param workers concurrent workers of the claim + finish throughput (one connection each)
     * @param claimRuns runs queued per throughput round
     * @param claimRounds throughput rounds per side
     * @param registryRounds rounds of the registry operations (register, deploy, promote)
     */
    public record Options(int runs, int iterations, int warmup, int importRuns, int insertRuns, int importRepeats,
            double secondsPerOperation, double warmupSeconds, String jdbcUrl, String user, String password,
            int workers, int claimRuns, int claimRounds, int registryRounds) {

        /** @return the defaults: 1M runs, 200 rounds after 50, 100k imported, 10k inserted, 8 workers claiming 4,000 runs 5 times (after a warm-up round) */
        public static Options defaults() {
            return new Options(1_000_000, 200, 10_000, 100_000, 10_000, 3, 30, 10, null, null, null, 8, 4_000, 5, 50);
        }

        /**
         * @param args command line options (see the class comment)
         * @return the options
         */
        public static Options parse(String... args) {
            BenchOptions given = BenchOptions.parse(NAMES, args);
            Options d = defaults();
            return new Options(
                    given.count("--runs", d.runs),
                    given.count("--iterations", d.iterations),
                    given.integer("--warmup", d.warmup),
                    given.count("--import-runs", d.importRuns),
                    given.count("--insert-runs", d.insertRuns),
                    given.count("--import-repeats", d.importRepeats),
                    given.decimal("--seconds-per-operation", d.secondsPerOperation),
                    given.decimal("--warmup-seconds", d.warmupSeconds),
                    given.text("--jdbc-url", d.jdbcUrl),
                    given.text("--user", d.user),
                    given.text("--password", d.password),
                    given.count("--workers", d.workers),
                    given.count("--claim-runs", d.claimRuns),
                    given.count("--claim-rounds", d.claimRounds),
                    given.count("--registry-rounds", d.registryRounds));
        }

        private static final Set<String> NAMES = Set.of("--runs", "--iterations", "--warmup", "--import-runs", "--insert-runs",
                "--import-repeats", "--seconds-per-operation", "--warmup-seconds", "--jdbc-url", "--user", "--password",
                "--workers", "--claim-runs", "--claim-rounds", "--registry-rounds");
    }

    /**
     * One operation's medians.
     *
     * @param operation what was measured
     * @param rounds measured rounds
     * @param rows rows the operation returns (for a count: the count)
     * @param libraryMicros the library's median, µs
     * @param jdbcMicros the same SQL over JDBC, same transaction handling, median µs
     * @param statementsAndRoundTrips what one library call sent, "statements/round trips"
     */
    public record OperationResult(String operation, int rounds, long rows, double libraryMicros, double jdbcMicros,
            String statementsAndRoundTrips) {
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
     * @param claims the workers' claim + finish throughput, library against JDBC
     * @param registryOperations register, deploy, promote: medians and round trips
     */
    public record Report(long runs, String server, long loadMillis, long indexMillis, List<OperationResult> operations,
            ImportResult imports, ClaimThroughput.Result claims, List<RegistryOperations.Result> registryOperations) {
    }

    /**
     * Runs the benchmark and prints its report to standard output.
     *
     * @param args see the class comment
     */
    public static void main(String[] args) {
        Options options = Options.parse(args);
        PrintStream out = System.out;
        BenchDatabase.withServer(options.jdbcUrl(), options.user(), options.password(), out,
                dataSource -> print(run(dataSource, options, out), options, out));
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
        return BenchDatabase.onMigratedConnection(dataSource, connection -> new Bench(connection, dataSource, options, out).run());
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
        LibraryVsJdbc.print(report.operations(), out);
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
        ClaimThroughput.Result c = report.claims();
        out.printf(Locale.ROOT, "%n%d workers (one connection each) claim + succeed, %,d runs per round, median of %d rounds per side (interleaved):%n",
                c.workers(), c.runsPerRound(), c.rounds());
        out.printf(Locale.ROOT, "  library %,.0f claims/s, plain JDBC (same 2 statements, autocommit) %,.0f claims/s, ratio %.2f (target >= 0.9)%n",
                c.libraryPerSecond(), c.jdbcPerSecond(), c.ratio());
        out.printf(Locale.ROOT, "  library with the timeouts left to the role (nothing sent in front) %,.0f claims/s, ratio %.2f%n",
                c.roleTimeoutsPerSecond(), c.roleTimeoutsRatio());
        out.printf(Locale.ROOT, "%nregistry operations (committed, one connection, median of %d):%n", options.registryRounds());
        out.printf(Locale.ROOT, "%-20s | %12s | %9s%n", "operation", "median µs", "stmts/RT");
        for (RegistryOperations.Result r : report.registryOperations()) {
            out.printf(Locale.ROOT, "%-20s | %12s | %9s%n", r.operation(), String.format(Locale.ROOT, "%,.1f", r.medianMicros()), r.sent());
        }
    }

    private static final class Bench {
        private final Connection connection;
        private final DataSource dataSource;
        private final Options options;
        private final PrintStream out;
        private final LibraryVsJdbc timer;
        private final DSLContext dsl;
        private final Registry registry;

        Bench(Connection connection, DataSource dataSource, Options options, PrintStream out) {
            this.connection = connection;
            this.dataSource = dataSource;
            this.options = options;
            this.out = out;
            this.timer = new LibraryVsJdbc(connection, new LibraryVsJdbc.Rounds(options.iterations(), options.warmup(),
                    options.warmupSeconds(), options.secondsPerOperation()), out);
            this.dsl = timer.dsl();
            this.registry = timer.registry();
        }

        Report run() throws Exception {
            Runs runs = registry.runs();
            if (dsl.fetchCount(TRAINING_RUNS) != 0) {
                throw new IllegalStateException("tracking.training_runs must be empty: the benchmark drops and recreates its indexes");
            }
            String server = dsl.fetchValue(DSL.field("'PostgreSQL ' || current_setting('server_version')", String.class));

            // ---- load
            out.printf(Locale.ROOT, "loading %,d runs through the library's COPY import …%n", options.runs());
            OffsetDateTime base = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).minusMinutes(1);
            RunLoad.Loaded loaded = RunLoad.load(connection, dsl, registry, options.runs(), base);
            out.printf(Locale.ROOT, "loaded %,d runs in %,d ms; %d indexes rebuilt and VACUUM ANALYZE in %,d ms%n",
                    loaded.loaded(), loaded.loadMillis(), loaded.indexCount(), loaded.indexMillis());

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
            results.add(measure("claimNext (rolled back)", true, (r, joining) -> rolledBack(joining,
                    () -> joining.runs().claimNext(target).map(run -> List.<Object>of(run.runId().toString())).orElse(List.of()))));
            results.add(measure("get by id", false, (r, joining) -> List.of(r.runs().get(someId).runId().toString())));
            results.add(measure("active jobs (page of 50)", false,
                    (r, joining) -> ids(r.runs().where(status().in(RunStatus.QUEUED, RunStatus.RUNNING)).pageSize(50).fetchPage())));
            results.add(measure("recent failures 7d (page of 50)", false,
                    (r, joining) -> ids(r.runs().where(status().eq(RunStatus.FAILED).and(createdWithin(Duration.ofDays(7))))
                            .pageSize(50).fetchPage())));
            results.add(measure("top-3 accuracy per framework", false, (r, joining) -> r.analytics().topN(TRAINING_RUNS)
                    .where(TRAINING_RUNS.STATUS.eq(RunStatus.SUCCEEDED).and(TRAINING_RUNS.ACCURACY.isNotNull()))
                    .perGroup(TRAINING_RUNS.FRAMEWORK)
                    .orderBy(TRAINING_RUNS.ACCURACY.desc(), TRAINING_RUNS.RUN_ID)
                    .limit(3)
                    .fetch().stream().<Object>map(t -> t.row().getRunId().toString()).toList()));
            results.add(measure("params @> lora_r 8 (page of 50)", false,
                    (r, joining) -> ids(r.runs().where(paramsContain("{\"lora_r\": 8}")).pageSize(50).fetchPage())));
            results.add(measure("keyset page 3 (50, newest first)", false,
                    (r, joining) -> ids(r.runs().search().pageSize(50).after(page3).fetchPage())));
            results.add(measure("count failed 30d", false,
                    (r, joining) -> List.of(r.runs().where(status().eq(RunStatus.FAILED).and(createdWithin(Duration.ofDays(30)))).count())));

            // ---- bulk import
            ImportResult imports = new ImportComparison(connection, options, out).measure(base);

            // ---- workers and registry writes
            out.printf(Locale.ROOT, "claim + succeed throughput: %d workers, %,d runs per round …%n", options.workers(), options.claimRuns());
            ClaimThroughput.Result claims = ClaimThroughput.measure(dataSource, registry, options.workers(), options.claimRuns(),
                    options.claimRounds(), out);
            out.printf(Locale.ROOT, "registry operations: %d rounds …%n", options.registryRounds());
            List<RegistryOperations.Result> registryOps = RegistryOperations.measure(dataSource, options.registryRounds(), out);
            return new Report(options.runs(), server, loaded.loadMillis(), loaded.indexMillis(), results, imports, claims, registryOps);
        }

        /**
         * Runs a call in a transaction on the joining registry's connection and rolls it back, as the
         * JDBC side runs its statement: the library joins the transaction, as in a service whose
         * framework manages transactions.
         */
        private static List<Object> rolledBack(Registry joining, Supplier<List<Object>> call) {
            return joining.dsl().connectionResult(c -> {
                c.setAutoCommit(false);
                try {
                    return call.get();
                } finally {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            });
        }

        private static List<Object> ids(Page page) {
            return page.runs().stream().map(Run::runId).map(UUID::toString).collect(Collectors.toList());
        }

        private OperationResult measure(String name, boolean write, LibraryVsJdbc.LibraryCall library) throws Exception {
            return timer.measure(name, write, library);
        }
    }
}
