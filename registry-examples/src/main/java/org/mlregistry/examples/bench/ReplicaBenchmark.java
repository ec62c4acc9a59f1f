package org.mlregistry.examples.bench;

import static org.mlregistry.core.tracking.RunFilter.createdWithin;
import static org.mlregistry.core.tracking.RunFilter.runId;
import static org.mlregistry.core.tracking.RunFilter.status;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintStream;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.mlregistry.core.Registry;
import org.mlregistry.core.models.NewModel;
import org.mlregistry.core.replica.ReadReplicas;
import org.mlregistry.core.tracking.NewRun;
import org.mlregistry.core.tracking.Page;
import org.mlregistry.core.tracking.Run;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.RunStatus;
import org.mlregistry.testing.database.StandbyPair;

/**
 * Read replicas under load (issue 17, "Speed"): one primary and one hot standby
 * ({@link StandbyPair}), N runs loaded through the library, then
 * <ol>
 *   <li>the throughput of a mixed read load (filtered searches, a keyset page, a count, the
 *       leaderboard, an audit query: the reads the registry routes) with T client threads, all on
 *       the primary (a registry without replicas) against routed to the replica, in interleaved
 *       rounds (the side that goes first alternates), each a fixed number of operations;</li>
 *   <li>the read-your-writes wait: K times a run submitted through a {@code readYourWrites()} view
 *       and then searched by its id through the same view, timed from the write's return (commit
 *       and WAL position read) until the read is served, beside the same search with no wait; a
 *       read that fell back to the primary and a read that missed its own write are counted.</li>
 * </ol>
 * Which server served a read is counted at the data sources (one connection per statement outside a
 * transaction). Both servers run on this machine: the replica cannot add CPU, so the throughput
 * shows the routing's overhead and correctness under load, not capacity gained.
 *
 * <pre>
 * ./mvnw -q package -DskipTests exec:java -Dexec.mainClass=org.mlregistry.examples.bench.ReplicaBenchmark -Dexec.args="--runs 100000"
 * </pre>
 *
 * Options: {@code --runs} (100,000), {@code --threads} client thread counts (4,8), {@code --operations}
 * per side, round and thread count (6,000), {@code --rounds} (3), {@code --warmup} operations per
 * side before (1,200), {@code --writes} read-your-writes iterations (500), {@code --wait-ms} the
 * read-your-writes bound (1000, the library's default). It prints; it asserts nothing about time.
 */
public final class ReplicaBenchmark {

    private static final int AUDIT_MODELS = 40;
    private static final int ACTORS = 4;

    private ReplicaBenchmark() {
    }

    /**
     * Settings of one run.
     *
     * @param runs runs loaded before measuring
     * @param threads client thread counts, one measurement each
     * @param operations reads per side, round and thread count
     * @param rounds rounds per thread count
     * @param warmup unmeasured reads per side before
     * @param writes read-your-writes iterations
     * @param waitMillis the read-your-writes bound
     */
    public record Options(int runs, int[] threads, int operations, int rounds, int warmup, int writes, int waitMillis) {

        private static final Set<String> NAMES = Set.of("--runs", "--threads", "--operations", "--rounds", "--warmup",
                "--writes", "--wait-ms");

        /**
         * @param args command line options (see the class comment)
         * @return the options
         */
        public static Options parse(String... args) {
            BenchOptions given = BenchOptions.parse(NAMES, args);
            int[] threads = Arrays.stream(given.text("--threads", "4,8").split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
            if (Arrays.stream(threads).anyMatch(t -> t < 1)) {
                throw new IllegalArgumentException("--threads must be at least 1 each");
            }
            return new Options(given.count("--runs", 100_000), threads, given.count("--operations", 6_000),
                    given.count("--rounds", 3), given.integer("--warmup", 1_200), given.count("--writes", 500),
                    given.count("--wait-ms", 1_000));
        }
    }

