package org.mlregistry.examples.reliability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.mlregistry.core.Registry;
import org.mlregistry.core.tracking.Lease;
import org.mlregistry.core.tracking.Metrics;
import org.mlregistry.core.tracking.NewRun;
import org.mlregistry.schema.types.Framework;

/**
 * Part (a): workers claim and finish queued runs through the library, then the same number of
 * workers run the same SQL (captured from the library) over plain JDBC on as many runs again.
 * Counts double claims, lost runs (still queued at the end) and stuck runs (still running when
 * every worker has stopped, so nobody will finish them before their lease ends), by SQL.
 */
final class ClaimLoad {

    /**
     * @param claims runs the library's workers claimed and finished
     * @param doubles runs two workers claimed (seen by the workers, or a lease attempt above 1)
     * @param lost runs of the queue that were never claimed
     * @param stuck runs claimed and never finished
     * @param libraryPerSecond claims (with their finish) per second through the library
     * @param jdbcPerSecond the same over plain JDBC
     * @param failures failures the library's workers caught (there is no fault injection in this part)
     */
    record Result(long claims, long doubles, long lost, long stuck, double libraryPerSecond, double jdbcPerSecond,
            FailureTally failures) {
    }

    static final String TARGET = "rel-claims";
    static final String JDBC_TARGET = "rel-claims-jdbc";
    private static final String CAPTURE_TARGET = "rel-claims-capture";

    private ClaimLoad() {
    }

    static Result run(DataSource dataSource, int workers, int claims) throws Exception {
        queue(dataSource, TARGET, claims);
        queue(dataSource, JDBC_TARGET, claims);
        queue(dataSource, CAPTURE_TARGET, 1);
        SuiteDatabases.execute(dataSource, "VACUUM ANALYZE tracking.training_runs");

        Map<UUID, String> claimedBy = new ConcurrentHashMap<>();
        AtomicLong doubles = new AtomicLong();
        FailureTally failures = new FailureTally();
        List<Callable<Long>> library = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            String name = "rel-a-worker-" + w;
            library.add(new ClaimWorker(new WorkerConnection(dataSource, name), name, TARGET, claimedBy, doubles, failures));
        }
        long t0 = System.nanoTime();
        long finished = runAll(library);
        double librarySeconds = (System.nanoTime() - t0) / 1e9;

        List<CapturedStatement> claim;
        List<CapturedStatement> succeed;
        UUID capturedRun;
        try (Connection c = dataSource.getConnection()) {
            Registry plain = Registry.configure().dsl(DSL.using(c, SQLDialect.POSTGRES)).load();
            claim = CapturedStatement.capture(c, r -> r.runs().leases().claimNext(CAPTURE_TARGET, Lease.of("capture", ClaimWorker.LEASE)));
            capturedRun = plain.runs().leases().owned("capture").get(0).run().runId();
            succeed = CapturedStatement.capture(c, r -> r.runs().succeed(capturedRun, Metrics.none().withAccuracy(0.9)));
        }
        if (claim.size() != 1 || succeed.size() != 1) {
            throw new IllegalStateException("expected one statement each, the library sent " + claim + " and " + succeed);
        }
        List<Callable<Long>> jdbc = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            String owner = "rel-a-jdbc-" + w;
            jdbc.add(() -> jdbcWorker(dataSource, claim.get(0), succeed.get(0), capturedRun, owner));
        }
        long t1 = System.nanoTime();
        long jdbcFinished = runAll(jdbc);
        double jdbcSeconds = (System.nanoTime() - t1) / 1e9;
        if (jdbcFinished != claims) {
            throw new IllegalStateException("JDBC workers finished " + jdbcFinished + " of " + claims + " runs");
        }

        String ofTarget = "FROM tracking.training_runs r WHERE r.compute_target = '" + TARGET + "'";
        long leasedTwice = SuiteDatabases.count(dataSource, "SELECT count(*) " + ofTarget
                + " AND EXISTS (SELECT 1 FROM tracking.run_leases l WHERE l.run_id = r.run_id AND l.attempt > 1)");
        long lost = SuiteDatabases.count(dataSource, "SELECT count(*) " + ofTarget + " AND r.status = 'queued'");
        long stuck = SuiteDatabases.count(dataSource, "SELECT count(*) " + ofTarget + " AND r.status = 'running'");
        return new Result(finished, Math.max(doubles.get(), leasedTwice), lost, stuck, finished / librarySeconds,
                jdbcFinished / jdbcSeconds, failures);
    }

    /** Submits n runs to a compute target, in batches of 1,000 (one statement each). */
    static void queue(DataSource dataSource, String target, int n) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Registry registry = Registry.configure().dsl(DSL.using(c, SQLDialect.POSTGRES)).load();
            for (int from = 0; from < n; from += 1_000) {
                List<NewRun> batch = new ArrayList<>();
                for (int i = from; i < Math.min(n, from + 1_000); i++) {
                    batch.add(NewRun.builder().model("reliability").framework(Framework.PYTORCH).experiment(target)
                            .dataset("ds-" + i).computeTarget(target).build());
                }
                registry.runs().submitAll(batch);
            }
        }
    }

    /** The library's claim and succeed statements over JDBC, each in autocommit, until the queue is empty. */
    private static long jdbcWorker(DataSource dataSource, CapturedStatement claim, CapturedStatement succeed,
            UUID capturedRun, String owner) throws SQLException {
        long finished = 0;
        try (Connection c = dataSource.getConnection()) {
            Map<Object, Object> asThisWorker = Map.of("capture", owner, CAPTURE_TARGET, JDBC_TARGET);
            while (true) {
                UUID runId;
                try (PreparedStatement ps = claim.prepare(c, asThisWorker); ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return finished;
                    }
                    runId = rs.getObject("run_id", UUID.class);
                }
                try (PreparedStatement ps = succeed.prepare(c, Map.of(capturedRun, runId)); ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("JDBC succeed of " + runId + " changed no row");
                    }
                }
                finished++;
            }
        }
    }

    private static long runAll(List<Callable<Long>> workers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers.size());
        try {
            long total = 0;
            for (Future<Long> f : pool.invokeAll(workers)) {
                total += f.get();
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }
}
