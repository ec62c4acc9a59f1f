package org.mlregistry.examples.bench;

import static org.mlregistry.core.tracking.RunFilter.metric;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.mlregistry.core.tracking.MetricPoint;
import org.mlregistry.core.tracking.Page;
import org.mlregistry.core.tracking.Run;
import org.mlregistry.core.tracking.RunFilter;
import org.mlregistry.core.tracking.RunMetrics;
import org.mlregistry.core.tracking.RunOrder;
import org.mlregistry.core.tracking.RunSearch;
import org.mlregistry.core.tracking.Runs;
import org.mlregistry.core.tracking.SortKey;
import org.mlregistry.examples.bench.TrackingBenchmark.OperationResult;
import org.postgresql.PGConnection;

/**
 * Benchmark of metric history against plain JDBC (issue 11, "Speed").
 *
 * <pre>
 * ./mvnw -q package -DskipTests exec:java -Dexec.mainClass=org.mlregistry.examples.bench.MetricBenchmark -Dexec.args="--points 10000000"
 * </pre>
 *
 * Options: {@code --runs N} runs loaded (1,000,000), {@code --points P} points per ingest (10,000,000)
 * spread over {@code --ingest-runs R} runs (1,000) × {@code --metrics M} metrics (10) × P/(R·M) steps,
 * {@code --ingest-repeats K} (3), {@code --logall-points L} (1,000,000), {@code --history-points H}
 * points of the downsampled run (1,000,000), {@code --below X} the search threshold (0.01: about 1% of
 * runs), and as in {@link TrackingBenchmark}: {@code --iterations}, {@code --warmup},
 * {@code --warmup-seconds}, {@code --seconds-per-operation}, {@code --jdbc-url} with {@code --user}
 * and {@code --password} (its {@code tracking.training_runs} must be empty).
 *
 * <p>What it does:
 * <ol>
 *   <li>Loads N synthetic runs as {@link TrackingBenchmark} does.</li>
 *   <li>Ingest, K rounds, the order of the sides alternating, the history emptied ({@code TRUNCATE})
 *       and the ingest metrics' latest rows deleted before each side: the library's
 *       {@link RunMetrics#copy} of the P points (checks every point, COPY in chunks of 10,000, each
 *       chunk's partitions and runs checked first, then upserts R·M rows of
 *       {@code run_metric_latest}, one transaction) against one raw PgJDBC {@code CopyManager} COPY of
 *       the same rows as text into {@code metric_points} (no checks, no latest table, partitions
 *       created beforehand). Both sides generate their rows while sending, with the same generator.
 *       Then {@link RunMetrics#logAll} of L points in batches of 1,000 (one round).</li>
 *   <li>Reads, timed against the same SQL over JDBC as in {@link TrackingBenchmark} (interleaved
 *       rounds, medians): {@code downsample(run, metric, 200)} of a run with H points (written by
 *       {@code copy}, beside the last ingest's P points); and, with a {@code val_loss} latest value for
 *       every run (uniform in [0, 1), written by SQL), {@code metric("val_loss").lt(X)} pages.</li>
 * </ol>
 * It prints; it asserts nothing about time.
 */
public final class MetricBenchmark {

    private static final String INGEST_PREFIX = "ingest_";
    private static final String HISTORY_METRIC = "val_curve";
    private static final int BATCH = 1_000;

    private MetricBenchmark() {
    }

    /**
     * Settings of one benchmark run.
     *
     * @param runs runs loaded
     * @param points points per ingest
     * @param ingestRuns runs the ingested points belong to
     * @param metrics metrics per ingest run
     * @param ingestRepeats ingest rounds per side (median taken)
     * @param logAllPoints points written by logAll in batches of 1,000
     * @param historyPoints points of the downsampled run
     * @param below the val_loss search threshold
     * @param iterations measured rounds per read
     * @param warmup warm-up rounds per read at most
     * @param warmupSeconds warm-up time per read at most
     * @param secondsPerOperation time budget per read; slow reads get fewer rounds (at least 10)
     * @param jdbcUrl an existing server's database, or null for an embedded PostgreSQL
     * @param user its user
     * @param password its password
     */
    public record Options(int runs, int points, int ingestRuns, int metrics, int ingestRepeats, int logAllPoints,
            int historyPoints, double below, int iterations, int warmup, double warmupSeconds, double secondsPerOperation,
            String jdbcUrl, String user, String password) {

        /** @return the defaults: 1M runs, 10M points ingested (1,000 runs × 10 metrics), a 1M-point history */
        public static Options defaults() {
            return new Options(1_000_000, 10_000_000, 1_000, 10, 3, 1_000_000, 1_000_000, 0.01, 200, 10_000, 10, 30,
                    null, null, null);
        }

        /**
         * @param args command line options (see the class comment)
         * @return the options
         */
        public static Options parse(String... args) {
            BenchOptions given = BenchOptions.parse(NAMES, args);
            Options d = defaults();
            return new Options(given.count("--runs", d.runs), given.count("--points", d.points),
                    given.count("--ingest-runs", d.ingestRuns), given.count("--metrics", d.metrics),
                    given.count("--ingest-repeats", d.ingestRepeats), given.count("--logall-points", d.logAllPoints),
                    given.count("--history-points", d.historyPoints), given.decimal("--below", d.below),
                    given.count("--iterations", d.iterations), given.integer("--warmup", d.warmup),
                    given.decimal("--warmup-seconds", d.warmupSeconds),
                    given.decimal("--seconds-per-operation", d.secondsPerOperation),
                    given.text("--jdbc-url", d.jdbcUrl), given.text("--user", d.user), given.text("--password", d.password));
        }

        private static final Set<String> NAMES = Set.of("--runs", "--points", "--ingest-runs", "--metrics",
                "--ingest-repeats", "--logall-points", "--history-points", "--below", "--iterations", "--warmup",
                "--warmup-seconds", "--seconds-per-operation", "--jdbc-url", "--user", "--password");
    }

