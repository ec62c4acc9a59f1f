package org.mlregistry.examples.lab02;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.jooq.impl.DSL.count;
import static org.mlregistry.schema.jooq.registry.Tables.MODELS;
import static org.mlregistry.schema.jooq.registry.Tables.MODEL_VERSIONS;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Index;
import org.jooq.Named;
import org.jooq.Record;
import org.jooq.Record5;
import org.jooq.Result;
import org.jooq.Table;
import org.junit.jupiter.api.Test;
import org.mlregistry.examples.equivalence.LabSql;
import org.mlregistry.schema.DatabaseTest;
import org.mlregistry.schema.types.ModelFramework;

/** Lab 02, Parts 3 and 4: the counts PostgreSQL gives, \dt and \d+ through jOOQ Meta, the CASCADE test. */
class SchemaVerificationTest extends DatabaseTest {

    /** V42's tables in schema tracking that hold foreign keys. */
    private static final List<String> TRACKING_V42 = List.of("run_tags", "sweep_trials", "run_frameworks");

    /** Lab 02's 12 tables, the 2 of challenge 1 (V20: experiments, users), the API's audit_log (V10), model_aliases and version_tags (V50). */
    private static final List<String> REGISTRY_TABLES = List.of("approvals", "audit_log", "dataset_tags", "datasets", "deployments",
            "environments", "event_subscribers", "events", "experiments", "model_aliases", "model_tags", "model_versions", "models",
            "run_datasets", "tags", "teams", "training_runs", "users", "version_tags");

    /**
     * The tables with V60's audit_log partitions after audit_log, as a fresh migration leaves them:
     * this month's, next month's (UTC) and the default one.
     */
    private static List<String> withAuditPartitions(List<String> tables) {
        java.time.YearMonth now = java.time.YearMonth.now(java.time.ZoneOffset.UTC);
        List<String> all = new java.util.ArrayList<>(tables);
        all.addAll(all.indexOf("audit_log") + 1, List.of("audit_log_%04d_%02d".formatted(now.getYear(), now.getMonthValue()),
                "audit_log_%04d_%02d".formatted(now.plusMonths(1).getYear(), now.plusMonths(1).getMonthValue()), "audit_log_default"));
        return all;
    }

    /**
     * L2.P3.102, L2.P3.103, L2.P3.104: the lab prints 14 tables, 12 foreign keys and 45 indexes. Lab 02's schema has
     * 12 tables, 13 foreign keys and 57 indexes (38 idx_*, 12 primary keys, 7 unique constraints);
     * challenge 1 (V20) adds 2 tables, 5 foreign keys (users.team_id, experiments.model_id,
     * experiments.created_by_user_id, training_runs.experiment_id, models.created_by_user_id) and
     * 12 indexes (2 primary keys, 3 unique constraints, 7 idx_*); the model-registry API's V10 adds the
     * audit_log table and 4 indexes (its primary key, 2 idx_audit_*, idx_deployments_env_version_active);
     * V50 adds model_aliases and version_tags, 3 foreign keys (model_aliases (model_id, version_id) and
     * previous_version_id, version_tags.version_id) and 6 indexes (model_versions_model_version_key, the
     * two primary keys, idx_model_aliases_version, idx_model_aliases_previous, idx_version_tags_key_value).
     * The listing joins key and referenced columns by constraint name only, so the two-column key of
     * model_aliases shows as 2 × 2 rows. V52 adds events and event_subscribers and 7 indexes
     * (3 idx_audit_*_id, 2 primary keys, 2 unique keys of events). V60 partitions audit_log by month:
     * a fresh migration leaves 3 partitions (audit_log_default, this month's, next month's), each a
     * table with its copies of the parent's 6 indexes (its primary key and 5 indexes named by PostgreSQL):
     * 18 indexes, 104 in all.
     * The lab's foreign-key listing (L2.P4.04) is not limited to a schema, so it also shows the foreign
     * keys of the tables mlregistry adds beside lab 01's runs: tracking.run_leases.run_id (V41),
     * metric_points.run_id and run_metric_latest.run_id (V40), and V42's run_tags.run_id,
     * sweep_trials.sweep_id, sweep_trials.run_id and run_frameworks.run_id.
     */
    @Test
    void countsAreWhatPostgresSays() {
        rolledBack(ctx -> {
            assertThat(SchemaVerification.countTables(ctx).get(0).value1()).isEqualTo(12 + 2 + 1 + 2 + 2 + 3);
            assertThat(SchemaVerification.countForeignKeys(ctx).get(0).value1()).isEqualTo(13 + 5 + 3);
            assertThat(SchemaVerification.countIndexes(ctx).get(0).value1()).isEqualTo(57 + 12 + 4 + 6 + 7 + 18);
            assertThat(SchemaVerification.listForeignKeys(ctx)).hasSize(13 + 5 + 1 + 2 + 4 + 4 + 1 + 1);
            assertThat(SchemaVerification.listForeignKeys(ctx)).filteredOn(fk -> TRACKING_V42.contains(fk.value1()))
                    .extracting(fk -> fk.value1() + "." + fk.value2() + " -> " + fk.value3() + " " + fk.value5())
                    .containsExactly("run_frameworks.run_id -> training_runs CASCADE", "run_tags.run_id -> training_runs CASCADE",
                            "sweep_trials.run_id -> training_runs CASCADE", "sweep_trials.sweep_id -> sweeps CASCADE");
        });
    }

