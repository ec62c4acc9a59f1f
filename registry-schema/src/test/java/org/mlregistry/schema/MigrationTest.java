package org.mlregistry.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

class MigrationTest {

    @Test
    void migrationsApplyToAnEmptyDatabase() {
        DataSource empty = TestDatabase.freshDatabase();

        int applied = RegistrySchema.configure().dataSource(empty).load().migrate();

        assertThat(applied).isEqualTo(RegistrySchema.configure().dataSource(empty).load().info().size());
        assertThat(tables(empty, "tracking")).isEqualTo(9); // lab 01's training_runs; run_leases (V41); metric_points (partitions come with the first points), run_metric_latest (V40); run_tags, experiments, sweeps, sweep_trials, run_frameworks (V42)
        assertThat(tables(empty, "registry")).isEqualTo(20 + 3); // 12 lab tables, users and experiments (challenge 1), the audit log, the history table, model_aliases and version_tags (V50), events and event_subscribers (V52); the audit log's partitions: default, this month and next (V60)
    }

    /** L1.P2.01, L2.P3.01–L2.P3.12: the lab drops its tables first; a versioned migration needs no DROP, it runs once. */
    @Test
    void aSecondMigrateIsANoOp() {
        DataSource database = TestDatabase.freshDatabase();
        RegistrySchema schema = RegistrySchema.configure().dataSource(database).load();
        schema.migrate();

        assertThat(schema.migrate()).isZero();
        schema.validate();
    }

    @Test
    void aChangedMigrationIsRefused() {
        DataSource database = TestDatabase.freshDatabase();
        RegistrySchema schema = RegistrySchema.configure().dataSource(database).load();
        schema.migrate();
        dsl(database).execute("UPDATE registry." + RegistrySchema.HISTORY_TABLE + " SET checksum = checksum + 1 WHERE version = '1'");

        assertThatThrownBy(schema::validate)
                .isInstanceOf(SchemaMigrationException.class)
                .hasMessageContaining("checksum mismatch")
                .hasMessageContaining("1");
        assertThatThrownBy(schema::migrate)
                .isInstanceOf(SchemaMigrationException.class)
                .hasMessageContaining("checksum mismatch");
    }

    @Test
    void schemasCreatedByAnotherToolAreRefused() {
        DataSource database = TestDatabase.freshDatabase();
        dsl(database).execute("CREATE SCHEMA registry");
        dsl(database).execute("CREATE TABLE registry.models (id int)");

        assertThatThrownBy(() -> RegistrySchema.configure().dataSource(database).load().migrate())
                .isInstanceOf(SchemaMigrationException.class)
                .hasMessageContaining("did not create");
        assertThat(tables(database, "tracking")).isZero();
    }

    @Test
    void loadWithoutDataSourceSaysWhatIsMissing() {
        assertThatThrownBy(() -> RegistrySchema.configure().load())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dataSource");
    }

    @Test
    void infoListsEveryMigrationAsApplied() {
        DataSource database = TestDatabase.freshDatabase();
        RegistrySchema schema = RegistrySchema.configure().dataSource(database).load();
        assertThat(schema.info()).allSatisfy(m -> assertThat(m.state()).isEqualTo("Pending"));

        schema.migrate();

        assertThat(schema.info())
                .extracting(RegistrySchema.MigrationStatus::version)
                .startsWith("1", "2", "3");
        assertThat(schema.info()).allSatisfy(m -> assertThat(m.state()).isEqualTo("Success"));
    }

    private static int tables(DataSource database, String schema) {
        return dsl(database).fetchCount(DSL.table(DSL.name("information_schema", "tables")),
                DSL.field(DSL.name("table_schema")).eq(schema)
                        .and(DSL.field(DSL.name("table_type")).eq("BASE TABLE")));
    }

    private static DSLContext dsl(DataSource database) {
        return DSL.using(database, SQLDialect.POSTGRES);
    }
}
