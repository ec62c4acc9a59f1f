package org.mlregistry.examples.bench;

import java.io.PrintStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultExecuteListener;
import org.mlregistry.core.Registry;
import org.mlregistry.schema.RegistrySchema;

/**
 * How far one server goes with the time-partitioned tables (issue 17, "Speed"): grows the metric
 * history and the audit log step by step and, at each size, plans (EXPLAIN) and times the API's
 * reads of them.
 *
 * <pre>
 * ./mvnw -q package -DskipTests exec:java -Dexec.mainClass=org.mlregistry.examples.bench.ScaleBenchmark \
 *     -Dexec.args="--points 1000000,10000000 --audit 100000,1000000"
 * </pre>
 *
 * Options: {@code --points} metric point totals, one per step (300,000,1,000,000,3,000,000),
 * {@code --audit} audit row totals, as many steps (30,000,100,000,300,000), {@code --months} of
 * history ending now (12), {@code --runs} (1,000) × {@code --metrics} (10) series, {@code --rounds}
 * timed calls per read (30, after 5 warm-up calls), {@code --jdbc-url}, {@code --user},
 * {@code --password} (a database whose schemas are empty or mlregistry's).
 *
 * <p>Rows are loaded by {@code INSERT … SELECT generate_series} inside the server, spread evenly
 * over the months, with {@code session_replication_role = replica} (no trigger: no foreign key
 * check per point, no event per audit row; model_id is set by the statement as the trigger would)
 * and then {@code ANALYZE}d. The reads go through the library; their statements are captured with
 * the values inlined and EXPLAINed. It prints; it asserts nothing about time.
 */
public final class ScaleBenchmark {

    private static final Pattern TABLE_READ = Pattern.compile(" on (\\w+)");
    private static final Pattern SCAN = Pattern.compile("(Seq Scan|Index Only Scan|Index Scan|Bitmap Heap Scan)");
    private static final int MODELS = 100;
    private static final int ACTORS = 50;

    private ScaleBenchmark() {
    }

    /**
     * Settings of one run.
     *
     * @param points metric point totals, one per step
     * @param audit audit row totals, one per step
     * @param months months of history, ending in the current one
     * @param runs runs the points belong to
     * @param metrics metrics per run
     * @param rounds timed calls per read
     * @param jdbcUrl an existing server's database, or null for an embedded PostgreSQL
     * @param user its user
     * @param password its password
     */
    public record Options(long[] points, long[] audit, int months, int runs, int metrics, int rounds,
            String jdbcUrl, String user, String password) {

        private static final Set<String> NAMES = Set.of("--points", "--audit", "--months", "--runs", "--metrics", "--rounds",
                "--jdbc-url", "--user", "--password");

        /**
         * @param args command line options (see the class comment)
         * @return the options
         */
        public static Options parse(String... args) {
            BenchOptions given = BenchOptions.parse(NAMES, args);
            long[] points = totals(given.text("--points", "300000,1000000,3000000"));
            long[] audit = totals(given.text("--audit", "30000,100000,300000"));
            if (points.length != audit.length) {
                throw new IllegalArgumentException("--points and --audit need as many steps");
            }
            return new Options(points, audit, given.count("--months", 12), given.count("--runs", 1000),
                    given.count("--metrics", 10), given.count("--rounds", 30), given.text("--jdbc-url", null),
                    given.text("--user", null), given.text("--password", null));
        }

        private static long[] totals(String list) {
            long[] totals = Arrays.stream(list.split(",")).mapToLong(s -> Long.parseLong(s.trim())).toArray();
            for (int i = 0; i < totals.length; i++) {
                if (totals[i] < 0 || i > 0 && totals[i] < totals[i - 1]) {
                    throw new IllegalArgumentException("totals must grow: " + list);
                }
            }
            return totals;
        }
    }

    /**
     * One read at one size.
     *
     * @param operation what the API was asked
     * @param partitionsRead partitions in its plan
     * @param partitions partitions of its table
     * @param scans the scan kinds of its plan
     * @param rows rows it returned
     * @param medianMillis median time of a call
     * @param p99Millis 99th percentile (the slowest of fewer than 100 rounds)
     */
    public record Read(String operation, int partitionsRead, int partitions, Set<String> scans, int rows,
            double medianMillis, double p99Millis) {
    }

    /**
     * What one size measured.
     *
     * @param points metric points in the table
     * @param auditRows audit rows in the table
     * @param loadSeconds loading this step's rows and ANALYZE, seconds
     * @param bytes metric history and audit log on disk, with indexes
     * @param reads the reads
     */
    public record Step(long points, long auditRows, double loadSeconds, long bytes, List<Read> reads) {
    }

    /**
     * Runs the benchmark and prints each step as it is measured.
     *
     * @param args see the class comment
     */
    public static void main(String[] args) {
        Options options = Options.parse(args);
        PrintStream out = System.out;
        BenchDatabase.withServer(options.jdbcUrl(), options.user(), options.password(), out,
                dataSource -> run(dataSource, options, out));
    }

