package org.mlregistry.examples.cookbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.examples.cookbook.PartitionMaintenanceCookbook.Night;
import org.mlregistry.schema.RegistrySchema;
import org.mlregistry.schema.TestDatabase;

/** The nightly storage job on a fresh database (retention commits, so not on the shared one). */
class PartitionMaintenanceCookbookTest {

    @Test
    void createsTheComingMonthsDropsOldMetricMonthsAndDetachesOldAuditMonths() {
        DataSource ds = TestDatabase.freshDatabase();
        RegistrySchema.configure().dataSource(ds).load().migrate();
        DSLContext db = DSL.using(ds, SQLDialect.POSTGRES);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String oldMetricMonth = now.minusMonths(20).toString();
        String oldAuditMonth = now.minusYears(8).toString();
        db.execute("SELECT tracking.ensure_metric_partitions(ARRAY[?::timestamptz])", oldMetricMonth);
        db.execute("SELECT registry.ensure_audit_partitions(ARRAY[?::timestamptz])", oldAuditMonth);

        Night night = PartitionMaintenanceCookbook.run(Registry.configure().dataSource(ds).load(), now);

        // metric history: this month and 3 ahead; audit log: the migration made this and the next month
        assertThat(night.created()).isEqualTo(4 + 2);
        assertThat(night.droppedMetricMonths()).containsExactly(name("metric_points_", now.minusMonths(20)));
        assertThat(night.detachedAuditMonths()).containsExactly(name("audit_log_", now.minusYears(8)));
        assertThat(db.fetchSingle("SELECT count(*) FROM pg_inherits WHERE inhparent = 'tracking.metric_points'::regclass")
                .get(0, Integer.class)).isEqualTo(4);
        assertThat(db.fetchSingle("SELECT relispartition FROM pg_class WHERE oid = to_regclass(?)",
                "registry." + name("audit_log_", now.minusYears(8))).get(0, Boolean.class)).as("kept as a plain table").isFalse();
    }

    private static String name(String prefix, OffsetDateTime t) {
        return prefix + "%04d_%02d".formatted(t.getYear(), t.getMonthValue());
    }
}
