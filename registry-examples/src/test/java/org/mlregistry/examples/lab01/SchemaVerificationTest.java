package org.mlregistry.examples.lab01;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jooq.Record;
import org.jooq.Record3;
import org.jooq.Result;
import org.jooq.Field;
import org.jooq.Record4;
import org.junit.jupiter.api.Test;
import org.mlregistry.examples.LabSamplesTest;
import org.mlregistry.examples.catalog.LabCatalog;
import org.mlregistry.examples.equivalence.LabSql;

/**
 * What lab 01's schema checks show about the migrated table, beyond being the same rows as the
 * catalog queries (LabEquivalenceTest): psql's facts come from the connection, the columns are
 * jOOQ's generated ones, and unique_daily_run is an index, not a constraint.
 */
class SchemaVerificationTest extends LabSamplesTest {

    /** L1.P1.03 (\conninfo). */
    @Test
    void conninfoNamesTheDatabaseUserAndPortOfTheConnection() {
        rolledBack(ctx -> {
            Record4<String, String, String, Integer> info = SchemaVerification.connectionInfo(ctx).get(0);
            ctx.connection(connection -> {
                assertThat(info.value1()).as("database").isEqualTo(connection.getCatalog());
                assertThat(info.value2()).as("user").isEqualTo(connection.getMetaData().getUserName());
                assertThat(connection.getMetaData().getURL()).as("JDBC URL").contains(":" + info.value4() + "/");
            });
        });
    }

    /**
     * L1.P1.02 (\l) on the server the tests run on: psql 17 asks each major for what it has
     * (describe.c, listAllDbs: the locale provider from 15, {@code daticulocale} in 15 and 16,
     * {@code datlocale} from 17, {@code daticurules} from 16, NULL or 'libc' before), so the example
     * does too. On 17 this is its {@code checkedSql}; the other majors run it with
     * {@code -Dmlregistry.test.postgres-major}.
     */
    @Test
    void listDatabasesReadsWhatPsql17ReadsFromThisServersMajor() {
        rolledBack(ctx -> {
            int major = ctx.connectionResult(c -> c.getMetaData().getDatabaseMajorVersion());
            String provider = major >= 15
                    ? "CASE d.datlocprovider WHEN 'b' THEN 'builtin' WHEN 'c' THEN 'libc' WHEN 'i' THEN 'icu' END" : "'libc'";
            String locale = major >= 17 ? "d.datlocale" : major >= 15 ? "d.daticulocale" : "NULL";
            String rules = major >= 16 ? "d.daticurules" : "NULL";
            Result<Record> psql = ctx.fetch("SELECT d.datname AS \"Name\", pg_catalog.pg_get_userbyid(d.datdba) AS \"Owner\", "
                    + "pg_catalog.pg_encoding_to_char(d.encoding) AS \"Encoding\", " + provider + " AS \"Locale Provider\", "
                    + "d.datcollate AS \"Collate\", d.datctype AS \"Ctype\", " + locale + " AS \"Locale\", "
                    + rules + " AS \"ICU Rules\", pg_catalog.array_to_string(d.datacl, E'\\n') AS \"Access privileges\" "
                    + "FROM pg_catalog.pg_database d ORDER BY 1");
            Result<? extends Record> example = SchemaVerification.listDatabases(ctx);
            assertThat(java.util.Arrays.stream(example.fields()).map(Field::getName).toList())
                    .isEqualTo(java.util.Arrays.stream(psql.fields()).map(Field::getName).toList());
            assertThat(example.intoArrays()).isDeepEqualTo(psql.intoArrays());
            assertThat(example.getValues("Name", String.class)).contains("postgres", "template0", "template1");
        });
    }

    /** L1.P2.19 (\d training_runs). */
    @Test
    void describeListsTheGeneratedColumnsInOrder() {
        rolledBack(ctx -> {
            List<String> described = SchemaVerification.describeTable(ctx).getValues("Column", String.class);
            assertThat(described).isEqualTo(TRAINING_RUNS.fieldStream().map(Field::getName).toList());
        });
    }

    /** L1.P2.20, L1.P2.21. */
    @Test
    void uniqueDailyRunIsAnIndexNotAConstraint() {
        rolledBack(ctx -> {
            List<String> constraints = SchemaVerification.listConstraints(ctx).getValues("constraint_name", String.class);
            List<String> indexes = SchemaVerification.listIndexes(ctx).getValues("indexname", String.class);
            assertThat(constraints).contains("training_runs_pkey", "valid_framework", "valid_status", "valid_accuracy",
                            "valid_precision", "valid_recall", "valid_f1", "valid_gpu_hours", "valid_cpu_hours",
                            "completed_timestamp", "started_timestamp", "time_order")
                    .doesNotContain("unique_daily_run");
            assertThat(indexes).contains("training_runs_pkey", "unique_daily_run", "idx_training_runs_status",
                    "idx_training_runs_created_at", "idx_training_runs_model_name", "idx_training_runs_framework",
                    "idx_training_runs_compute_target", "idx_training_runs_parameters", "idx_training_runs_active",
                    "idx_training_runs_status_date");
        });
    }

