package org.mlregistry.examples.lab01;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.jooq.impl.DSL.jsonbGetAttributeAsText;
import static org.jooq.impl.DSL.val;
import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record3;
import org.jooq.types.DayToSecond;
import org.junit.jupiter.api.Test;
import org.mlregistry.examples.LabSamplesTest;
import org.mlregistry.examples.catalog.LabCatalog;
import org.mlregistry.examples.equivalence.Equivalence;
import org.mlregistry.examples.equivalence.LabSql;
import org.mlregistry.schema.jooq.tracking.tables.records.TrainingRunsRecord;
import org.mlregistry.schema.types.RunStatus;
import org.postgresql.util.PSQLException;

/** Lab 01 Step 5.2: what the lab's own SQL does where it differs from what it means. */
class SafeUpdatesTest extends LabSamplesTest {

    static String labSql(String id) {
        return LabCatalog.select(List.of(id)).get(0).labSql();
    }

    /** The PostgreSQL error behind thrown. */
    static PSQLException psqlError(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
                return psql;
            }
        }
        throw new AssertionError("no PostgreSQL error behind " + thrown, thrown);
    }

    /** Ages the sample run by 100 days (created, started, completed), so "older than 90 days" finds it. */
    static void age100Days(DSLContext ctx, String modelName) {
        Field<DayToSecond> days100 = val(new DayToSecond(100));
        ctx.update(TRAINING_RUNS)
                .set(TRAINING_RUNS.CREATED_AT, TRAINING_RUNS.CREATED_AT.minus(days100))
                .set(TRAINING_RUNS.STARTED_AT, TRAINING_RUNS.STARTED_AT.minus(days100))
                .set(TRAINING_RUNS.COMPLETED_AT, TRAINING_RUNS.COMPLETED_AT.minus(days100))
                .where(TRAINING_RUNS.MODEL_NAME.eq(modelName))
                .execute();
    }

    @Test
    void theLabsStringBuiltJsonbIsRefusedBecauseTheCastBindsFirst() {
        Throwable thrown = catchThrowable(() -> rolledBack(ctx -> {
            LabSql.run(ctx, "tracking", labSql("L1.P5.38"));
        }));
        PSQLException error = psqlError(thrown);
        assertThat(error.getSQLState()).isEqualTo("22P02");
        assertThat(error.getServerErrorMessage().getMessage()).isEqualTo("invalid input syntax for type json");
        // the literal cast on its own is '"}': an unterminated JSON string
        assertThat(error.getServerErrorMessage().getDetail()).isEqualTo("Token \"\"\" is invalid.");
    }

    /** L1.P5.38: on fresh samples, whose failed runs are at most 6 days old: the run aged here is the only one over 90 days. */
    @Test
    void theExampleArchivesOldFailedRunsWithAJsonbObject() {
        onFreshSamples(ctx -> {
            age100Days(ctx, "anomaly-detection-autoencoder");
            String now = (String) ctx.fetchValue("SELECT now()::text");

            assertThat(SafeUpdates.countOldFailedRuns(ctx).get(0).value1()).isEqualTo(1);
            var archived = SafeUpdates.archiveOldFailedRuns(ctx);

            assertThat(archived).hasSize(1);
            assertThat(archived.get(0).value2()).isEqualTo("anomaly-detection-autoencoder");
            Record3<String, String, String> row = ctx.select(
                            jsonbGetAttributeAsText(TRAINING_RUNS.PARAMETERS, "archived"),
                            jsonbGetAttributeAsText(TRAINING_RUNS.PARAMETERS, "archived_at"),
                            TRAINING_RUNS.NOTES)
                    .from(TRAINING_RUNS)
                    .where(TRAINING_RUNS.MODEL_NAME.eq("anomaly-detection-autoencoder"))
                    .fetchSingle();
            assertThat(row.value1()).isEqualTo("true");
            assertThat(row.value2()).isEqualTo(now);
            assertThat(row.value3()).startsWith("Training diverged.").endsWith(" | Archived: old failed run");
            assertThat(SafeUpdates.countArchivedRuns(ctx).get(0).value1()).isEqualTo(1);
            Equivalence.assertSameRows(ctx, LabCatalog.select(List.of("L1.P5.39")).get(0));
        });
    }

    @Test
    void theLabsPlaceholderUuidIsRefused() {
        Throwable thrown = catchThrowable(() -> rolledBack(ctx -> {
            LabSql.run(ctx, "tracking", labSql("L1.P5.42"));
        }));
        PSQLException error = psqlError(thrown);
        assertThat(error.getSQLState()).isEqualTo("22P02");
        assertThat(error.getServerErrorMessage().getMessage()).isEqualTo("invalid input syntax for type uuid: \"SOME-UUID\"");
    }

    /** L1.P5.42: the example completes the running run by its id, once. */
    @Test
    void theValidatedUpdateCompletesARunningRunOnlyOnce() {
        rolledBack(ctx -> {
            var first = SafeUpdates.completeRunningRunWithValidation(ctx);
            assertThat(first).hasSize(1);
            TrainingRunsRecord run = first.get(0);
            assertThat(run.getModelName()).isEqualTo("llm-fine-tune-mistral");
            assertThat(run.getStatus()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(run.getCompletedAt()).isNotNull();

            // no longer running: the WHERE clause's checks refuse a second completion
            assertThat(SafeUpdates.completeRunningRunWithValidation(ctx, run.getRunId())).isEmpty();
        });
    }
}
