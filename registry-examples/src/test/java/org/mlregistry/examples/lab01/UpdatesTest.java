package org.mlregistry.examples.lab01;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlregistry.examples.lab01.SafeUpdatesTest.labSql;
import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.types.DayToSecond;
import org.junit.jupiter.api.Test;
import org.mlregistry.examples.LabSamplesTest;
import org.mlregistry.examples.clock.FreshSamples;
import org.mlregistry.examples.equivalence.LabSql;

/**
 * Lab 01 Step 5.1: what PostgreSQL does with the lab's updates where the lab does not say. "Queued
 * for over an hour" reads the clock: each test starts from fresh samples, whose queued run is 15
 * minutes old however long ago the samples were first loaded.
 */
class UpdatesTest extends LabSamplesTest {

    /** The fresh samples' queued run, queued 2 hours longer (2 h 15 min). */
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
            FreshSamples.reload(ctx);
            queueForTwoHours(ctx);
            LabSql.run(ctx, "tracking", labSql("L1.P5.26"));
        });
    }

    /** L1.P5.26: the example, as the lab wrote it, is refused by started_timestamp too. */
    @Test
    void theExampleAutoCancelIsRefusedTheSameWay() {
        assertRefusedBy("started_timestamp", ctx -> {
            FreshSamples.reload(ctx);
            queueForTwoHours(ctx);
            Updates.cancelLongQueuedJobs(ctx);
        });
    }

    /**
     * L1.P5.29 and L1.P5.30 fix data the schema already refuses, so they write nothing on any
     * database: an upper-case framework breaks valid_framework, a finished run without
     * completed_at breaks completed_timestamp.
     */
    @Test
    void theNormalizationFixesMatchNothingTheSchemaAdmits() {
        assertRefusedBy("valid_framework", ctx -> ctx.execute("""
                INSERT INTO tracking.training_runs (model_name, framework, experiment_name, dataset, compute_target)
                VALUES ('upper', 'PyTorch', 'e', 'd', 'c')"""));
        assertRefusedBy("completed_timestamp", ctx -> ctx.execute("""
                UPDATE tracking.training_runs SET completed_at = NULL WHERE status = 'succeeded'"""));
    }

    @Test
    void withinTheHourNothingIsCancelled() {
        onFreshSamples(ctx -> {
            assertThat(Updates.cancelLongQueuedJobs(ctx)).isEmpty();
        });
    }
}