    /**
     * One timed batch of reads.
     *
     * @param threads client threads
     * @param onReplica routed to the replica, else all on the primary
     * @param round the round, from 1
     * @param operations reads done
     * @param seconds wall time
     * @param primaryConnections connections taken from the primary meanwhile
     * @param standbyConnections connections taken from the standby meanwhile
     */
    public record Batch(int threads, boolean onReplica, int round, int operations, double seconds, long primaryConnections,
            long standbyConnections) {

        /** @return reads per second */
        public double opsPerSecond() {
            return operations / seconds;
        }
    }

    /**
     * The read-your-writes iterations.
     *
     * @param writes iterations
     * @param servedByReplica reads the replica served
     * @param fallbacks reads that ran on the primary after the wait
     * @param stale reads that did not see their own write
     * @param waitMillis the read-your-writes read, ms from the write's return to its result, sorted
     * @param plainMillis the same search without waiting (a stale-tolerant read on the replica), ms, sorted
     */
    public record Writes(int writes, int servedByReplica, int fallbacks, int stale, double[] waitMillis, double[] plainMillis) {
    }

    /**
     * What one run measured.
     *
     * @param reads the mixed reads: name and rows returned (the same on both servers)
     * @param batches every timed batch, in the order run
     * @param writes the read-your-writes iterations
     */
    public record Result(List<String> reads, List<Batch> batches, Writes writes) {
    }

    private record Read(String name, Function<Registry, List<Object>> call) {
    }

    /**
     * Starts a primary and a standby, runs the benchmark and prints it.
     *
     * @param args see the class comment
     */
    public static void main(String[] args) {
        Options options = Options.parse(args);
        System.out.println("starting an embedded PostgreSQL primary and hot standby …");
        try (StandbyPair pair = StandbyPair.start()) {
            run(pair, options, System.out);
        }
    }

    /**
     * Loads the runs on the pair's primary and measures.
     *
     * @param pair a primary and its standby; its database must hold no runs
     * @param options the settings
     * @param out where to print
     * @return the measurements
     */
    public static Result run(StandbyPair pair, Options options, PrintStream out) {
        int poolSize = Arrays.stream(options.threads()).max().orElse(1) + 1;
        try (HikariDataSource primaryPool = pool(pair.primary(), "primary", poolSize);
             HikariDataSource standbyPool = pool(pair.standby(), "standby", poolSize)) {
            CountingDataSource primary = new CountingDataSource(primaryPool);
            CountingDataSource standby = new CountingDataSource(standbyPool);
            String server = load(primaryPool, options, out);
            pair.awaitReplay();
            Registry onPrimary = Registry.configure().dataSource(primary).load();
            Registry routed = Registry.configure().dataSource(primary)
                    .readReplicas(ReadReplicas.of(List.of(standby)).readYourWritesWait(Duration.ofMillis(options.waitMillis())))
                    .load();
            List<Read> reads = reads(onPrimary);
            List<String> described = check(reads, onPrimary, routed);
            out.printf(Locale.ROOT, "%nmlregistry ReplicaBenchmark: %s, %,d runs, one primary + one hot standby (streaming, "
                    + "synchronous_commit on, asynchronous replication) on this machine's %d cores%n", server, options.runs(),
                    Runtime.getRuntime().availableProcessors());
            out.println("mixed reads, in turn: " + String.join("; ", described));
            batch(onPrimary, reads, poolSize - 1, options.warmup(), false, 0, primary, standby);
            batch(routed, reads, poolSize - 1, options.warmup(), true, 0, primary, standby);
            List<Batch> batches = new ArrayList<>();
            for (int round = 1; round <= options.rounds(); round++) {
                for (int threads : options.threads()) {
                    boolean replicaFirst = round % 2 == 0;
                    for (boolean onReplica : new boolean[] {replicaFirst, !replicaFirst}) {
                        batches.add(batch(onReplica ? routed : onPrimary, reads, threads, options.operations(), onReplica, round,
                                primary, standby));
                    }
                }
            }
            Writes writes = readYourWrites(routed, primary, options);
            Result result = new Result(described, batches, writes);
            print(result, options, out);
            return result;
        }
    }

    private static HikariDataSource pool(DataSource server, String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(server);
        config.setPoolName("replica-bench-" + name);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        return new HikariDataSource(config);
    }