    /**
     * L2.P3.104: the registry's 104 indexes by kind: 38 idx_* of lab 02, 7 of challenge 1, 3 of V10, 3 of V50
     * and 3 of V52; 12 primary keys of lab 02, 2 of challenge 1, 1 of V10, 2 of V50 and 2 of V52; 7 unique
     * constraints of lab 02, 3 of challenge 1, 1 of V50 and 2 of V52. V60's 3 audit_log partitions add a
     * primary key each and 5 indexes each that PostgreSQL names (other).
     */
    @Test
    void indexesAreExplicitPrimaryKeysAndUniqueConstraints() {
        Map<String, Integer> byKind = rolledBack(ctx -> {
            return ctx.fetch("""
                SELECT CASE WHEN con.contype = 'p' THEN 'primary key' WHEN con.contype = 'u' THEN 'unique'
                            WHEN c.relname LIKE 'idx\\_%' THEN 'idx' ELSE 'other' END AS kind, count(*)::int
                FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
                LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.contype IN ('p', 'u')
                WHERE t.relnamespace = 'registry'::regnamespace AND t.relname NOT LIKE 'flyway%'
                GROUP BY 1""").intoMap(r -> r.get(0, String.class), r -> r.get(1, Integer.class));
        });

        assertThat(byKind).isEqualTo(Map.of("idx", 38 + 7 + 3 + 3 + 3, "primary key", 12 + 2 + 1 + 2 + 2 + 3, "unique", 7 + 3 + 1 + 2,
                "other", 3 * 5));
    }

    /** L2.P3.102, L2.P3.103: without challenge 1's tables and columns (and V42's in tracking, V50's and V52's in registry), the lab's own schema: 12 tables and 13 foreign keys. */
    @Test
    void theLabsOwnSchemaHasTwelveTablesAndThirteenForeignKeys() {
        rolledBack(ctx -> {
            List<String> notLab02 = List.of("users", "experiments", "audit_log", "events", "event_subscribers", "run_leases",
                    "metric_points", "run_metric_latest", "run_tags", "sweep_trials", "run_frameworks", "model_aliases", "version_tags");
            assertThat(SchemaVerification.listTables(ctx).getValues("Name", String.class))
                    .filteredOn(t -> !notLab02.contains(t) && !t.startsWith("audit_log_")).hasSize(12);
            assertThat(SchemaVerification.listForeignKeys(ctx))
                    .filteredOn(fk -> !notLab02.contains(fk.value1()) && !notLab02.contains(fk.value3()))
                    .filteredOn(fk -> !fk.value2().equals("experiment_id"))
                    .hasSize(13);
        });
    }