    /**
     * Ingest medians.
     *
     * @param points points per ingest
     * @param latestRows run_metric_latest rows the library's copy left for the ingest metrics (runs × metrics)
     * @param libraryCopyMillis {@link RunMetrics#copy}, median ms
     * @param rawCopyMillis raw CopyManager COPY of the same rows, median ms
     * @param logAllPoints points written by logAll
     * @param logAllMillis logAll in batches of 1,000, ms
     */
    public record IngestResult(long points, long latestRows, double libraryCopyMillis, double rawCopyMillis,
            long logAllPoints, double logAllMillis) {
        /** @return raw COPY time / library time: the library's share of raw COPY throughput (target ≥ 0.8) */
        public double copyRatio() {
            return rawCopyMillis / libraryCopyMillis;
        }
    }

    /**
     * What a benchmark run measured.
     *
     * @param runs runs in the table
     * @param server PostgreSQL version
     * @param loadMillis loading the runs, ms
     * @param historyPoints points of the downsampled run
     * @param ingest ingest medians
     * @param operations read medians
     */
    public record Report(long runs, String server, long loadMillis, long historyPoints, IngestResult ingest,
            List<OperationResult> operations) {
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
     * Migrates the database, loads runs and points, measures (progress lines go to out).
     *
     * @param dataSource a database whose {@code tracking.training_runs} is empty or not yet created
     * @param options the settings
     * @param out progress
     * @return what was measured
     */
    public static Report run(DataSource dataSource, Options options, PrintStream out) {
        return BenchDatabase.onMigratedConnection(dataSource, connection -> new Bench(connection, options, out).run());
    }

    /**
     * Prints the report's tables.
     *
     * @param report the report
     * @param options the settings it ran with
     * @param out where to print
     */
    public static void print(Report report, Options options, PrintStream out) {
        IngestResult i = report.ingest();
        long steps = i.points() / ((long) options.ingestRuns() * options.metrics());
        out.printf(Locale.ROOT, "%nmlregistry MetricBenchmark: %,d runs, %s, one connection%n", report.runs(), report.server());
        out.printf(Locale.ROOT, "ingest of %,d points (%,d runs x %d metrics x %,d steps), median of %d rounds per side:%n",
                i.points(), options.ingestRuns(), options.metrics(), steps, options.ingestRepeats());
        String line = "%-58s | %10s | %12s%n";
        out.printf(Locale.ROOT, line, "ingest path", "ms", "points/s");
        out.println("-".repeat(58) + "-+-" + "-".repeat(10) + "-+-" + "-".repeat(12));
        out.printf(Locale.ROOT, line, "library copy(Stream): checks, COPY, latest upsert", millis(i.libraryCopyMillis()),
                rate(i.points(), i.libraryCopyMillis()));
        out.printf(Locale.ROOT, line, "raw CopyManager COPY: points only", millis(i.rawCopyMillis()),
                rate(i.points(), i.rawCopyMillis()));
        out.printf(Locale.ROOT, line, String.format(Locale.ROOT, "library logAll, batches of 1,000 (%,d points, once)", i.logAllPoints()),
                millis(i.logAllMillis()), rate(i.logAllPoints(), i.logAllMillis()));
        out.printf(Locale.ROOT, "library copy / raw COPY throughput ratio: %.2f (target >= 0.8); latest rows upserted: %,d%n%n",
                i.copyRatio(), i.latestRows());
        out.printf(Locale.ROOT, "reads (downsampled run: %,d points; val_loss latest for all %,d runs; "
                + "medians of up to %d rounds after up to %d warm-up rounds, at most %.0f s):%n",
                report.historyPoints(), report.runs(), options.iterations(), options.warmup(), options.warmupSeconds());
        LibraryVsJdbc.print(report.operations(), out);
    }

    private static String millis(double ms) {
        return String.format(Locale.ROOT, "%,.0f", ms);
    }

    private static String rate(long points, double ms) {
        return String.format(Locale.ROOT, "%,.0f", points / ms * 1000);
    }

    private static final class Bench {
        private final Connection connection;
        private final Options options;
        private final PrintStream out;
        private final LibraryVsJdbc timer;
        private final DSLContext dsl;
        private final RunMetrics metrics;

        Bench(Connection connection, Options options, PrintStream out) {
            this.connection = connection;
            this.options = options;
            this.out = out;
            this.timer = new LibraryVsJdbc(connection, new LibraryVsJdbc.Rounds(options.iterations(), options.warmup(),
                    options.warmupSeconds(), options.secondsPerOperation()), out);
            this.dsl = timer.dsl();
            this.metrics = timer.registry().runs().metrics();
        }

        Report run() throws Exception {
            if (dsl.fetchCount(DSL.table("tracking.training_runs")) != 0) {
                throw new IllegalStateException("tracking.training_runs must be empty: the benchmark drops and recreates its indexes");
            }
            String server = dsl.fetchValue(DSL.field("'PostgreSQL ' || current_setting('server_version')", String.class));
            OffsetDateTime base = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).minusMinutes(1);
            out.printf(Locale.ROOT, "loading %,d runs …%n", options.runs());
            RunLoad.Loaded loaded = RunLoad.load(connection, dsl, timer.registry(), options.runs(), base);
            out.printf(Locale.ROOT, "loaded %,d runs in %,d ms (+ %,d ms indexes)%n", loaded.loaded(), loaded.loadMillis(),
                    loaded.indexMillis());
            List<UUID> ids = dsl.fetch("SELECT run_id FROM tracking.training_runs ORDER BY run_id LIMIT ?",
                    options.ingestRuns() + 1).getValues(0, UUID.class);
            if (ids.size() <= options.ingestRuns()) {
                throw new IllegalStateException("--ingest-runs must be below --runs");
            }
            // points logged over the last days, so that the ingest and the history hit live partitions
            OffsetDateTime start = base.minusDays(30);
            IngestResult ingest = ingest(ids.subList(0, options.ingestRuns()), start);
            UUID historyRun = ids.get(options.ingestRuns());
            List<OperationResult> reads = reads(historyRun, start);
            return new Report(options.runs(), server, loaded.loadMillis(), options.historyPoints(), ingest, reads);
        }

        private IngestResult ingest(List<UUID> runs, OffsetDateTime start) throws Exception {
            SyntheticPoints points = new SyntheticPoints(runs, options.metrics(), options.points(), start, INGEST_PREFIX);
            metrics.partitions().ensure(start, start.plusSeconds(points.lastStep() + 1));
            SyntheticPoints batched = new SyntheticPoints(runs, options.metrics(), options.logAllPoints(), start, INGEST_PREFIX);
            metrics.partitions().ensure(start, start.plusSeconds(batched.lastStep() + 1));
            out.printf(Locale.ROOT, "ingest: logAll of %,d points in batches of %,d …%n", batched.count(), BATCH);
            reset();
            long logAll = timeLogAll(batched);
            int repeats = options.ingestRepeats();
            long[] library = new long[repeats];
            long[] raw = new long[repeats];
            long latestRows = 0;
            for (int i = 0; i < repeats; i++) {
                out.printf(Locale.ROOT, "ingest round %d of %d: %,d points, library copy and raw COPY …%n", i + 1, repeats,
                        points.count());
                // alternate the order; the library's side ends the last round so that its data stays for the reads
                if (i % 2 == (repeats - 1) % 2) {
                    raw[i] = timeRawCopy(points);
                    library[i] = timeLibraryCopy(points);
                } else {
                    library[i] = timeLibraryCopy(points);
                    latestRows = latestRows();
                    raw[i] = timeRawCopy(points);
                }
                out.printf(Locale.ROOT, "  library %,d ms, raw %,d ms%n", library[i] / 1_000_000, raw[i] / 1_000_000);
            }
            latestRows = latestRows();
            return new IngestResult(points.count(), latestRows, LibraryVsJdbc.median(library) / 1e6,
                    LibraryVsJdbc.median(raw) / 1e6, batched.count(), logAll / 1e6);
        }

        /** Empties the history and the ingest metrics' latest rows; the next side starts alike. */
        private void reset() throws SQLException {
            try (Statement s = connection.createStatement()) {
                s.execute("TRUNCATE tracking.metric_points");
                s.execute("DELETE FROM tracking.run_metric_latest WHERE metric LIKE '" + INGEST_PREFIX + "%'");
                s.execute("VACUUM tracking.run_metric_latest");
            }
        }

        private long latestRows() {
            return dsl.fetchCount(DSL.table("tracking.run_metric_latest"), DSL.field("metric").like(INGEST_PREFIX + "%"));
        }

        private long timeLibraryCopy(SyntheticPoints points) throws SQLException {
            reset();
            long start = System.nanoTime();
            long n = metrics.copy(points.stream());
            long elapsed = System.nanoTime() - start;
            check(n, points.count());
            return elapsed;
        }

        private long timeRawCopy(SyntheticPoints points) throws Exception {
            reset();
            String copy = "COPY tracking.metric_points (run_id, metric, step, logged_at, value) FROM STDIN";
            connection.setAutoCommit(false);
            try {
                long start = System.nanoTime();
                long n = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, points.copyText());
                connection.commit();
                long elapsed = System.nanoTime() - start;
                check(n, points.count());
                return elapsed;
            } finally {
                connection.setAutoCommit(true);
            }
        }

