package org.mlregistry.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.mlregistry.schema.jooq.tracking.tables.records.TrainingRunsRecord;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.RunStatus;
import org.postgresql.util.PSQLException;

/** Every rule of lab 01's tracking.training_runs refuses a bad row by name and accepts its boundary. */
class TrackingConstraintsTest extends DatabaseTest {

    private static final OffsetDateTime NOON = OffsetDateTime.of(2026, 1, 15, 12, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void accuracyOfZeroAndOneIsAcceptedAndOnePointFiveRefused() {
        assertAccepted(ctx -> insert(ctx, r -> r.setAccuracy(BigDecimal.ZERO)));
        assertAccepted(ctx -> insert(ctx, r -> r.setAccuracy(BigDecimal.ONE)));
        assertRefusedBy("valid_accuracy", ctx -> insert(ctx, r -> r.setAccuracy(new BigDecimal("1.5"))));
        assertRefusedBy("valid_accuracy", ctx -> insert(ctx, r -> r.setAccuracy(new BigDecimal("-0.0001"))));
    }

    @Test
    void precisionRecallAndF1MustLieWithinZeroAndOne() {
        assertRefusedBy("valid_precision", ctx -> insert(ctx, r -> r.setPrecisionScore(new BigDecimal("1.0001"))));
        assertRefusedBy("valid_recall", ctx -> insert(ctx, r -> r.setRecallScore(new BigDecimal("-0.5"))));
        assertRefusedBy("valid_f1", ctx -> insert(ctx, r -> r.setF1Score(new BigDecimal("2"))));
        assertAccepted(ctx -> insert(ctx, r -> r.setPrecisionScore(BigDecimal.ONE).setRecallScore(BigDecimal.ZERO).setF1Score(BigDecimal.ONE)));
    }

    @Test
    void computeHoursMayBeZeroButNotNegative() {
        assertAccepted(ctx -> insert(ctx, r -> r.setGpuHours(BigDecimal.ZERO).setCpuHours(BigDecimal.ZERO)));
        assertRefusedBy("valid_gpu_hours", ctx -> insert(ctx, r -> r.setGpuHours(new BigDecimal("-0.01"))));
        assertRefusedBy("valid_cpu_hours", ctx -> insert(ctx, r -> r.setCpuHours(new BigDecimal("-1"))));
    }

    /** L1.P2.02: an unknown status breaks valid_status and completed_timestamp; PostgreSQL names completed_timestamp. */
    @Test
    void frameworkAndStatusOutsideTheirListsAreRefused() {
        // The generated enums cannot express these values; plain SQL shows the database refuses them too.
        assertRefusedBy("valid_framework", ctx -> ctx.execute("""
                INSERT INTO tracking.training_runs (model_name, framework, experiment_name, dataset, compute_target)
                VALUES ('test', 'invalid-framework', 'test', 'test', 'test')"""));
        // An unknown status breaks completed_timestamp too; PostgreSQL checks constraints in name order.
        assertRefusedBy("completed_timestamp", ctx -> ctx.execute("""
                INSERT INTO tracking.training_runs (model_name, framework, experiment_name, dataset, compute_target, status)
                VALUES ('test', 'pytorch', 'test', 'test', 'test', 'paused')"""));
        assertAccepted(ctx -> insert(ctx, r -> r.setFramework(Framework.MXNET)));
    }

    @Test
    void aCompletedStatusNeedsCompletedAtAndAnActiveOneMustNotHaveIt() {
        assertRefusedBy("completed_timestamp", ctx -> insert(ctx, r -> r.setStatus(RunStatus.SUCCEEDED)
                .setStartedAt(NOON.plusMinutes(1))));
        assertRefusedBy("completed_timestamp", ctx -> insert(ctx, r -> r.setStatus(RunStatus.RUNNING)
                .setStartedAt(NOON.plusMinutes(1)).setCompletedAt(NOON.plusHours(1))));
        assertAccepted(ctx -> insert(ctx, r -> r.setStatus(RunStatus.SUCCEEDED)
                .setStartedAt(NOON.plusMinutes(1)).setCompletedAt(NOON.plusHours(1))));
    }

    @Test
    void aStartedStatusNeedsStartedAtAndAQueuedOneMustNotHaveIt() {
        assertRefusedBy("started_timestamp", ctx -> insert(ctx, r -> r.setStatus(RunStatus.RUNNING)));
        assertRefusedBy("started_timestamp", ctx -> insert(ctx, r -> r.setStartedAt(NOON.plusMinutes(1))));
        assertAccepted(ctx -> insert(ctx, r -> r.setStatus(RunStatus.RUNNING).setStartedAt(NOON)));
    }

    @Test
    void startedOrCompletedBeforeCreatedIsRefused() {
        assertRefusedBy("time_order", ctx -> insert(ctx, r -> r.setStatus(RunStatus.RUNNING)
                .setStartedAt(NOON.minusSeconds(1))));
        assertRefusedBy("time_order", ctx -> insert(ctx, r -> r.setStatus(RunStatus.FAILED)
                .setStartedAt(NOON).setCompletedAt(NOON.minusMinutes(1))));
    }

    /** L1.P2.02: unique_daily_run allows one run per model, experiment and dataset per UTC day. */
    @Test
    void aSecondRunOfTheSameModelExperimentAndDatasetOnTheSameUtcDayIsRefused() {
        assertRefusedBy("unique_daily_run", ctx -> {
            insert(ctx, r -> r.setCreatedAt(NOON.withHour(0)));
            insert(ctx, r -> r.setCreatedAt(NOON.withHour(23).withMinute(59)));
        });
        assertAccepted(ctx -> {
            insert(ctx, r -> r.setCreatedAt(NOON.withHour(23).withMinute(59)));
            insert(ctx, r -> r.setCreatedAt(NOON.plusDays(1).withHour(0)));
            insert(ctx, r -> r.setCreatedAt(NOON).setDataset("another-dataset"));
        });
    }

    /** L1.P2.02: the day of unique_daily_run is the UTC day, whatever the session time zone. */
    @Test
    void theUtcDayDoesNotDependOnTheSessionTimeZone() {
        assertRefusedBy("unique_daily_run", ctx -> {
            ctx.execute("SET LOCAL TIME ZONE 'America/Los_Angeles'");
            // 01:00 and 23:00 UTC of the same UTC day fall on two different Los Angeles days.
            insert(ctx, r -> r.setCreatedAt(NOON.withHour(1)));
            insert(ctx, r -> r.setCreatedAt(NOON.withHour(23)));
        });
    }

    /** L1.P2.18: the lab's COMMENT ON CONSTRAINT unique_daily_run is on the index, as there is no such constraint. */
    @Test
    void uniqueDailyRunIsCommentedAsAnIndex() {
        assertThat(db().fetchValue("SELECT obj_description('tracking.unique_daily_run'::regclass, 'pg_class')"))
                .isEqualTo("Prevents duplicate runs of same model+experiment+dataset on same day (UTC)");
        assertThat(db().fetchCount(DSL.table(DSL.name("pg_catalog", "pg_constraint")),
                DSL.field(DSL.name("conname")).eq("unique_daily_run"))).isZero();
    }

    /** L1.P2.02 as the lab writes it: a UNIQUE constraint takes no expression, and DATE(timestamptz) is not immutable. */
    @Test
    void theLabsUniqueOnTheDateOfATimestampIsRefused() {
        assertThat(psqlError(() -> rolledBack(ctx -> {
            ctx.execute("ALTER TABLE tracking.training_runs ADD CONSTRAINT lab_daily_run UNIQUE (model_name, DATE(created_at))");
        }))).isEqualTo("42601: syntax error at or near \"(\"");
        assertThat(psqlError(() -> rolledBack(ctx -> {
            ctx.execute("CREATE UNIQUE INDEX lab_daily_run ON tracking.training_runs (model_name, DATE(created_at))");
        }))).isEqualTo("42P17: functions in index expression must be marked IMMUTABLE");
    }

    /** The SQLSTATE and message of the PostgreSQL error that work ends with. */
    private static String psqlError(Runnable work) {
        PSQLException error = (PSQLException) Stream.iterate(catchThrowable(work::run), Objects::nonNull, Throwable::getCause)
                .filter(PSQLException.class::isInstance).findFirst().orElseThrow();
        return error.getSQLState() + ": " + error.getServerErrorMessage().getMessage();
    }

    @Test
    void defaultsFillStatusTimestampsParametersAndAuthor() {
        TrainingRunsRecord stored = rolledBack(ctx -> {
            return ctx.insertInto(TRAINING_RUNS)
                .set(TRAINING_RUNS.MODEL_NAME, "defaults-model")
                .set(TRAINING_RUNS.FRAMEWORK, Framework.JAX)
                .set(TRAINING_RUNS.EXPERIMENT_NAME, "exp")
                .set(TRAINING_RUNS.DATASET, "ds")
                .set(TRAINING_RUNS.COMPUTE_TARGET, "local")
                .returning()
                .fetchOne();
        });

        assertThat(stored.getStatus()).isEqualTo(RunStatus.QUEUED);
        assertThat(stored.getRunId()).isNotNull();
        assertThat(stored.getCreatedAt()).isNotNull();
        assertThat(stored.getGpuHours()).isEqualByComparingTo("0");
        assertThat(stored.getParameters().data()).isEqualTo("{}");
        assertThat(stored.getCreatedBy()).isEqualTo(db().fetchValue(DSL.currentUser()));
    }

    private static void insert(DSLContext ctx, UnaryOperator<TrainingRunsRecord> change) {
        TrainingRunsRecord run = ctx.newRecord(TRAINING_RUNS)
                .setModelName("constraint-test-model")
                .setFramework(Framework.PYTORCH)
                .setExperimentName("constraint-test")
                .setDataset("constraint-dataset")
                .setComputeTarget("local-cpu")
                .setStatus(RunStatus.QUEUED)
                .setCreatedAt(NOON);
        change.apply(run).insert();
    }
}
