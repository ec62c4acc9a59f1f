package org.mlregistry.core.tracking;

import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.mlregistry.core.Registry;
import org.mlregistry.core.RolledBackRegistry;
import org.mlregistry.schema.DatabaseTest;
import org.mlregistry.schema.RegistrySchema;
import org.mlregistry.schema.TestDatabase;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.RunStatus;

/** Helpers for tracking tests: rolled-back work on the shared database, fresh databases, row inserts. */
abstract class TrackingTestSupport extends DatabaseTest {

    /**
     * Runs work with a Registry joined to a jOOQ transaction on the shared database (sample data
     * present) that is always rolled back; the registry's own transactions become savepoints.
     */
    static <T> T withRollback(Function<Registry, T> work) {
        return RolledBackRegistry.run(db(), work);
    }

    /** A new migrated, empty database (no samples). */
    static DataSource freshMigratedDatabase() {
        DataSource ds = TestDatabase.freshDatabase();
        RegistrySchema.configure().dataSource(ds).load().migrate();
        return ds;
    }

    /** Inserts a run row directly, bypassing the API, with full control of state and timestamps. */
    static UUID insertRun(DSLContext ctx, String model, String target, RunStatus status, OffsetDateTime createdAt) {
        OffsetDateTime started = status == RunStatus.QUEUED ? null : createdAt.plusMinutes(1);
        OffsetDateTime completed = status.isTerminal() ? createdAt.plusMinutes(2) : null;
        return ctx.insertInto(TRAINING_RUNS)
                .set(TRAINING_RUNS.MODEL_NAME, model)
                .set(TRAINING_RUNS.FRAMEWORK, Framework.PYTORCH)
                .set(TRAINING_RUNS.EXPERIMENT_NAME, "exp-test")
                .set(TRAINING_RUNS.DATASET, "ds-test")
                .set(TRAINING_RUNS.COMPUTE_TARGET, target)
                .set(TRAINING_RUNS.STATUS, status)
                .set(TRAINING_RUNS.PARAMETERS, JSONB.valueOf("{}"))
                .set(TRAINING_RUNS.CREATED_AT, createdAt)
                .set(TRAINING_RUNS.STARTED_AT, started)
                .set(TRAINING_RUNS.COMPLETED_AT, completed)
                .returning(TRAINING_RUNS.RUN_ID)
                .fetchSingle(TRAINING_RUNS.RUN_ID);
    }

    static NewRun newRun(String model) {
        return NewRun.builder().model(model).framework(Framework.PYTORCH).experiment("exp-api")
                .dataset("ds-api").computeTarget("target-api").parameters("{\"batch_size\": 64, \"optimizer\": \"adam\"}")
                .build();
    }
}