    /** L2.P3.102, L2.P3.103, L2.P3.104: the lab's own counts look in schema public, which holds none of mlregistry's tables. */
    @Test
    void theLabsCountsFindNothingInSchemaPublic() {
        rolledBack(ctx -> {
            assertThat(countOf(LabSql.run(ctx, "registry", """
                    SELECT COUNT(*) AS table_count FROM information_schema.tables
                    WHERE table_schema = 'public' AND table_type = 'BASE TABLE';
                    """).rows())).isZero();
            assertThat(countOf(LabSql.run(ctx, "registry", """
                    SELECT COUNT(*) AS foreign_key_count FROM information_schema.table_constraints
                    WHERE constraint_type = 'FOREIGN KEY' AND table_schema = 'public';
                    """).rows())).isZero();
            assertThat(countOf(LabSql.run(ctx, "registry", """
                    SELECT COUNT(*) AS index_count FROM pg_indexes WHERE schemaname = 'public';
                    """).rows())).isZero();
        });
    }

    /** L2.P3.102: Flyway's history table shares schema registry; the registry-qualified counts leave it out. */
    @Test
    void flywaysHistoryTableSharesTheSchema() {
        rolledBack(ctx -> {
            Result<Record> all = LabSql.run(ctx, "registry", """
                    SELECT table_name FROM information_schema.tables
                    WHERE table_schema = 'registry' AND table_type = 'BASE TABLE'
                    """).rows();
            assertThat(all.getValues(0, String.class)).hasSize(20 + 3).contains("flyway_mlregistry_history"); // with V50's and V52's tables and V60's 3 audit_log partitions
        });
    }

    /** L2.P4.01 (\dt). */
    @Test
    void listTablesShowsTheRegistrysTables() {
        rolledBack(ctx -> {
            Result<?> tables = SchemaVerification.listTables(ctx);
            assertThat(tables.getValues("Name", String.class)).containsExactlyElementsOf(withAuditPartitions(REGISTRY_TABLES));
            assertThat(tables.getValues("Schema", String.class)).containsOnly("registry");
            assertThat(tables.getValues("Type", String.class)).containsOnly("table");
        });
    }

    /** L2.P4.02 (\d+ models): the database's columns, as the generated class knows them, with comments. */
    @Test
    void describeModelsShowsColumnsNullabilityDefaultsAndComments() {
        rolledBack(ctx -> {
            Result<Record5<String, String, String, String, String>> columns = SchemaVerification.describeModels(ctx);
            System.out.println(columns);

            assertThat(columns.getValues("Column", String.class)).containsExactlyElementsOf(names(MODELS.fields()));
            Record5<String, String, String, String, String> modelName = row(columns, "model_name");
            assertThat(modelName.value3()).isEqualTo("not null");
            assertThat(modelName.value5()).isEqualTo("Unique identifier (kebab-case)");
            Record5<String, String, String, String, String> modelId = row(columns, "model_id");
            assertThat(modelId.value2()).isEqualToIgnoringCase("uuid");
            assertThat(modelId.value4()).contains("gen_random_uuid()");
            assertThat(row(columns, "risk_level").value4()).contains("'medium'");
            assertThat(row(columns, "risk_level").value5()).isEqualTo("Business risk classification");
            assertThat(row(columns, "compliance_required").value5()).isEqualTo("Requires approval workflow");
            assertThat(row(columns, "description").value3()).isEmpty();

            // The rest of \d+: indexes and foreign keys, from the same Meta table
            Table<?> models = SchemaVerification.metaTable(ctx, "models");
            assertThat(models.getIndexes().stream().map(Index::getName))
                    .contains("idx_models_team", "idx_models_risk", "idx_models_name", "idx_models_created");
            assertThat(models.getReferences().stream().map(fk -> fk.getKey().getTable().getName()))
                    .containsExactlyInAnyOrder("teams", "users"); // users: challenge 1 (V20)
        });
    }

