package org.mlregistry.core.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.TransactionNotAllowedException;

/** Retention retires whole partitions entirely older than the cutoff; rows of newer ones stay. Committed, in a fresh database each. */
class RetentionTest extends PartitionTestSupport {

    private DSLContext db;
    private Partitions partitions;

    @BeforeEach
    void freshDatabase() {
        var ds = freshMigratedDatabase();
        db = dsl(ds);
        partitions = Registry.configure().dataSource(ds).load().maintenance().partitions();
    }

    @Test
    void dropOlderThanDropsTheMetricMonthsBeforeTheCutoffAndKeepsTheMonthHoldingIt() {
        metricMonths(db, "2001-01-10T00:00:00Z", "2001-02-10T00:00:00Z", "2001-03-10T00:00:00Z", "2001-04-10T00:00:00Z");
        UUID runId = run(db);
        points(db, runId, OffsetDateTime.parse("2001-01-31T23:59:59Z"), 3);
        points(db, runId, OffsetDateTime.parse("2001-02-10T00:00:00Z"), 4);
        points(db, runId, OffsetDateTime.parse("2001-03-01T00:00:00Z"), 5);
        points(db, runId, OffsetDateTime.parse("2001-04-20T00:00:00Z"), 6);

        assertThat(partitions.dropOlderThan(PartitionedTable.METRIC_POINTS, OffsetDateTime.parse("2001-03-15T00:00:00Z")))
                .containsExactly("metric_points_2001_01", "metric_points_2001_02");

        assertThat(partitionsOf(db, "tracking.metric_points")).containsExactly("metric_points_2001_03", "metric_points_2001_04");
        assertThat(count(db, "SELECT count(*) FROM pg_class WHERE relname IN ('metric_points_2001_01', 'metric_points_2001_02')")).isZero();
        assertThat(count(db, "SELECT count(*) FROM tracking.metric_points WHERE run_id = ?", runId)).isEqualTo(5 + 6);
        assertThat(count(db, "SELECT count(*) FROM tracking.metric_points_2001_03")).isEqualTo(5);
        assertThat(count(db, "SELECT count(*) FROM tracking.run_metric_latest WHERE run_id = ?", runId))
                .as("the latest table is untouched (it was not written by hand)").isZero();
    }

    @Test
    void aCutoffOnAMonthsFirstInstantDropsThatMonthsPredecessorOnly() {
        metricMonths(db, "2001-05-10T00:00:00Z", "2001-06-10T00:00:00Z");
        assertThat(partitions.dropOlderThan(PartitionedTable.METRIC_POINTS, OffsetDateTime.parse("2001-06-01T00:00:00Z")))
                .containsExactly("metric_points_2001_05");
        assertThat(partitionsOf(db, "tracking.metric_points")).containsExactly("metric_points_2001_06");
    }

    @Test
    void detachOlderThanLeavesTheOldAuditMonthsAsPlainTablesWithTheirRows() {
        auditMonths(db, "2002-01-10T00:00:00Z", "2002-02-10T00:00:00Z", "2002-03-10T00:00:00Z");
        auditRows(db, OffsetDateTime.parse("2002-01-05T00:00:00Z"), 2);
        auditRows(db, OffsetDateTime.parse("2002-02-05T00:00:00Z"), 3);
        auditRows(db, OffsetDateTime.parse("2002-03-05T00:00:00Z"), 4);

        assertThat(partitions.detachOlderThan(PartitionedTable.AUDIT_LOG, OffsetDateTime.parse("2002-02-15T00:00:00Z")))
                .containsExactly("audit_log_2002_01");

        assertThat(partitionsOf(db, "registry.audit_log")).doesNotContain("audit_log_2002_01").contains("audit_log_2002_02",
                "audit_log_2002_03", "audit_log_default");
        assertThat(count(db, "SELECT count(*) FROM registry.audit_log_2002_01")).isEqualTo(2);
        assertThat(count(db, "SELECT count(*) FROM registry.audit_log WHERE actor = 'partition-test'")).isEqualTo(3 + 4);
        assertThat(count(db, "SELECT count(*) FROM registry.events WHERE actor = 'partition-test'"))
                .as("the events of retired audit rows stay").isEqualTo(2 + 3 + 4);
    }

    @Test
    void dropOlderThanNeverTouchesTheAuditLogsDefaultOrCurrentPartitions() {
        auditMonths(db, "2002-04-10T00:00:00Z");
        auditRows(db, OffsetDateTime.now(), 2);
        assertThat(partitions.dropOlderThan(PartitionedTable.AUDIT_LOG, OffsetDateTime.now())).containsExactly("audit_log_2002_04");
        assertThat(count(db, "SELECT count(*) FROM registry.audit_log WHERE actor = 'partition-test'")).isEqualTo(2);
        assertThat(partitionsOf(db, "registry.audit_log")).contains("audit_log_default").hasSize(3);
    }

    @Test
    void aCutoffInTheFutureOrNullIsRefusedAndNothingIsDropped() {
        metricMonths(db, "2001-07-10T00:00:00Z");
        assertThatThrownBy(() -> partitions.dropOlderThan(PartitionedTable.METRIC_POINTS, OffsetDateTime.now().plusDays(1)))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.field()).isEqualTo("cutoff");
                    assertThat(e.rule()).isEqualTo("must not be in the future");
                });
        assertThatThrownBy(() -> partitions.dropOlderThan(PartitionedTable.METRIC_POINTS, null))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("cutoff"));
        assertThatThrownBy(() -> partitions.detachOlderThan(null, OffsetDateTime.now()))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("table"));
        assertThat(partitionsOf(db, "tracking.metric_points")).containsExactly("metric_points_2001_07");
    }

    @Test
    void retentionInsideATransactionIsRefusedAndNothingIsDetached() {
        metricMonths(db, "2001-08-10T00:00:00Z");
        Registry registry = Registry.configure().dsl(db).load();
        assertThatThrownBy(() -> registry.inTransaction(ctx -> registry.maintenance().partitions()
                .dropOlderThan(PartitionedTable.METRIC_POINTS, OffsetDateTime.parse("2002-01-01T00:00:00Z"))))
                .isInstanceOfSatisfying(TransactionNotAllowedException.class,
                        e -> assertThat(e.operation()).isEqualTo("dropOlderThan"));
        assertThat(partitionsOf(db, "tracking.metric_points")).containsExactly("metric_points_2001_08");
    }
}
