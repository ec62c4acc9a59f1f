package org.mlregistry.examples.bench;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.mlregistry.core.Registry;
import org.mlregistry.core.tracking.Metrics;
import org.mlregistry.core.tracking.NewRun;
import org.mlregistry.core.tracking.Run;
import org.mlregistry.schema.types.Framework;

/**
 * Workers claiming and finishing runs at once: W workers, each on a connection of its own (the
 * same W connections for both sides), loop {@code claimNext(target)} then {@code succeed(run)}
 * until the target's queue is empty. The library side calls the API; the JDBC side sends the
 * same two statements (captured from the library, bound alike) in autocommit, as the library
 * does. Rounds alternate library, JDBC, JDBC, library, … on fresh queues of N runs; the figure is
 * the median claims (each with its finish) per second.
 */
final class ClaimThroughput {

    /**
     * @param workers concurrent workers (connections)
     * @param runsPerRound runs queued before each round
     * @param rounds rounds per side
     * @param libraryPerSecond the library's median claims + finishes per second
     * @param jdbcPerSecond plain JDBC's median
     */
    record Result(int workers, int runsPerRound, int rounds, double libraryPerSecond, double jdbcPerSecond) {
        /** @return library / JDBC throughput (target ≥ 0.9) */
        double ratio() {
            return libraryPerSecond / jdbcPerSecond;
        }
    }

    private record Captured(String sql, List<Object> binds) {
    }

    private ClaimThroughput() {
    }

    static Result measure(DataSource dataSource, Registry setup, int workers, int runsPerRound, int rounds, PrintStream out)
            throws Exception {
        List<Connection> connections = new ArrayList<>();
        try {
            for (int i = 0; i < workers; i++) {
                connections.add(dataSource.getConnection());
            }
            Captured[] sql = capture(connections.get(0), setup);
            ExecutorService pool = Executors.newFixedThreadPool(workers);
            try {
                double[] lib = new double[rounds];
                double[] jdbc = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    boolean libraryFirst = r % 2 == 0;
                    for (int side = 0; side < 2; side++) {
                        boolean library = libraryFirst == (side == 0);
                        String target = queue(setup, runsPerRound);
                        long start = System.nanoTime();
                        int done = run(pool, connections, library, target, sql);
                        double perSecond = done / ((System.nanoTime() - start) / 1e9);
                        if (done != runsPerRound) {
                            throw new IllegalStateException("claimed " + done + " of " + runsPerRound);
                        }
                        (library ? lib : jdbc)[r] = perSecond;
                    }
                    out.printf(Locale.ROOT, "  round %d: library %,.0f/s, JDBC %,.0f/s%n", r + 1, lib[r], jdbc[r]);
                }
                return new Result(workers, runsPerRound, rounds, median(lib), median(jdbc));
            } finally {
                pool.shutdownNow();
            }
        } finally {
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    /** A fresh compute target with n queued runs. */
    private static String queue(Registry setup, int n) {
        String target = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        List<NewRun> runs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            runs.add(NewRun.builder().model("claim-" + target).framework(Framework.PYTORCH).experiment("e" + i)
                    .dataset("d").computeTarget(target).parameters("{}").build());
        }
        setup.runs().submitAll(runs);
        return target;
    }

    private static int run(ExecutorService pool, List<Connection> connections, boolean library, String target,
            Captured[] sql) throws Exception {
        AtomicInteger done = new AtomicInteger();
        List<Callable<Void>> workers = new ArrayList<>();
        for (Connection c : connections) {
            workers.add(library ? () -> libraryWorker(c, target, done) : () -> jdbcWorker(c, target, sql, done));
        }
        for (Future<Void> f : pool.invokeAll(workers)) {
            f.get();
        }
        return done.get();
    }

    private static Void libraryWorker(Connection c, String target, AtomicInteger done) {
        Registry registry = Registry.configure().dsl(DSL.using(c, SQLDialect.POSTGRES)).load();
        Metrics metrics = Metrics.none().withAccuracy(0.9);
        while (true) {
            var claimed = registry.runs().claimNext(target);
            if (claimed.isEmpty()) {
                return null;
            }
            registry.runs().succeed(claimed.get().runId(), metrics);
            done.incrementAndGet();
        }
    }

    private static Void jdbcWorker(Connection c, String target, Captured[] sql, AtomicInteger done) throws SQLException {
        while (true) {
            UUID id;
            try (PreparedStatement claim = c.prepareStatement(sql[0].sql())) {
                bind(claim, sql[0].binds(), target, null);
                try (ResultSet rs = claim.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    id = rs.getObject("run_id", UUID.class);
                    readAll(rs);
                }
            }
            try (PreparedStatement succeed = c.prepareStatement(sql[1].sql())) {
                bind(succeed, sql[1].binds(), null, id);
                try (ResultSet rs = succeed.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("succeed found no running run " + id);
                    }
                    readAll(rs);
                }
            }
            done.incrementAndGet();
        }
    }

    private static void readAll(ResultSet rs) throws SQLException {
        int columns = rs.getMetaData().getColumnCount();
        for (int i = 1; i <= columns; i++) {
            rs.getObject(i);
        }
    }

    /** Binds the captured values, with this round's target and this run's id in place of the captured ones. */
    private static void bind(PreparedStatement ps, List<Object> binds, String target, UUID runId) throws SQLException {
        for (int i = 0; i < binds.size(); i++) {
            Object v = binds.get(i);
            if (target != null && v instanceof String) {
                v = target;
            } else if (runId != null && v instanceof UUID) {
                v = runId;
            }
            JdbcBinding.bind(ps, i + 1, v);
        }
    }

    /** The claim and succeed statements the library sends (without the timeouts in front). */
    private static Captured[] capture(Connection c, Registry setup) {
        String target = queue(setup, 1);
        List<Captured> sent = new ArrayList<>();
        ExecuteListener listener = new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext ctx) {
                sent.add(new Captured(LibraryVsJdbc.withoutTimeouts(ctx.sql()), ctx.query().getBindValues()));
            }
        };
        Registry capturing = Registry.configure()
                .configuration(DSL.using(c, SQLDialect.POSTGRES).configuration().deriveAppending(listener)).load();
        Run claimed = capturing.runs().claimNext(target).orElseThrow();
        capturing.runs().succeed(claimed.runId(), Metrics.none().withAccuracy(0.9));
        if (sent.size() != 2) {
            throw new IllegalStateException("expected claim and succeed as one statement each, the library sent " + sent.size());
        }
        return sent.toArray(Captured[]::new);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }
}
