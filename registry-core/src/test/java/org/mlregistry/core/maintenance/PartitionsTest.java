package org.mlregistry.core.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.conf.StatementType;
import org.jooq.impl.DefaultExecuteListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.RolledBackRegistry;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.models.AuditCursor;
import org.mlregistry.core.models.AuditPage;

/** Creating partitions ahead, where a row of a month without one goes, and pruning of the time-bounded reads. */
class PartitionsTest extends PartitionTestSupport {

    private static DSLContext db;

    @BeforeAll
    static void freshDatabase() {
        DataSource ds = freshMigratedDatabase();
        db = dsl(ds);
    }

    private static String month(int ahead) {
        YearMonth m = YearMonth.now(ZoneOffset.UTC).plusMonths(ahead);
        return "%04d_%02d".formatted(m.getYear(), m.getMonthValue());
    }

    @Test
    void migrationLeavesTheAuditLogWithItsDefaultTheCurrentAndTheNextMonth() {
        assertThat(partitionsOf(db, "registry.audit_log"))
                .containsExactlyInAnyOrder("audit_log_default", "audit_log_" + month(0), "audit_log_" + month(1));
        assertThat(partitionsOf(db, "tracking.metric_points")).isEmpty();
        assertThat(db.fetchSingle("SELECT pg_get_partkeydef('registry.audit_log'::regclass)").get(0, String.class))
                .isEqualTo("RANGE (occurred_at)");
        assertThat(db.fetchSingle("SELECT c.relkind::text FROM pg_class c WHERE c.oid = 'registry.events'::regclass")
                .get(0, String.class)).as("events are not partitioned").isEqualTo("r");
    }

    @Test
    void ensureAheadCreatesTheMissingMonthsOfBothTablesExactlyOnce() {
        RolledBackRegistry.run(db, registry -> {
            DSLContext ctx = registry.dsl();
            Partitions partitions = registry.maintenance().partitions();

            // metric history: the current month and 3 ahead; audit log: the migration made 2 of them
            assertThat(partitions.ensureAhead(3)).isEqualTo(4 + 2);
            assertThat(partitionsOf(ctx, "tracking.metric_points")).containsExactly(
                    "metric_points_" + month(0), "metric_points_" + month(1), "metric_points_" + month(2), "metric_points_" + month(3));
            assertThat(partitionsOf(ctx, "registry.audit_log")).containsExactlyInAnyOrder("audit_log_default",
                    "audit_log_" + month(0), "audit_log_" + month(1), "audit_log_" + month(2), "audit_log_" + month(3));

            assertThat(partitions.ensureAhead(3)).as("idempotent").isZero();
            assertThat(partitionsOf(ctx, "tracking.metric_points")).hasSize(4);
            assertThat(partitions.list(PartitionedTable.AUDIT_LOG)).extracting(TimePartition::name).containsExactly(
                    "audit_log_" + month(0), "audit_log_" + month(1), "audit_log_" + month(2), "audit_log_" + month(3),
                    "audit_log_default");
            return null;
        });
    }

    @Test
    void listGivesEachPartitionsBoundsFromTheCatalog() {
        RolledBackRegistry.run(db, registry -> {
            metricMonths(registry.dsl(), "2003-02-14T10:00:00+05:00");
            assertThat(registry.maintenance().partitions().list(PartitionedTable.METRIC_POINTS)).containsExactly(
                    new TimePartition(PartitionedTable.METRIC_POINTS, "metric_points_2003_02",
                            java.util.Optional.of(OffsetDateTime.parse("2003-02-01T00:00:00Z")),
                            java.util.Optional.of(OffsetDateTime.parse("2003-03-01T00:00:00Z"))));
            return null;
        });
    }

