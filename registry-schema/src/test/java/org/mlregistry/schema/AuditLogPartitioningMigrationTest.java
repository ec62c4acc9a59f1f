package org.mlregistry.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** V60 turns an audit log with rows into a partitioned one in place: no row copied, no index rebuilt, no event twice. */
class AuditLogPartitioningMigrationTest {

    @Test
    void theExistingAuditRowsBecomeTheLegacyPartitionAndNewRowsGoToTheirMonth() {
        DataSource ds = TestDatabase.freshDatabase();
        Flyway.configure().dataSource(ds).locations(RegistrySchema.MIGRATIONS_LOCATION).table(RegistrySchema.HISTORY_TABLE)
                .schemas(RegistrySchema.SCHEMAS.toArray(String[]::new)).placeholders(SchemaNames.DEFAULT.placeholders()).createSchemas(true).target("52").load().migrate();
        DSLContext db = DSL.using(ds, SQLDialect.POSTGRES);
        db.execute("""
                INSERT INTO registry.audit_log (entity_type, entity_id, action, actor, occurred_at) VALUES
                ('team', gen_random_uuid(), 'create', 'alice', '2024-01-05T10:00:00Z'),
                ('team', gen_random_uuid(), 'create', 'bob', '2024-03-10T10:00:00Z')
                """);
        List<Long> oldIndexes = db.fetch("SELECT indexrelid::bigint FROM pg_index WHERE indrelid = 'registry.audit_log'::regclass "
                + "AND indexrelid::regclass::text LIKE 'registry.idx_audit%' ORDER BY 1").getValues(0, Long.class);

        RegistrySchema.configure().dataSource(ds).load().migrate();

        assertThat(db.fetchSingle("SELECT pg_get_partkeydef('registry.audit_log'::regclass)").get(0, String.class))
                .isEqualTo("RANGE (occurred_at)");
        db.execute("SET TIME ZONE 'UTC'");
        assertThat(db.fetchSingle("SELECT pg_get_expr(relpartbound, oid) FROM pg_class WHERE oid = 'registry.audit_log_legacy'::regclass")
                .get(0, String.class)).isEqualTo("FOR VALUES FROM (MINVALUE) TO ('2024-04-01 00:00:00+00')");
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        assertThat(db.fetch("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                + "WHERE i.inhparent = 'registry.audit_log'::regclass ORDER BY 1").getValues(0, String.class))
                .containsExactlyInAnyOrder("audit_log_legacy", "audit_log_default", name(now), name(now.plusMonths(1)));
        assertThat(db.fetch("SELECT audit_id, actor, tableoid::regclass::text FROM registry.audit_log ORDER BY audit_id")
                .map(r -> r.get(0) + " " + r.get(1) + " " + r.get(2)))
                .containsExactly("1 alice registry.audit_log_legacy", "2 bob registry.audit_log_legacy");
        assertThat(db.fetch("SELECT p.inhparent::regclass::text FROM pg_inherits p WHERE p.inhrelid = ANY(?::oid[]) ORDER BY 1",
                (Object) oldIndexes.toArray(Long[]::new)).getValues(0, String.class))
                .as("the old table's indexes are attached to the new parent's, not rebuilt")
                .containsExactly("registry.idx_audit_actor", "registry.idx_audit_actor_id", "registry.idx_audit_entity",
                        "registry.idx_audit_model_id", "registry.idx_audit_occurred_id");
        assertThat(db.fetchSingle("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'audit_log_pkey' "
                + "AND conrelid = 'registry.audit_log'::regclass").get(0, String.class)).isEqualTo("PRIMARY KEY (audit_id, occurred_at)");

        db.execute("INSERT INTO registry.audit_log (entity_type, entity_id, action, actor) VALUES ('team', gen_random_uuid(), 'create', 'carol')");
        assertThat(db.fetch("SELECT audit_id, actor, tableoid::regclass::text FROM registry.audit_log WHERE actor = 'carol'")
                .map(r -> r.get(0) + " " + r.get(1) + " " + r.get(2))).containsExactly("3 carol registry." + name(now));
        assertThat(db.fetch("SELECT audit_id FROM registry.events ORDER BY event_id").getValues(0, Long.class))
                .as("one event per audit row, none twice").containsExactly(1L, 2L, 3L);
        db.execute("INSERT INTO registry.audit_log (entity_type, entity_id, action, actor) "
                + "VALUES ('model', '00000000-0000-0000-0000-0000000000aa', 'create', 'dave')");
        assertThat(db.fetchSingle("SELECT model_id::text FROM registry.audit_log WHERE actor = 'dave'").get(0, String.class))
                .as("the model_id trigger runs on the parent's partitions").isEqualTo("00000000-0000-0000-0000-0000000000aa");
    }

    private static String name(YearMonth m) {
        return "audit_log_%04d_%02d".formatted(m.getYear(), m.getMonthValue());
    }
}
