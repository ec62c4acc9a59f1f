package org.mlregistry.examples.lab01;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

import java.io.StringWriter;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.types.Interval;
import org.junit.jupiter.api.Test;
import org.mlregistry.examples.LabSamplesTest;
import org.mlregistry.examples.catalog.Example;
import org.mlregistry.examples.catalog.LabCatalog;
import org.mlregistry.examples.equivalence.Equivalence;
import org.mlregistry.examples.equivalence.LabSql;
import org.mlregistry.examples.equivalence.Rows;
import org.mlregistry.examples.equivalence.Snapshot;
import org.mlregistry.schema.DatabaseTest;
import org.mlregistry.schema.jooq.tracking.tables.records.TrainingRunsRecord;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.RunStatus;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLException;

/** Lab 01, Part 9: the Challenge 2 run's lifecycle and export, and the cleanup the lab gets wrong. */
class ChallengesTest extends LabSamplesTest {

    private static String labSql(String id) {
        return LabCatalog.select(List.of(id)).get(0).labSql();
    }

    private static Example example(String id) {
        return LabCatalog.select(List.of(id)).get(0);
    }

    @Test
    void insertReturnsTheRowTheLabInsertReturnsButItsOwnRunId() {
        rolledBack(ctx -> {
            ctx.execute("SAVEPOINT lab");
            Result<Record> lab = LabSql.run(ctx, "tracking", labSql("L1.P9.08")).rows();
            ctx.execute("ROLLBACK TO SAVEPOINT lab");

            Result<TrainingRunsRecord> java = Challenges.insertSdxlRun(ctx);

            assertThat(Rows.columns(java)).isEqualTo(Rows.columns(lab));
            assertThat(java).hasSize(1);
            // every column but run_id (gen_random_uuid()) is equal; now() is the same in one transaction
            assertThat(Rows.values(java).get(0).subList(1, lab.fields().length))
                    .isEqualTo(Rows.values(lab).get(0).subList(1, lab.fields().length));
            TrainingRunsRecord run = java.get(0);
            assertThat(run.getStatus()).isEqualTo(RunStatus.QUEUED);
            assertThat(run.getFramework()).isEqualTo(Framework.PYTORCH);
            assertThat(run.getParameters().data()).contains("\"lora_rank\": 64");
        });
    }

    @Test
    void lifecycleLeavesTheTablesAsTheLabStatementsDo() {
        rolledBack(ctx -> {
            Snapshot before = Snapshot.take(ctx);
            ctx.execute("SAVEPOINT lab");
            for (String id : List.of("L1.P9.08", "L1.P9.12", "L1.P9.13")) {
                LabSql.run(ctx, "tracking", labSql(id));
            }
            Snapshot afterLab = Snapshot.take(ctx, before);
            ctx.execute("ROLLBACK TO SAVEPOINT lab");

            Challenges.insertSdxlRun(ctx);
            Equivalence.assertSameRows(ctx, example("L1.P9.11"));
            assertThat(Challenges.sdxlRunId(ctx)).singleElement()
                    .satisfies(row -> assertThat(row.value3()).isEqualTo(RunStatus.QUEUED));
            OffsetDateTime now = ctx.select(currentOffsetDateTime()).fetchOne().value1();

            var started = Challenges.startSdxlRun(ctx);
            assertThat(started).singleElement().satisfies(row -> {
                assertThat(row.value3()).isEqualTo(RunStatus.RUNNING);
                assertThat(row.value4()).isEqualTo(now);
            });
            var completed = Challenges.completeSdxlRun(ctx);
            assertThat(completed).singleElement().satisfies(row -> {
                assertThat(row.value3()).isEqualTo(RunStatus.SUCCEEDED);
                assertThat(Duration.between(now, row.value4())).isEqualTo(Duration.ofHours(4));
                assertThat(row.value5()).isEqualByComparingTo("0.0245");
                assertThat(row.value6()).isEqualByComparingTo("16.8");
            });
            TrainingRunsRecord run = ctx.selectFrom(TRAINING_RUNS).where(TRAINING_RUNS.MODEL_NAME.eq("stable-diffusion-xl")).fetchOne();
            assertThat(run.getParameters().data()).contains("\"final_loss\": 0.0245").contains("\"lora_rank\": 64");
            assertThat(run.getNotes()).contains(" | Started training at ").endsWith("Model ready for inference.");

            assertThat(Snapshot.take(ctx, before).differences(afterLab)).isEmpty();
        });
    }