        private long timeLogAll(SyntheticPoints points) {
            long start = System.nanoTime();
            long written = 0;
            List<MetricPoint> batch = new ArrayList<>(BATCH);
            for (long i = 0; i < points.count(); i++) {
                batch.add(points.point(i));
                if (batch.size() == BATCH || i == points.count() - 1) {
                    written += metrics.logAll(batch);
                    batch.clear();
                }
            }
            long elapsed = System.nanoTime() - start;
            check(written, points.count());
            return elapsed;
        }

        private List<OperationResult> reads(UUID historyRun, OffsetDateTime start) throws Exception {
            out.printf(Locale.ROOT, "writing a %,d-point history and a val_loss latest value for every run …%n",
                    options.historyPoints());
            SyntheticPoints history = new SyntheticPoints(List.of(historyRun), 1, options.historyPoints(), start, HISTORY_METRIC);
            check(metrics.copy(history.stream().map(p -> new MetricPoint(p.runId(), HISTORY_METRIC, p.step(),
                    p.loggedAt(), p.value()))), history.count());
            try (Statement s = connection.createStatement()) {
                // uniform in [0, 1) by the run's id: the same values at every load
                s.execute("INSERT INTO tracking.run_metric_latest (run_id, metric, step, value, logged_at) "
                        + "SELECT run_id, 'val_loss', 100, ('x' || substr(md5(run_id::text), 1, 8))::bit(32)::bigint / 4294967296.0, "
                        + "created_at + interval '30 minutes' FROM tracking.training_runs");
                s.execute("VACUUM ANALYZE tracking.metric_points");
                s.execute("VACUUM ANALYZE tracking.run_metric_latest");
            }
            Runs runs = timer.registry().runs();
            RunFilter below = metric("val_loss").lt(options.below());
            RunOrder byLoss = RunOrder.asc(SortKey.metric("val_loss"));
            String filtered3 = pageThree(runs.where(below).orderBy(byLoss).pageSize(50)::after);
            String all3 = pageThree(runs.search().orderBy(byLoss).pageSize(50)::after);
            List<OperationResult> results = new ArrayList<>();
            results.add(timer.measure("downsample 200 buckets", false, (r, joining) -> r.runs().metrics()
                    .downsample(historyRun, HISTORY_METRIC, 200).stream().<Object>map(b -> (long) b.bucket()).toList()));
            results.add(timer.measure("val_loss < x (page of 50, newest)", false,
                    (r, joining) -> ids(r.runs().where(below).pageSize(50).fetchPage())));
            results.add(timer.measure("val_loss < x by val_loss, page 3", false,
                    (r, joining) -> ids(r.runs().where(below).orderBy(byLoss).pageSize(50).after(filtered3).fetchPage())));
            results.add(timer.measure("all runs by val_loss, page 3", false,
                    (r, joining) -> ids(r.runs().search().orderBy(byLoss).pageSize(50).after(all3).fetchPage())));
            return results;
        }

        /** The token of page 3 (or of the last page, if there are fewer). */
        private static String pageThree(Function<String, RunSearch.Paged> after) {
            String token = null;
            for (int page = 1; page < 3; page++) {
                String next = after.apply(token).fetchPage().nextToken().orElse(null);
                if (next == null) {
                    break;
                }
                token = next;
            }
            return token;
        }

        private static List<Object> ids(Page page) {
            return page.runs().stream().map(Run::runId).map(UUID::toString).collect(Collectors.toList());
        }

        private static void check(long actual, long expected) {
            if (actual != expected) {
                throw new IllegalStateException("expected " + expected + " rows, got " + actual);
            }
        }
    }
}