    /**
     * Migrates, then grows and measures step by step, printing each step.
     *
     * @param dataSource the database
     * @param options the settings
     * @param out where to print
     * @return each step's measurements
     */
    public static List<Step> run(DataSource dataSource, Options options, PrintStream out) {
        RegistrySchema.configure().dataSource(dataSource).load().migrate();
        DSLContext db = DSL.using(dataSource, SQLDialect.POSTGRES);
        Registry registry = Registry.configure().dataSource(dataSource).load();
        OffsetDateTime end = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime start = end.minusMonths(options.months() - 1L).withDayOfMonth(1).toLocalDate().atStartOfDay()
                .atOffset(ZoneOffset.UTC);
        registry.runs().metrics().partitions().ensure(start, end);
        db.execute("SELECT registry.ensure_audit_partitions(ARRAY(SELECT ?::timestamptz + make_interval(months => i) "
                + "FROM generate_series(0, ?) AS i))", start, options.months() - 1);
        List<UUID> runs = db.fetch("""
                INSERT INTO tracking.training_runs (model_name, framework, experiment_name, dataset, compute_target)
                SELECT 'scale-model', 'pytorch', 'scale-' || i, 'scale-ds', 'scale-target' FROM generate_series(1, ?) AS i
                RETURNING run_id
                """, options.runs()).getValues(0, UUID.class);
        out.printf(Locale.ROOT, "%nmlregistry ScaleBenchmark: %s, %d months of history from %s, %,d runs x %d metrics%n",
                db.fetchSingle("SHOW server_version").get(0, String.class), options.months(), start.toLocalDate(),
                options.runs(), options.metrics());
        List<Step> steps = new ArrayList<>();
        long points = 0;
        long audit = 0;
        for (int i = 0; i < options.points().length; i++) {
            long began = System.nanoTime();
            load(db, runs, options, start, end, points, options.points()[i], audit, options.audit()[i]);
            double loadSeconds = (System.nanoTime() - began) / 1e9;
            points = options.points()[i];
            audit = options.audit()[i];
            long bytes = db.fetchSingle("SELECT sum(pg_total_relation_size(inhrelid))::bigint FROM pg_inherits "
                    + "WHERE inhparent IN ('tracking.metric_points'::regclass, 'registry.audit_log'::regclass)").get(0, Long.class);
            Step step = new Step(points, audit, loadSeconds, bytes, reads(registry, db, runs.get(runs.size() / 2), end, options));
            steps.add(step);
            print(step, out);
        }
        return steps;
    }

    private static void load(DSLContext db, List<UUID> runs, Options options, OffsetDateTime start, OffsetDateTime end,
            long fromPoint, long toPoint, long fromAudit, long toAudit) {
        long seconds = end.toEpochSecond() - start.toEpochSecond();
        db.transaction(c -> {
            DSLContext tx = c.dsl();
            tx.execute("SET LOCAL session_replication_role = replica");
            // point g: run g % runs, metric g / runs % metrics, step g / (runs · metrics); its time a
            // fixed scatter of g over the months (7919 is prime to the span, so every second is hit);
            // the runs' array in a scalar subquery: an InitPlan, cast once, not once a row
            tx.execute("""
                    INSERT INTO tracking.metric_points (run_id, metric, step, logged_at, value)
                    SELECT ((SELECT ?::uuid[]))[1 + g % ?], 'metric_' || (g / ? % ?), g / (? * ?),
                           ?::timestamptz + make_interval(secs => (g * 7919) % ?), 1.0 / (1 + g)
                      FROM generate_series(?::bigint, ? - 1) AS g
                    """, runs.toArray(UUID[]::new), runs.size(), runs.size(), options.metrics(), runs.size(),
                    options.metrics(), start, seconds, fromPoint, toPoint);
            // row g: about model (g % MODELS), by actor (g % ACTORS); model_id as the trigger sets it
            tx.execute("""
                    INSERT INTO registry.audit_log (entity_type, entity_id, action, actor, occurred_at, model_id, after_state)
                    SELECT 'model', m, 'update', 'actor-' || (g % ?), ?::timestamptz + make_interval(secs => (g * 7919) % ?), m,
                           jsonb_build_object('n', g)
                      FROM generate_series(?::bigint, ? - 1) AS g,
                           LATERAL (SELECT ('00000000-0000-0000-0000-' || lpad((g % ?)::text, 12, '0'))::uuid AS m) AS model
                    """, ACTORS, start, seconds, fromAudit, toAudit, MODELS);
        });
        db.execute("ANALYZE tracking.metric_points");
        db.execute("ANALYZE registry.audit_log");
    }

