package org.mlregistry.examples.clock;

import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.RunStatus;

/**
 * A queued run created at the transaction's {@code now()}. Its date is {@code CURRENT_DATE} and it
 * lies after the start of the current week in any session time zone at any hour, so "runs today"
 * and "runs this week" must find it whenever they run (but in the very microsecond a week starts,
 * when {@code created_at > date_trunc('week', now())} finds nothing by the lab's own definition).
 */
public final class RunCreatedNow {

    /** The run's model name, which no sample run has. */
    public static final String MODEL_NAME = "clock-probe";

    private RunCreatedNow() {
    }

    /** Inserts the run in ctx's transaction. */
    public static void add(DSLContext ctx) {
        ctx.insertInto(TRAINING_RUNS)
                .set(TRAINING_RUNS.MODEL_NAME, MODEL_NAME)
                .set(TRAINING_RUNS.FRAMEWORK, Framework.PYTORCH)
                .set(TRAINING_RUNS.EXPERIMENT_NAME, "exp-clock-probe")
                .set(TRAINING_RUNS.DATASET, "clock-probe-data")
                .set(TRAINING_RUNS.COMPUTE_TARGET, "clock-probe-target")
                .set(TRAINING_RUNS.STATUS, RunStatus.QUEUED)
                .set(TRAINING_RUNS.CREATED_AT, currentOffsetDateTime())
                .execute();
    }

    /** Whether a result (with a model_name column) holds the run. */
    public static boolean isIn(Result<? extends Record> result) {
        return result.getValues("model_name").contains(MODEL_NAME);
    }
}
