package org.mlregistry.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** The migrations applied under names a service chose: the same objects, in those schemas only. */
class RenamedSchemasMigrationTest {

    /** Relations (with their kind; no partitions, which come with data), functions and triggers of a schema, by name. */
    private static final String OBJECTS = """
            SELECT kind || ' ' || name FROM (
                SELECT c.relkind::text AS kind, c.relname::text AS name FROM pg_class c
                  JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND NOT c.relispartition
                UNION ALL
                SELECT 'function', p.proname::text FROM pg_proc p
                  JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ?
                UNION ALL
                SELECT 'trigger', t.tgname::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                  JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND NOT t.tgisinternal
            ) o ORDER BY 1
            """;

    @Test
    void renamedSchemasHoldExactlyTheObjectsOfTheDefaultOnes() {
        DataSource renamed = TestDatabase.freshDatabase();

        int applied = RegistrySchema.configure().dataSource(renamed).schemas("ml_tracking", "ml_registry").load().migrate();

        DSLContext defaults = dsl(TestDatabase.dataSource());
        assertThat(applied).isEqualTo(RegistrySchema.configure().dataSource(renamed).load().info().size());
        assertThat(objects(dsl(renamed), "ml_tracking")).isNotEmpty().isEqualTo(objects(defaults, "tracking"));
        assertThat(objects(dsl(renamed), "ml_registry")).isNotEmpty().isEqualTo(objects(defaults, "registry"));
        assertThat(dsl(renamed).fetchValues("SELECT nspname FROM pg_namespace WHERE nspname IN ('tracking', 'registry')"))
                .isEmpty();
        assertThat(dsl(renamed).fetchSingle("SELECT count(*) FROM ml_registry.flyway_mlregistry_history WHERE success AND version IS NOT NULL")
                .get(0, Integer.class)).isEqualTo(applied);
    }

    @Test
    void theRenamedSchemasAreMigratedAgainWithoutChange() {
        DataSource database = TestDatabase.freshDatabase();
        RegistrySchema schema = RegistrySchema.configure().dataSource(database).schemas("ml_tracking", "ml_registry").load();
        schema.migrate();

        assertThat(schema.migrate()).isZero();
        schema.validate();
    }

    /** A database migrated before the migrations used placeholders: same content, other text, other checksums. */
    @Test
    void repairRealignsTheChecksumsOfMigrationsAppliedWithAnotherText() {
        DataSource database = TestDatabase.freshDatabase();
        RegistrySchema schema = RegistrySchema.configure().dataSource(database).load();
        schema.migrate();
        dsl(database).execute("UPDATE registry." + RegistrySchema.HISTORY_TABLE + " SET checksum = checksum + 1 WHERE version IN ('1', '52')");
        assertThatThrownBy(schema::validate).isInstanceOf(SchemaMigrationException.class).hasMessageContaining("checksum mismatch");

        schema.repair();

        schema.validate();
        assertThat(schema.migrate()).isZero();
    }

    @Test
    void aSchemaNameThatIsNoPlainIdentifierIsRefusedNamingTheField() {
        assertThatThrownBy(() -> RegistrySchema.configure().schemas("ML-tracking", "ml_registry"))
                .isInstanceOfSatisfying(InvalidSchemaNameException.class, e -> {
                    assertThat(e.field()).isEqualTo("trackingSchema");
                    assertThat(e.value()).isEqualTo("ML-tracking");
                    assertThat(e.rule()).isEqualTo(SchemaNames.RULE);
                });
        assertThatThrownBy(() -> RegistrySchema.configure().schemas("ml_tracking", "select"))
                .isInstanceOfSatisfying(InvalidSchemaNameException.class,
                        e -> assertThat(e.field()).isEqualTo("registrySchema"));
        assertThatThrownBy(() -> RegistrySchema.configure().schemas("ml", "ml"))
                .isInstanceOfSatisfying(InvalidSchemaNameException.class, e -> {
                    assertThat(e.field()).isEqualTo("registrySchema");
                    assertThat(e.rule()).isEqualTo("must differ from trackingSchema");
                });
        for (String refused : new String[] {null, "", "pg_tracking", "1tracking", "a".repeat(64), "tracking.x", "Tracking"}) {
            assertThat(SchemaNames.refusal(refused)).as(refused).isEqualTo(SchemaNames.RULE);
        }
        assertThat(SchemaNames.refusal("a".repeat(63))).isNull();
        assertThat(SchemaNames.refusal("_ml_tracking2")).isNull();
    }

    /** The migrations write schema names unquoted: every keyword PostgreSQL reserves is refused. */
    @Test
    void everyReservedKeywordOfTheServerIsRefused() {
        List<String> reserved = dsl(TestDatabase.dataSource())
                .fetch("SELECT word FROM pg_get_keywords() WHERE catcode IN ('R', 'T') ORDER BY word").getValues(0, String.class);

        assertThat(reserved).hasSizeGreaterThan(90)
                .allSatisfy(word -> assertThat(SchemaNames.refusal(word)).as(word).isEqualTo(SchemaNames.RULE));
    }

    @Test
    void schemasOfAnotherToolUnderTheChosenNamesAreRefused() {
        DataSource database = TestDatabase.freshDatabase();
        dsl(database).execute("CREATE SCHEMA ml_registry");
        dsl(database).execute("CREATE TABLE ml_registry.models (id int)");

        assertThatThrownBy(() -> RegistrySchema.configure().dataSource(database).schemas("ml_tracking", "ml_registry")
                .load().migrate())
                .isInstanceOf(SchemaMigrationException.class)
                .hasMessageContaining("ml_registry.models")
                .hasMessageContaining("ml_registry.flyway_mlregistry_history");
    }

    private static List<String> objects(DSLContext ctx, String schema) {
        return ctx.fetchValues(OBJECTS, schema, schema, schema).stream().map(String::valueOf).toList();
    }

    private static DSLContext dsl(DataSource database) {
        return DSL.using(database, SQLDialect.POSTGRES);
    }
}