    private static List<Read> reads(Registry registry, DSLContext db, UUID run, OffsetDateTime end, Options options) {
        OffsetDateTime monthStart = end.withDayOfMonth(1).toLocalDate().atStartOfDay().atOffset(ZoneOffset.UTC).minusMonths(1);
        OffsetDateTime dayStart = monthStart.plusDays(14);
        UUID model = UUID.fromString("00000000-0000-0000-0000-000000000007");
        int metricPartitions = count(db, "tracking.metric_points");
        int auditPartitions = count(db, "registry.audit_log");
        List<Read> reads = new ArrayList<>();
        reads.add(read("history(run, metric), whole", metricPartitions, registry, db, options,
                r -> r.runs().metrics().history(run, "metric_3").size()));
        reads.add(read("history(run, metric, last month)", metricPartitions, registry, db, options,
                r -> r.runs().metrics().history(run, "metric_3", monthStart, monthStart.plusMonths(1)).size()));
        reads.add(read("latest(run, metric)", metricPartitions, registry, db, options,
                r -> r.runs().metrics().latest(run, "metric_3").isPresent() ? 1 : 0));
        reads.add(read("audit between(one day), page of 50", auditPartitions, registry, db, options,
                r -> r.models().audit().between(dayStart, dayStart.plusDays(1), 50).entries().size()));
        reads.add(read("audit byActor, page of 50", auditPartitions, registry, db, options,
                r -> r.models().audit().byActor("actor-7", 50).entries().size()));
        reads.add(read("audit ofModel, page of 50", auditPartitions, registry, db, options,
                r -> r.models().audit().ofModel(model, 50).entries().size()));
        return reads;
    }

    private interface Call {
        int rows(Registry registry);
    }

    private static Read read(String operation, int partitions, Registry registry, DSLContext db, Options options, Call call) {
        AtomicReference<String> sent = new AtomicReference<>();
        DSLContext capturing = DSL.using(db.configuration().derive(new Settings().withStatementType(StatementType.STATIC_STATEMENT))
                .derive(new DefaultExecuteListener() {
                    @Override
                    public void executeStart(ExecuteContext ctx) {
                        sent.set(ctx.sql());
                    }
                }));
        int rows = call.rows(Registry.configure().dsl(capturing).load());
        List<String> plan = db.fetch("EXPLAIN (COSTS OFF) " + sent.get()).getValues(0, String.class);
        Set<String> tables = new TreeSet<>();
        Set<String> scans = new TreeSet<>();
        for (String line : plan) {
            Matcher t = TABLE_READ.matcher(line);
            while (t.find()) {
                if (!t.group(1).endsWith("_idx") && !t.group(1).endsWith("_pkey")) {
                    tables.add(t.group(1));
                }
            }
            Matcher s = SCAN.matcher(line);
            while (s.find()) {
                scans.add(s.group(1));
            }
        }
        for (int i = 0; i < 5; i++) {
            call.rows(registry);
        }
        double[] millis = new double[options.rounds()];
        for (int i = 0; i < millis.length; i++) {
            long began = System.nanoTime();
            call.rows(registry);
            millis[i] = (System.nanoTime() - began) / 1e6;
        }
        Arrays.sort(millis);
        int partitionsRead = (int) tables.stream().filter(n -> n.matches(".*_(\\d{4}_\\d{2}|default|legacy)")).count();
        return new Read(operation, partitionsRead, partitions, scans, rows, millis[millis.length / 2],
                millis[Math.min(millis.length - 1, (int) Math.ceil(millis.length * 0.99) - 1)]);
    }

    private static int count(DSLContext db, String parent) {
        return db.fetchSingle("SELECT count(*)::int FROM pg_inherits WHERE inhparent = ?::regclass", parent).get(0, Integer.class);
    }

    /**
     * Prints one step's table.
     *
     * @param step the step
     * @param out where to print
     */
    public static void print(Step step, PrintStream out) {
        out.printf(Locale.ROOT, "%n%,d metric points, %,d audit rows (%,d MB with indexes), loaded in %.1f s%n",
                step.points(), step.auditRows(), step.bytes() / 1_000_000, step.loadSeconds());
        String line = "%-38s | %-10s | %-28s | %5s | %9s | %9s%n";
        out.printf(Locale.ROOT, line, "read (through the library)", "partitions", "scans in the plan", "rows", "median ms", "p99 ms");
        out.println("-".repeat(38) + "-+-" + "-".repeat(10) + "-+-" + "-".repeat(28) + "-+-" + "-".repeat(5) + "-+-"
                + "-".repeat(9) + "-+-" + "-".repeat(9));
        for (Read r : step.reads()) {
            out.printf(Locale.ROOT, line, r.operation(), r.partitionsRead() + " of " + r.partitions(), String.join(", ", r.scans()),
                    r.rows(), "%.3f".formatted(r.medianMillis()), "%.3f".formatted(r.p99Millis()));
        }
    }
}