    /** Migrates, loads the runs by the library's COPY import and writes audit rows through the registry. */
    private static String load(DataSource primary, Options options, PrintStream out) {
        out.printf(Locale.ROOT, "loading %,d runs through the library's COPY import …%n", options.runs());
        OffsetDateTime base = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        String server = BenchDatabase.onMigratedConnection(primary, connection -> {
            var dsl = DSL.using(connection, SQLDialect.POSTGRES);
            RunLoad.load(connection, dsl, Registry.configure().dsl(dsl).load(), options.runs(), base);
            return dsl.fetchSingle("SHOW server_version").get(0, String.class);
        });
        Registry registry = Registry.configure().dataSource(primary).load();
        for (int i = 0; i < AUDIT_MODELS; i++) {
            registry.models().actor("bench-" + i % ACTORS).catalog()
                    .createModel(NewModel.of("replica-bench-" + UUID.randomUUID().toString().substring(0, 8), "Replica benchmark"));
        }
        return "PostgreSQL " + server;
    }

    /** The mixed reads; page tokens taken once from the primary. */
    private static List<Read> reads(Registry registry) {
        String page2 = registry.runs().search().pageSize(50).fetchPage().nextToken().orElseThrow();
        String page3 = registry.runs().search().pageSize(50).after(page2).fetchPage().nextToken().orElse(page2);
        return List.of(
                new Read("active jobs (page of 50)", r -> ids(r.runs().where(status().in(RunStatus.QUEUED, RunStatus.RUNNING))
                        .pageSize(50).fetchPage())),
                new Read("failed in 7 days (page of 50)", r -> ids(r.runs().where(status().eq(RunStatus.FAILED)
                        .and(createdWithin(Duration.ofDays(7)))).pageSize(50).fetchPage())),
                new Read("keyset page 3 (50, newest first)", r -> ids(r.runs().search().pageSize(50).after(page3).fetchPage())),
                new Read("count failed in 30 days", r -> List.of(r.runs().where(status().eq(RunStatus.FAILED)
                        .and(createdWithin(Duration.ofDays(30)))).count())),
                new Read("leaderboard (top 3 per framework)", r -> r.analytics().trainingRuns().leaderboard(3).stream()
                        .<Object>map(row -> row.row().runId()).toList()),
                new Read("audit by actor (page of 50)", r -> r.models().audit().byActor("bench-1", 50).entries().stream()
                        .<Object>map(e -> e.auditId()).toList()));
    }

    private static List<Object> ids(Page page) {
        return page.runs().stream().<Object>map(Run::runId).toList();
    }

    /** Each read returns the same rows on both servers (the standby has replayed the load). */
    private static List<String> check(List<Read> reads, Registry onPrimary, Registry routed) {
        List<String> described = new ArrayList<>();
        for (Read read : reads) {
            List<Object> expected = read.call().apply(onPrimary);
            List<Object> replica = read.call().apply(routed);
            if (!expected.equals(replica)) {
                throw new IllegalStateException(read.name() + ": the replica returned " + replica + ", the primary " + expected);
            }
            int rows = expected.size() == 1 && expected.get(0) instanceof Long count ? count.intValue() : expected.size();
            described.add(read.name() + " → " + rows);
        }
        return described;
    }

