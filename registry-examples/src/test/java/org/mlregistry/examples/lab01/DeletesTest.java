package org.mlregistry.examples.lab01;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mlregistry.examples.lab01.SafeUpdatesTest.labSql;
import static org.mlregistry.examples.lab01.SafeUpdatesTest.psqlError;
import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

import org.jooq.Record;
import org.jooq.Result;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.mlregistry.examples.equivalence.LabSql;
import org.mlregistry.schema.DatabaseTest;
import org.postgresql.util.PSQLException;

/** Lab 01 Step 6.1: what the lab's own SQL does where it differs from what it means. */
class DeletesTest extends DatabaseTest {

    @ParameterizedTest
    @ValueSource(strings = {"L1.P6.12", "L1.P6.13"})
    void theLabsPlaceholderUuidIsRefused(String id) {
        Throwable thrown = catchThrowable(() -> rolledBack(ctx -> {
            LabSql.run(ctx, "tracking", labSql(id));
        }));
        PSQLException error = psqlError(thrown);
        assertThat(error.getSQLState()).isEqualTo("22P02");
        assertThat(error.getServerErrorMessage().getMessage())
                .isEqualTo("invalid input syntax for type uuid: \"REPLACE-WITH-ACTUAL-UUID\"");
    }

    /** L1.P6.12, L1.P6.13: the examples view and delete the run by the id they look up. */
    @Test
    void theExampleViewsAndDeletesTheSampleRunById() {
        rolledBack(ctx -> {
            int before = ctx.fetchCount(TRAINING_RUNS);
            assertThat(Deletes.viewSampleRun(ctx)).singleElement()
                    .satisfies(run -> assertThat(run.getModelName()).isEqualTo("graph-neural-network"));

            assertThat(Deletes.deleteSampleRun(ctx)).singleElement()
                    .satisfies(run -> assertThat(run.getModelName()).isEqualTo("graph-neural-network"));
            assertThat(ctx.fetchCount(TRAINING_RUNS)).isEqualTo(before - 1);
            assertThat(ctx.fetchExists(TRAINING_RUNS, TRAINING_RUNS.MODEL_NAME.eq("graph-neural-network"))).isFalse();
        });
    }

    @Test
    void withoutParenthesesTheLabsOomSearchAlsoFindsRunsThatDidNotFail() {
        rolledBack(ctx -> {
            // a succeeded run whose notes mention an OOM it recovered from
            ctx.update(TRAINING_RUNS)
                    .set(TRAINING_RUNS.NOTES, "Recovered from an OOM by halving the batch size.")
                    .where(TRAINING_RUNS.MODEL_NAME.eq("resnet50-classification"))
                    .execute();

            Result<Record> lab = LabSql.run(ctx, "tracking", labSql("L1.P6.16")).rows();
            assertThat(lab.getValues("model_name", String.class)).containsExactlyInAnyOrder(
                    "gan-image-generation", "nlp-transformer-translation", "resnet50-classification");

            assertThat(Deletes.findOutOfMemoryFailures(ctx).getValues(TRAINING_RUNS.MODEL_NAME))
                    .containsExactlyInAnyOrder("gan-image-generation", "nlp-transformer-translation");
        });
    }

    @Test
    void onTheSampleDataBothOomSearchesFindTheTwoFailedRuns() {
        rolledBack(ctx -> {
            Result<Record> lab = LabSql.run(ctx, "tracking", labSql("L1.P6.16")).rows();
            assertThat(lab.getValues("model_name", String.class))
                    .containsExactlyInAnyOrder("gan-image-generation", "nlp-transformer-translation");
        });
    }
}