    /**
     * L1.P2.20: 12 rows, 11 CHECK constraints and the primary key (unique_daily_run is an index). From
     * PostgreSQL 18 on, pg_constraint also holds a NOT NULL constraint ('n') per NOT NULL column, the
     * primary key's run_id included: 19 rows there, 7 of them 'n'.
     */
    @Test
    void constraintsAreElevenChecksAndThePrimaryKey() {
        Result<Record3<String, String, String>> constraints = rolledBack(SchemaVerification::listConstraints);
        int major = rolledBack(ctx -> {
            return ctx.connectionResult(c -> c.getMetaData().getDatabaseMajorVersion());
        });
        boolean notNullsListed = major >= 18;
        List<String> types = constraints.getValues("constraint_type", String.class);

        assertThat(types).hasSize(notNullsListed ? 12 + 7 : 12);
        assertThat(types.stream().collect(Collectors.groupingBy(type -> type, Collectors.counting())))
                .isEqualTo(notNullsListed ? Map.of("c", 11L, "p", 1L, "n", 7L) : Map.of("c", 11L, "p", 1L));
        assertThat(constraints.stream().filter(c -> c.value2().equals("n")).map(c -> c.value1() + ": " + c.value3()))
                .containsExactlyInAnyOrderElementsOf(notNullsListed ? java.util.stream.Stream.of("run_id", "model_name", "framework",
                        "experiment_name", "status", "dataset", "compute_target")
                        .map(column -> "training_runs_" + column + "_not_null: NOT NULL " + column).toList() : List.of());
    }

    /**
     * L1.P2.21: lab 01's table has 14 indexes: the primary key, unique_daily_run and 12
     * idx_training_runs_* (8 of the lab, 4 of later migrations); the lab's query, not limited to a
     * schema, also lists the 8 of registry.training_runs (7 of lab 02, 1 of challenge 1).
     */
    @Test
    void indexesOfTheTableAndOfTheLabsQuery() {
        rolledBack(ctx -> {
            List<String> names = SchemaVerification.listIndexes(ctx).getValues("indexname", String.class);
            Result<Record> lab = LabSql.run(ctx, "tracking", LabCatalog.select(List.of("L1.P2.21")).get(0).labSql()).rows();

            assertThat(names).hasSize(14).contains("training_runs_pkey", "unique_daily_run");
            assertThat(names).filteredOn(name -> name.startsWith("idx_training_runs_")).hasSize(12);
            assertThat(lab).hasSize(14 + 8);
            assertThat(lab.getValues("indexdef", String.class)).filteredOn(def -> def.contains(" ON registry.training_runs "))
                    .hasSize(8);
        });
    }

    /**
     * L1.P2.22: the size counts the indexes and the TOAST table's index: empty, 13 B-tree indexes and
     * the TOAST table's 1 B-tree index of 8 kB each and the GIN index of 16 kB make 128 kB.
     */
    @Test
    void anEmptyTableTakesTheSizeOfItsEmptyIndexes() {
        rolledBack(ctx -> {
            ctx.execute("TRUNCATE tracking.training_runs CASCADE");
            Map<String, List<Long>> indexSizes = ctx.fetch("""
                    SELECT am.amname, pg_relation_size(i.indexrelid) AS size
                    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
                    WHERE i.indrelid IN ('tracking.training_runs'::regclass,
                                         (SELECT reltoastrelid FROM pg_class WHERE oid = 'tracking.training_runs'::regclass))
                    """).stream().collect(Collectors.groupingBy(r -> r.get(0, String.class),
                    Collectors.mapping(r -> r.get(1, Long.class), Collectors.toList())));

            assertThat(indexSizes.get("btree")).hasSize(13 + 1).containsOnly(8 * 1024L);
            assertThat(indexSizes.get("gin")).containsExactly(16 * 1024L);
            assertThat(SchemaVerification.tableSize(ctx).get(0).value1()).isEqualTo("128 kB");
        });
    }

    /** L1.P2.22, L1.P2.23: with the 20 sample rows, freshly loaded, the table takes 248 kB. */
    @Test
    void withTheSamplesTheTableHoldsTwentyRows() {
        onFreshSamples(ctx -> {
            assertThat(SchemaVerification.tableSize(ctx).get(0).value1()).isEqualTo("248 kB");
            assertThat(SchemaVerification.countRows(ctx).get(0).value1()).isEqualTo(20);
        });
    }
}