    @Test
    void monthsAheadOutOfRangeAreRefused() {
        RolledBackRegistry.run(db, registry -> {
            for (int months : new int[] {-1, Partitions.MAX_MONTHS_AHEAD + 1}) {
                assertThatThrownBy(() -> registry.maintenance().partitions().ensureAhead(months))
                        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("months"));
            }
            assertThat(partitionsOf(registry.dsl(), "tracking.metric_points")).isEmpty();
            return null;
        });
    }

    @Test
    void anAuditRowOfAMonthWithoutPartitionLandsInTheDefaultAndMovesToItsMonthWithoutASecondEvent() {
        RolledBackRegistry.run(db, registry -> {
            DSLContext ctx = registry.dsl();
            OffsetDateTime later = OffsetDateTime.now(ZoneOffset.UTC).plusMonths(5);
            auditRows(ctx, later, 1);
            ctx.execute("SET CONSTRAINTS ALL IMMEDIATE"); // the outbox trigger runs now, not at commit
            long auditId = count(ctx, "SELECT max(audit_id) FROM registry.audit_log");
            assertThat(ctx.fetchSingle("SELECT tableoid::regclass::text FROM registry.audit_log WHERE audit_id = ?", auditId)
                    .get(0, String.class)).isEqualTo("registry.audit_log_default");

            registry.maintenance().partitions().ensureAhead(5);

            ctx.execute("SET CONSTRAINTS ALL IMMEDIATE");
            assertThat(ctx.fetchSingle("SELECT tableoid::regclass::text FROM registry.audit_log WHERE audit_id = ?", auditId)
                    .get(0, String.class)).isEqualTo("registry.audit_log_" + month(5));
            assertThat(count(ctx, "SELECT count(*) FROM registry.audit_log_default")).isZero();
            assertThat(count(ctx, "SELECT count(*) FROM registry.events WHERE audit_id = ?", auditId)).isEqualTo(1);
            return null;
        });
    }

    @Test
    void aMetricPointOfAMonthWithoutPartitionGetsItsMonthFromTheWritePath() {
        RolledBackRegistry.run(db, registry -> {
            UUID runId = run(registry.dsl());
            registry.runs().metrics().log(new org.mlregistry.core.tracking.MetricPoint(
                    runId, "loss", 1, OffsetDateTime.parse("2036-07-04T00:00:00Z"), 0.5));
            assertThat(partitionsOf(registry.dsl(), "tracking.metric_points")).containsExactly("metric_points_2036_07");
            return null;
        });
    }

    @Test
    void anAuditWindowReadsOnlyThePartitionsOfItsMonths() {
        RolledBackRegistry.run(db, registry -> {
            auditMonths(registry.dsl(), "2003-01-10T00:00:00Z", "2003-02-10T00:00:00Z", "2003-03-10T00:00:00Z");
            auditRows(registry.dsl(), OffsetDateTime.parse("2003-02-10T00:00:00Z"), 3);
            List<String> plan = planOf(registry, r -> r.models().audit().between(
                    OffsetDateTime.parse("2003-02-03T00:00:00Z"), OffsetDateTime.parse("2003-02-20T00:00:00Z"), 2));
            assertThat(tablesRead(plan)).containsExactly("audit_log_2003_02");

            // the next page (keyset on occurred_at, audit_id) keeps the window, so the pruning
            AuditPage first = registry.models().audit().between(
                    OffsetDateTime.parse("2003-02-03T00:00:00Z"), OffsetDateTime.parse("2003-02-20T00:00:00Z"), 2);
            AuditCursor next = first.next().orElseThrow();
            assertThat(tablesRead(planOf(registry, r -> r.models().audit().between(
                    OffsetDateTime.parse("2003-02-03T00:00:00Z"), OffsetDateTime.parse("2003-02-20T00:00:00Z"), next, 2))))
                    .containsExactly("audit_log_2003_02");
            return null;
        });
    }

    @Test
    void aMetricHistoryWindowReadsOnlyThePartitionsOfItsMonths() {
        RolledBackRegistry.run(db, registry -> {
            metricMonths(registry.dsl(), "2003-01-10T00:00:00Z", "2003-02-10T00:00:00Z", "2003-03-10T00:00:00Z");
            UUID runId = run(registry.dsl());
            points(registry.dsl(), runId, OffsetDateTime.parse("2003-02-10T00:00:00Z"), 3);
            List<String> plan = planOf(registry, r -> r.runs().metrics().history(runId, "loss",
                    OffsetDateTime.parse("2003-01-20T00:00:00Z"), OffsetDateTime.parse("2003-02-20T00:00:00Z")));
            assertThat(tablesRead(plan)).containsExactly("metric_points_2003_01", "metric_points_2003_02");
            return null;
        });
    }

    @Test
    void readsWithoutATimeBoundVisitEveryPartition() {
        RolledBackRegistry.run(db, registry -> {
            auditMonths(registry.dsl(), "2003-01-10T00:00:00Z", "2003-02-10T00:00:00Z");
            List<String> plan = planOf(registry, r -> r.models().audit().byActor("partition-test", 10));
            assertThat(tablesRead(plan)).contains("audit_log_2003_01", "audit_log_2003_02", "audit_log_default",
                    "audit_log_" + month(0), "audit_log_" + month(1));
            return null;
        });
    }

    /** The plan of the one statement the call sends, its values inlined, over the registry's transaction. */
    private static List<String> planOf(Registry registry, java.util.function.Consumer<Registry> call) {
        AtomicReference<String> sent = new AtomicReference<>();
        DSLContext capturing = registry.dsl().configuration()
                .derive(registry.dsl().settings().withStatementType(StatementType.STATIC_STATEMENT))
                .derive(new DefaultExecuteListener() {
                    @Override
                    public void executeStart(ExecuteContext ctx) {
                        sent.set(ctx.sql());
                    }
                }).dsl();
        call.accept(Registry.configure().dsl(capturing).load());
        return new ArrayList<>(registry.dsl().fetch("EXPLAIN (COSTS OFF) " + sent.get()).getValues(0, String.class));
    }
}
