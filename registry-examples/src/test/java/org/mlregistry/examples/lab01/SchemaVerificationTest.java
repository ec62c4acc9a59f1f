package org.mlregistry.examples.lab01;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

import java.util.List;
import org.jooq.Field;
import org.jooq.Record4;
import org.junit.jupiter.api.Test;
import org.mlregistry.schema.DatabaseTest;

/**
 * What lab 01's schema checks show about the migrated table, beyond being the same rows as the
 * catalog queries (LabEquivalenceTest): psql's facts come from the connection, the columns are
 * jOOQ's generated ones, and unique_daily_run is an index, not a constraint.
 */
class SchemaVerificationTest extends DatabaseTest {

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
}