    /** Runs {@code operations} reads, the mixed reads in turn, on {@code threads} threads. */
    private static Batch batch(Registry registry, List<Read> reads, int threads, int operations, boolean onReplica, int round,
            CountingDataSource primary, CountingDataSource standby) {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<RuntimeException> failed = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    for (int i = next.getAndIncrement(); i < operations; i = next.getAndIncrement()) {
                        reads.get(i % reads.size()).call().apply(registry);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    failed.compareAndSet(null, e);
                }
            }, "reader-" + t);
            worker.start();
            workers.add(worker);
        }
        long primaryBefore = primary.taken();
        long standbyBefore = standby.taken();
        long began = System.nanoTime();
        start.countDown();
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        if (failed.get() != null) {
            throw failed.get();
        }
        return new Batch(threads, onReplica, round, operations, seconds, primary.taken() - primaryBefore, standby.taken() - standbyBefore);
    }

    /** K writes, each followed by a read of it through the same read-your-writes view. */
    private static Writes readYourWrites(Registry routed, CountingDataSource primary, Options options) {
        double[] wait = new double[options.writes()];
        double[] plain = new double[options.writes()];
        int fallbacks = 0;
        int stale = 0;
        String tag = UUID.randomUUID().toString().substring(0, 8);
        for (int k = 0; k < options.writes(); k++) {
            Registry mine = routed.readYourWrites();
            Run run = mine.runs().submit(NewRun.builder().model("ryw-model").framework(Framework.PYTORCH)
                    .experiment("ryw-" + tag + "-" + k).dataset("ryw-ds").computeTarget("ryw-target").build());
            long primaryBefore = primary.taken();
            long began = System.nanoTime();
            long seen = mine.runs().where(runId().eq(run.runId())).count();
            wait[k] = (System.nanoTime() - began) / 1e6;
            if (primary.taken() > primaryBefore) {
                fallbacks++;
            }
            if (seen != 1) {
                stale++;
            }
            began = System.nanoTime();
            routed.runs().where(runId().eq(run.runId())).count();
            plain[k] = (System.nanoTime() - began) / 1e6;
        }
        Arrays.sort(wait);
        Arrays.sort(plain);
        return new Writes(options.writes(), options.writes() - fallbacks, fallbacks, stale, wait, plain);
    }

    /**
     * Prints the throughput side by side and the read-your-writes wait.
     *
     * @param result the measurements
     * @param options the settings
     * @param out where to print
     */
    public static void print(Result result, Options options, PrintStream out) {
        out.printf(Locale.ROOT, "%nmixed read throughput, %,d reads per batch, %d rounds (the side going first alternates), "
                + "median of the rounds%n", options.operations(), options.rounds());
        String line = "%-7s | %21s | %24s | %5s | %s%n";
        out.printf(Locale.ROOT, line, "threads", "all on primary, ops/s", "routed to replica, ops/s", "ratio",
                "connections primary/standby (replica side, all rounds)");
        for (int threads : options.threads()) {
            double primary = median(result.batches(), threads, false);
            double replica = median(result.batches(), threads, true);
            long onPrimary = result.batches().stream().filter(b -> b.threads() == threads && b.onReplica())
                    .mapToLong(Batch::primaryConnections).sum();
            long onStandby = result.batches().stream().filter(b -> b.threads() == threads && b.onReplica())
                    .mapToLong(Batch::standbyConnections).sum();
            out.printf(Locale.ROOT, line, threads, "%,.0f".formatted(primary), "%,.0f".formatted(replica),
                    "%.2f".formatted(replica / primary), onPrimary + " / " + onStandby);
        }
        Writes w = result.writes();
        out.printf(Locale.ROOT, "%nread-your-writes: %d × (submit a run, then search it by id through the same view; wait bound %d ms)%n",
                w.writes(), options.waitMillis());
        out.printf(Locale.ROOT, "  read after own write, ms from the write's return: median %.3f, p99 %.3f%n",
                percentile(w.waitMillis(), 0.5), percentile(w.waitMillis(), 0.99));
        out.printf(Locale.ROOT, "  same search, no wait (stale-tolerant, replica): median %.3f, p99 %.3f%n",
                percentile(w.plainMillis(), 0.5), percentile(w.plainMillis(), 0.99));
        out.printf(Locale.ROOT, "  served by the replica %d, fell back to the primary %d, missed its own write %d%n",
                w.servedByReplica(), w.fallbacks(), w.stale());
        out.printf(Locale.ROOT, "%nNote: primary and standby share this one machine's %d cores (and the machine is shared with "
                + "other builds), so routing reads to the replica cannot add CPU: the ratio shows the routing's overhead and "
                + "correctness under load, not capacity gained. A replica on its own host adds its cores.%n",
                Runtime.getRuntime().availableProcessors());
    }

    private static double median(List<Batch> batches, int threads, boolean onReplica) {
        double[] rates = batches.stream().filter(b -> b.threads() == threads && b.onReplica() == onReplica)
                .mapToDouble(Batch::opsPerSecond).sorted().toArray();
        return percentile(rates, 0.5);
    }

    private static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(sorted.length * p) - 1))];
    }
}
