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
 * same W connections for every side), loop {@code claimNext(target)} then {@code succeed(run)}
 * until the target's queue is empty. The library side calls the API, once with its default
 * timeouts (sent as one {@code SELECT set_config(…)} in front of each statement) and once with the timeouts left
 * to the role; the JDBC side sends the same two statements (captured from the library, bound
 * alike) in autocommit, as the library does, without timeouts. Each round runs the three sides
 * on fresh queues of N runs, starting with another side each round; the figure is
 * the median claims (each with its finish) per second.
 */
final class ClaimThroughput {

    /**
     * @param workers concurrent workers (connections)
     * @param runsPerRound runs queued before each round
     * @param rounds rounds per side
     * @param libraryPerSecond the library's median claims + finishes per second
     * @param roleTimeoutsPerSecond the library's median with its timeouts left to the role (nothing sent in front)
     * @param jdbcPerSecond plain JDBC's median
     */
    record Result(int workers, int runsPerRound, int rounds, double libraryPerSecond, double roleTimeoutsPerSecond,
            double jdbcPerSecond) {
        /** @return library / JDBC throughput (target ≥ 0.9) */
        double ratio() {
            return libraryPerSecond / jdbcPerSecond;
        }

        /** @return library with the role's timeouts / JDBC throughput */
        double roleTimeoutsRatio() {
            return roleTimeoutsPerSecond / jdbcPerSecond;
        }
    }

    /** Who claims in a round. */
    private enum Side {
        LIBRARY, LIBRARY_ROLE_TIMEOUTS, JDBC
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
                // one unmeasured round per side first: the JIT and the server's caches warm up for every side
                for (Side side : Side.values()) {
                    run(pool, connections, side, queue(setup, runsPerRound), sql);
                }
                double[][] perSecond = new double[Side.values().length][rounds];
                for (int r = 0; r < rounds; r++) {
                    // each round starts with another side, so that no side always runs first
                    for (int i = 0; i < Side.values().length; i++) {
                        Side side = Side.values()[(r + i) % Side.values().length];
                        String target = queue(setup, runsPerRound);
                        long start = System.nanoTime();
                        int done = run(pool, connections, side, target, sql);
                        if (done != runsPerRound) {
                            throw new IllegalStateException("claimed " + done + " of " + runsPerRound);
                        }
                        perSecond[side.ordinal()][r] = done / ((System.nanoTime() - start) / 1e9);
                    }
                    out.printf(Locale.ROOT, "  round %d: library %,.0f/s, library with the role's timeouts %,.0f/s, JDBC %,.0f/s%n",
                            r + 1, perSecond[0][r], perSecond[1][r], perSecond[2][r]);
                }
                return new Result(workers, runsPerRound, rounds, median(perSecond[0]), median(perSecond[1]), median(perSecond[2]));
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

    private static int run(ExecutorService pool, List<Connection> connections, Side side, String target,
            Captured[] sql) throws Exception {
        AtomicInteger done = new AtomicInteger();
        List<Callable<Void>> workers = new ArrayList<>();
        for (Connection c : connections) {
            workers.add(switch (side) {
                case LIBRARY -> () -> libraryWorker(Registry.configure().dsl(DSL.using(c, SQLDialect.POSTGRES)).load(), target, done);
                // timeouts set for the service's role (ALTER ROLE … SET statement_timeout …) instead of per statement
                case LIBRARY_ROLE_TIMEOUTS -> () -> libraryWorker(Registry.configure().dsl(DSL.using(c, SQLDialect.POSTGRES))
                        .statementTimeout(null).lockTimeout(null).load(), target, done);
                case JDBC -> () -> jdbcWorker(c, target, sql, done);
            });
        }
        for (Future<Void> f : pool.invokeAll(workers)) {
            f.get();
        }
        return done.get();
    }

    private static Void libraryWorker(Registry registry, String target, AtomicInteger done) {
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