    @Test
    void csvExportWritesWhatTheLabsCopyWrites() {
        rolledBack(ctx -> {
            assertThat(Challenges.exportSdxlResultAsCsv(ctx)).as("no SDXL run in the samples: header only").hasSize(1);

            Challenges.insertSdxlRun(ctx);
            Challenges.startSdxlRun(ctx);
            Challenges.completeSdxlRun(ctx);

            StringWriter java = new StringWriter();
            assertThat(Challenges.copySdxlResultAsCsv(ctx, java)).isEqualTo(1);

            // psql's \copy … TO 'file' runs COPY … TO STDOUT and writes the file itself
            String labQuery = labSql("L1.P9.18");
            String copy = "COPY " + labQuery.substring("\\copy ".length(), labQuery.indexOf(" TO '"))
                    + " TO STDOUT WITH CSV HEADER";
            StringWriter lab = new StringWriter();
            ctx.connection(connection -> {
                connection.createStatement().execute("SET LOCAL search_path = tracking, public");
                connection.unwrap(PGConnection.class).getCopyAPI().copyOut(copy, lab);
                connection.createStatement().execute("SET LOCAL search_path = public");
            });

            assertThat(java.toString()).isEqualTo(lab.toString());
            List<String> lines = java.toString().lines().toList();
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).isEqualTo("model_name,framework,experiment_name,status,accuracy,loss,precision_score,"
                    + "recall_score,f1_score,gpu_hours,created_at,completed_at");
            assertThat(lines.get(1)).startsWith("stable-diffusion-xl,pytorch,exp-sdxl-finetune-2025,succeeded,,0.02450,,,,16.80,");
            assertThat(Challenges.exportSdxlResultAsCsv(ctx).getValues(0, String.class)).isEqualTo(lines);
        });
    }

    /** On fresh samples, whose queued run is 15 minutes old: the run added here is the only stale one. */
    @Test
    void labCancellationOfStaleQueuedRunsViolatesStartedTimestamp() {
        onFreshSamples(ctx -> {
            ctx.insertInto(TRAINING_RUNS)
                    .set(TRAINING_RUNS.MODEL_NAME, "forgotten-model")
                    .set(TRAINING_RUNS.FRAMEWORK, Framework.JAX)
                    .set(TRAINING_RUNS.EXPERIMENT_NAME, "exp-forgotten")
                    .set(TRAINING_RUNS.DATASET, "d")
                    .set(TRAINING_RUNS.COMPUTE_TARGET, "c")
                    .set(TRAINING_RUNS.CREATED_AT, currentOffsetDateTime().minus(31))
                    .execute();
            assertThat(Equivalence.assertSameRows(ctx, example("L1.P9.20"))).hasSize(1);
            assertThat(Equivalence.assertSameRows(ctx, example("L1.P9.21")).get(0).get(0, Integer.class)).isEqualTo(1);

            ctx.execute("SAVEPOINT lab");
            Throwable refused = catchThrowable(() -> LabSql.run(ctx, "tracking", labSql("L1.P9.24")));
            assertThat(constraintOf(refused)).isEqualTo("started_timestamp");
            ctx.execute("ROLLBACK TO SAVEPOINT lab");

            Result<Record> meant = LabSql.run(ctx, "tracking", example("L1.P9.24").checkedSql()).rows();
            ctx.execute("ROLLBACK TO SAVEPOINT lab");

            var cancelled = Challenges.cancelStaleQueuedRuns(ctx);
            assertThat(Rows.values(cancelled)).isEqualTo(Rows.values(meant));
            assertThat(cancelled).singleElement().satisfies(row -> {
                assertThat(row.value2()).isEqualTo("forgotten-model");
                assertThat(row.value6()).startsWith("Auto-cancelled: queued for over 30 days");
            });
            assertThat(Challenges.countAutoCancelledRuns(ctx).get(0).value1()).isEqualTo(1);
            Equivalence.assertSameRows(ctx, example("L1.P9.25"));
            assertThat(Challenges.countStaleQueuedRuns(ctx).get(0).value1()).isZero();
        });
    }

    /**
     * L1.P9.06 finds nothing on the samples, where every run has an experiment of its own; a second
     * attempt of exp-bert-sentiment-v1 (the baseline's experiment, first run succeeded) makes one row.
     */
    @Test
    void experimentsWithMultipleAttemptsCountEachAttempt() {
        rolledBack(ctx -> {
            String experiment = ctx.fetchValue("SELECT experiment_name FROM tracking.training_runs ORDER BY created_at LIMIT 1")
                    .toString();
            ctx.execute("""
                    INSERT INTO tracking.training_runs (model_name, framework, experiment_name, dataset, compute_target, status)
                    VALUES ('second-attempt', 'jax', ?, 'd', 'c', 'queued')
                    """, experiment);

            Result<? extends Record> java = Equivalence.assertSameRows(ctx, example("L1.P9.06"));

            assertThat(java).singleElement().satisfies(row -> {
                assertThat(row.get("experiment_name")).isEqualTo(experiment);
                assertThat(row.get("total_attempts", Long.class)).isEqualTo(2L);
                assertThat(row.get("in_progress", Long.class)).isEqualTo(1L);
            });
        });
    }

    @Test
    void testRunCleanupRemovesEveryRunMentioningTest() {
        rolledBack(ctx -> {
            int found = Challenges.countTestRuns(ctx).get(0).value1();
            assertThat(Challenges.testRuns(ctx)).hasSize(found);
            assertThat(Challenges.deleteTestRuns(ctx)).hasSize(found);
            assertThat(Challenges.countRemainingTestRuns(ctx).get(0).value1()).isZero();
            assertThat(ctx.fetchCount(TRAINING_RUNS)).isEqualTo(20 - found);
        });
    }

    @Test
    void runsLongerThanOneDayLastMoreThanADay() {
        var runs = DatabaseTest.<Result<? extends Record>>rolledBack(ctx -> {
            return Challenges.runsLongerThanOneDay(ctx);
        });
        assertThat(runs).isNotEmpty().allSatisfy(row -> assertThat(((Interval) row.get("duration")).toDuration()).isGreaterThan(Duration.ofDays(1)));
    }

    private static String constraintOf(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
                return psql.getServerErrorMessage().getConstraint();
            }
        }
        return null;
    }
}