    /** L2.P4.03 (\d+ model_versions). */
    @Test
    void describeModelVersionsShowsColumnsNullabilityAndComments() {
        rolledBack(ctx -> {
            Result<Record5<String, String, String, String, String>> columns = SchemaVerification.describeModelVersions(ctx);
            System.out.println(columns);

            assertThat(columns.getValues("Column", String.class)).containsExactlyElementsOf(names(MODEL_VERSIONS.fields()));
            assertThat(row(columns, "semver").value3()).isEqualTo("not null");
            assertThat(row(columns, "semver").value5()).isEqualTo("Semantic version (major.minor.patch)");
            assertThat(row(columns, "artifact_uri").value5()).isEqualTo("Cloud storage location (s3://, gs://, etc.)");
            assertThat(row(columns, "status").value4()).contains("'registered'");
            assertThat(row(columns, "git_commit").value3()).isEmpty();
            assertThat(row(columns, "artifact_size_mb").value2()).isEqualTo("numeric(10,2)");
            assertThat(row(columns, "benchmark_accuracy").value2()).isEqualTo("numeric(5,4)");
            assertThat(row(columns, "registered_at").value2()).isEqualTo("timestamp with time zone");

            Table<?> versions = SchemaVerification.metaTable(ctx, "model_versions");
            assertThat(versions.getIndexes().stream().map(Index::getName)).contains("idx_versions_model",
                    "idx_versions_status", "idx_versions_semver", "idx_versions_registered", "idx_versions_framework");
            assertThat(versions.getReferences()).singleElement()
                    .satisfies(fk -> assertThat(fk.getKey().getTable().getName()).isEqualTo("models"));
        });
    }

    /** L2.P4.06–L2.P4.09: the version exists before the model is deleted, and is gone after. */
    @Test
    void deletingAModelDeletesItsVersions() {
        rolledBack(ctx -> {
            assertThat(SchemaVerification.cascadeDeletesVersionsWithTheirModel(ctx).get(0).value1()).isZero();
            assertThat(ctx.fetchCount(MODELS, MODELS.MODEL_NAME.eq("test-model"))).isZero();
        });
        rolledBack(ctx -> {
            UUID modelId = ctx.insertInto(MODELS, MODELS.MODEL_NAME, MODELS.DISPLAY_NAME)
                    .values("test-model", "Test Model").returning(MODELS.MODEL_ID).fetchOne(MODELS.MODEL_ID);
            ctx.insertInto(MODEL_VERSIONS, MODEL_VERSIONS.MODEL_ID, MODEL_VERSIONS.SEMVER, MODEL_VERSIONS.ARTIFACT_URI,
                            MODEL_VERSIONS.FRAMEWORK, MODEL_VERSIONS.REGISTERED_BY)
                    .values(modelId, "1.0.0", "s3://test/", ModelFramework.PYTORCH, "test@example.com").execute();
            assertThat(ctx.fetchCount(MODEL_VERSIONS, MODEL_VERSIONS.MODEL_ID.eq(modelId))).isEqualTo(1);

            assertThat(ctx.deleteFrom(MODELS).where(MODELS.MODEL_NAME.eq("test-model")).execute()).isEqualTo(1);

            assertThat(ctx.select(count()).from(MODEL_VERSIONS).where(MODEL_VERSIONS.MODEL_ID.eq(modelId)).fetchOne(0, Integer.class))
                    .isZero();
        });
    }

    /** L2.P4.07, L2.P4.09: the lab's placeholder cannot run as written: the id must be carried from the INSERT. */
    @Test
    void theLabsPlaceholderIsNoUuid() {
        Throwable thrown = catchThrowable(() -> rolledBack(ctx -> {
            LabSql.run(ctx, "registry", """
                    INSERT INTO model_versions (model_id, semver, artifact_uri, framework, registered_by)
                    VALUES ('YOUR-UUID-HERE', '1.0.0', 's3://test/', 'pytorch', 'test@example.com');
                    """);
        }));
        assertThat(thrown).hasStackTraceContaining("invalid input syntax for type uuid");
    }

    private static long countOf(Result<Record> rows) {
        return rows.get(0).get(0, Long.class);
    }

    private static List<String> names(Field<?>[] fields) {
        return Arrays.stream(fields).map(Named::getName).toList();
    }

    private static Record5<String, String, String, String, String> row(
            Result<Record5<String, String, String, String, String>> columns, String column) {
        return columns.stream().filter(r -> r.value1().equals(column)).findFirst().orElseThrow();
    }
}
