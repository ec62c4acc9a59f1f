package org.mlregistry.core.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;

/**
 * Retention of the metric history detaches {@code CONCURRENTLY}: while it waits for a transaction
 * that still reads the old month, other readers of the table go on unblocked (and no longer see
 * the month being detached).
 */
class ConcurrentDetachTest extends PartitionTestSupport {

    @Test
    void aReaderIsNotBlockedWhileTheDetachWaitsForAnOlderTransaction() throws Exception {
        DataSource ds = freshMigratedDatabase();
        DSLContext db = dsl(ds);
        metricMonths(db, "2004-01-10T00:00:00Z", "2004-02-10T00:00:00Z");
        UUID runId = run(db);
        points(db, runId, OffsetDateTime.parse("2004-01-10T00:00:00Z"), 2);
        points(db, runId, OffsetDateTime.parse("2004-02-10T00:00:00Z"), 3);
        Partitions partitions = Registry.configure().dataSource(ds).load().maintenance().partitions();

        try (Connection oldReader = ds.getConnection(); Connection newReader = ds.getConnection(); Connection watcher = ds.getConnection()) {
            oldReader.setAutoCommit(false);
            assertThat(countPoints(oldReader)).isEqualTo(5); // its transaction now uses the January partition

            CompletableFuture<List<String>> retention = CompletableFuture.supplyAsync(
                    () -> partitions.dropOlderThan(PartitionedTable.METRIC_POINTS, OffsetDateTime.parse("2004-02-01T00:00:00Z")));
            int detacher = awaitWaitingDetach(watcher);

            try (Statement s = newReader.createStatement()) {
                s.execute("SET lock_timeout = '10s'"); // a guard: a blocked reader fails instead of hanging the build
            }
            // a new snapshot already leaves the detaching month out, and is not blocked
            assertThat(countPoints(newReader)).as("a reader during the detach").isEqualTo(3);
            assertThat(ungrantedLocks(watcher, detacher)).as("the detach still waits").isPositive();
            assertThat(retention).isNotDone();

            oldReader.commit();
            assertThat(retention.get(60, TimeUnit.SECONDS)).containsExactly("metric_points_2004_01");
            assertThat(countPoints(newReader)).isEqualTo(3);
        }
    }

    private static long countPoints(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM tracking.metric_points")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** The backend running the concurrent detach, once it waits for a lock (for the older transaction to end). */
    private static int awaitWaitingDetach(Connection watcher) throws SQLException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (PreparedStatement s = watcher.prepareStatement("""
                SELECT a.pid FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid AND NOT l.granted
                 WHERE a.datname = current_database() AND a.query LIKE '%DETACH PARTITION%CONCURRENTLY%'
                """)) {
            while (System.nanoTime() < deadline) {
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        return r.getInt(1);
                    }
                }
                Thread.onSpinWait();
            }
        }
        throw new AssertionError("no DETACH … CONCURRENTLY waited for a lock within 30 s");
    }

    private static int ungrantedLocks(Connection watcher, int pid) throws SQLException {
        try (PreparedStatement s = watcher.prepareStatement("SELECT count(*) FROM pg_locks WHERE pid = ? AND NOT granted")) {
            s.setInt(1, pid);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }
}
