package org.mlregistry.examples.lab01;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlregistry.examples.lab01.SafeUpdatesTest.labSql;
import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.types.DayToSecond;
import org.junit.jupiter.api.Test;
import org.mlregistry.examples.equivalence.LabSql;
import org.mlregistry.schema.DatabaseTest;

/** Lab 01 Step 5.1: what PostgreSQL does with the lab's updates where the lab does not say. */
class UpdatesTest extends DatabaseTest {

    /** The sample queued run, queued for 2 hours instead of 15 minutes. */
    static void queueForTwoHours(DSLContext ctx) {
        ctx.update(TRAINING_RUNS)
                .set(TRAINING_RUNS.CREATED_AT, TRAINING_RUNS.CREATED_AT.minus(DSL.val(new DayToSecond(0, 2))))
                .where(TRAINING_RUNS.MODEL_NAME.eq("reinforcement-learning-ppo"))
                .execute();
    }

    @Test
    void theLabsAutoCancelIsRefusedForAJobThatNeverStarted() {
        // A queued job has no started_at; CHECK started_timestamp requires one for 'cancelled'.
        assertRefusedBy("started_timestamp", ctx -> {
            queueForTwoHours(ctx);
            LabSql.run(ctx, "tracking", labSql("L1.P5.26"));
        });
    }

    @Test
    void theExampleAutoCancelIsRefusedTheSameWay() {
        assertRefusedBy("started_timestamp", ctx -> {
            queueForTwoHours(ctx);
            Updates.cancelLongQueuedJobs(ctx);
        });
    }

    @Test
    void withinTheHourNothingIsCancelled() {
        assertAccepted(ctx -> {
            assertThat(Updates.cancelLongQueuedJobs(ctx)).isEmpty();
        });
    }
}
