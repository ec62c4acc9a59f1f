package org.mlregistry.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;

class MetricPartitionsConcurrencyTest extends MetricTestSupport {

    private static final OffsetDateTime MONTH = OffsetDateTime.parse("2031-01-05T00:00:00Z");

    @Test
    void twoSessionsEnsuringTheSameMonthCreateItOnceAndNeitherFails() throws Exception {
        DataSource ds = freshMigratedDatabase();   // partitions get committed here, not in the shared database
        MetricPartitions partitions = Registry.configure().dataSource(ds).load().runs().metrics().partitions();
        try (Connection first = ds.getConnection(); Connection watcher = ds.getConnection()) {
            first.setAutoCommit(false);
            try (PreparedStatement s = first.prepareStatement("SELECT tracking.ensure_metric_partitions(ARRAY[?::timestamptz])")) {
                s.setString(1, MONTH.toString());
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    assertThat(r.getInt(1)).isEqualTo(1);
                }
            }
            // the second session cannot see the uncommitted partition and waits for the first one's lock
            CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> partitions.ensure(MONTH, MONTH));
            awaitASessionWaitingForALock(watcher);
            assertThat(second).isNotDone();

            first.commit();
            assertThat(second.get(30, TimeUnit.SECONDS)).isZero();
        }
        assertThat(partitions.list()).extracting(MetricPartition::name).containsExactly("metric_points_2031_01");
    }

    private static void awaitASessionWaitingForALock(Connection watcher) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (PreparedStatement s = watcher.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")) {
            while (System.nanoTime() < deadline) {
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    if (r.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.onSpinWait();
            }
        }
        throw new AssertionError("no session waited for a lock within 30 s");
    }
}
