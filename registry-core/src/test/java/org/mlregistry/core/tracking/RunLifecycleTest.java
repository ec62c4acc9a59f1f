package org.mlregistry.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.jooq.JSONB;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.error.ConstraintViolationException;
import org.mlregistry.core.error.DuplicateRunException;
import org.mlregistry.core.error.InvalidTransitionException;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.RunStatus;

class RunLifecycleTest extends TrackingTestSupport {

    @Test
    void submitStoresAQueuedRun() {
        Run run = withRollback(r -> r.runs().submit(newRun("api-submit")));
        assertThat(run.runId()).isNotNull();
        assertThat(run.status()).isEqualTo(RunStatus.QUEUED);
        assertThat(run.modelName()).isEqualTo("api-submit");
        assertThat(run.framework()).isEqualTo(Framework.PYTORCH);
        assertThat(run.parametersJson()).contains("\"batch_size\": 64");
        assertThat(run.createdAt()).isNotNull();
        assertThat(run.startedAt()).isNull();
        assertThat(run.archivedAt()).isNull();
    }

    @Test
    void newRunIsValidatedBeforeTheRoundTrip() {
        InvalidValueException blank = catchThrowableOfType(InvalidValueException.class,
                () -> NewRun.builder().model(" ").framework(Framework.JAX).experiment("e").dataset("d").computeTarget("t").build());
        assertThat(blank.field()).isEqualTo("model_name");
        assertThat(blank.value()).isEqualTo(" ");

        InvalidValueException json = catchThrowableOfType(InvalidValueException.class,
                () -> NewRun.builder().model("m").framework(Framework.JAX).experiment("e").dataset("d").computeTarget("t")
                        .parameters("[1,2]").build());
        assertThat(json.field()).isEqualTo("parameters");

        InvalidValueException framework = catchThrowableOfType(InvalidValueException.class,
                () -> NewRun.builder().model("m").experiment("e").dataset("d").computeTarget("t").build());
        assertThat(framework.field()).isEqualTo("framework");
    }

    @Test
    void metricsAreValidatedInJava() {
        InvalidValueException e = catchThrowableOfType(InvalidValueException.class,
                () -> Metrics.none().withAccuracy(1.5));
        assertThat(e.field()).isEqualTo("accuracy");
        assertThat(e.value()).isEqualTo(1.5);
        assertThat(e.getMessage()).isEqualTo("accuracy must be within [0, 1], got 1.5");
        assertThat(catchThrowableOfType(InvalidValueException.class, () -> Metrics.none().withRecall(-0.1)).field())
                .isEqualTo("recall_score");
    }

    @Test
    void fullHappyPath() {
        withRollback(r -> {
            Runs runs = r.runs();
            Run submitted = runs.submit(newRun("api-happy"));
            Run started = runs.start(submitted.runId());
            assertThat(started.status()).isEqualTo(RunStatus.RUNNING);
            assertThat(started.startedAt()).isNotNull();
            assertThat(started.completedAt()).isNull();
            Run done = runs.succeed(submitted.runId(),
                    Metrics.none().withAccuracy(0.9234).withLoss(0.28).withPrecision(0.9).withRecall(0.8));
            assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(done.accuracy()).isEqualByComparingTo("0.9234");
            assertThat(done.loss()).isEqualByComparingTo("0.28");
            assertThat(done.f1()).isNull();
            assertThat(done.completedAt()).isNotNull();
            assertThat(runs.get(submitted.runId()).status()).isEqualTo(RunStatus.SUCCEEDED);
            return null;
        });
    }

    @Test
    void failCancelAndTimeoutRecordTheReason() {
        withRollback(r -> {
            Runs runs = r.runs();
            Run a = runs.submit(newRun("api-fail"));
            runs.start(a.runId());
            Run failed = runs.fail(a.runId(), "CUDA out of memory");
            assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
            assertThat(failed.notes()).isEqualTo("Failed: CUDA out of memory");

            Run b = runs.submit(NewRun.builder().model("api-cancel").framework(Framework.JAX).experiment("e")
                    .dataset("d").computeTarget("t").notes("first").build());
            Run cancelled = runs.cancel(b.runId(), "not needed");
            assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
            assertThat(cancelled.notes()).isEqualTo("first | Cancelled: not needed");
            assertThat(cancelled.startedAt()).isNotNull();
            assertThat(cancelled.completedAt()).isNotNull();

            Run c = runs.submit(newRun("api-timeout"));
            runs.start(c.runId());
            assertThat(runs.timeout(c.runId()).status()).isEqualTo(RunStatus.TIMEOUT);
            return null;
        });
    }

    @Test
    void illegalTransitionsNameRunCurrentAndAttemptedState() {
        withRollback(r -> {
            Runs runs = r.runs();
            Run queued = runs.submit(newRun("api-illegal"));
            InvalidTransitionException e = catchThrowableOfType(InvalidTransitionException.class,
                    () -> runs.succeed(queued.runId(), Metrics.none()));
            assertThat(e.id()).isEqualTo(queued.runId());
            assertThat(e.current()).isEqualTo(RunStatus.QUEUED);
            assertThat(e.attempted()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(runs.get(queued.runId()).status()).isEqualTo(RunStatus.QUEUED);

            runs.cancel(queued.runId(), "stop");
            InvalidTransitionException again = catchThrowableOfType(InvalidTransitionException.class,
                    () -> runs.start(queued.runId()));
            assertThat(again.current()).isEqualTo(RunStatus.CANCELLED);
            assertThat(again.attempted()).isEqualTo(RunStatus.RUNNING);

            UUID missing = UUID.randomUUID();
            NotFoundException nf = catchThrowableOfType(NotFoundException.class, () -> runs.timeout(missing));
            assertThat(nf.id()).isEqualTo(missing);
            assertThat(runs.find(missing)).isEmpty();
            return null;
        });
    }

    @Test
    void duplicateDailyRunIsATypedError() {
        withRollback(r -> {
            r.runs().submit(newRun("api-dup"));
            DuplicateRunException e = catchThrowableOfType(DuplicateRunException.class,
                    () -> r.runs().submit(newRun("api-dup")));
            assertThat(e.constraint()).isEqualTo("unique_daily_run");
            assertThat(e).isInstanceOf(ConstraintViolationException.class);
            return null;
        });
    }

    @Test
    void databaseRefusalsAreTranslatedWithTrackingRules() {
        withRollback(r -> {
            ConstraintViolationException accuracy = catchThrowableOfType(ConstraintViolationException.class,
                    () -> r.inTransaction(ctx -> ctx.update(TRAINING_RUNS).set(TRAINING_RUNS.ACCURACY, new BigDecimal("1.5"))
                            .where(TRAINING_RUNS.MODEL_NAME.eq("resnet50-classification")).execute()));
            assertThat(accuracy.constraint()).isEqualTo("valid_accuracy");
            assertThat(accuracy.field()).isEqualTo("accuracy");
            assertThat(accuracy.rule()).startsWith("must be within [0, 1]");

            // completed_timestamp exists in both schemas; the tracking rule must be chosen.
            ConstraintViolationException completed = catchThrowableOfType(ConstraintViolationException.class,
                    () -> r.inTransaction(ctx -> ctx.update(TRAINING_RUNS).set(TRAINING_RUNS.COMPLETED_AT, (OffsetDateTime) null)
                            .where(TRAINING_RUNS.MODEL_NAME.eq("resnet50-classification")).execute()));
            assertThat(completed.constraint()).isEqualTo("completed_timestamp");
            assertThat(completed.field()).isEqualTo("completed_at");
            return null;
        });
    }

    @Test
    void twoConcurrentTransitionsOfOneRunCannotBothWin() throws Exception {
        DataSource ds = freshMigratedDatabase();
        Runs runs = Registry.configure().dataSource(ds).load().runs();
        var ctx = DSL.using(ds, SQLDialect.POSTGRES);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(insertRun(ctx, "race-" + i, "t", RunStatus.RUNNING, OffsetDateTime.now().minusHours(1)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (UUID id : ids) {
                CyclicBarrier barrier = new CyclicBarrier(2);
                Future<Object> succeed = pool.submit(() -> {
                    barrier.await();
                    try {
                        return runs.succeed(id, Metrics.none().withAccuracy(0.5));
                    } catch (InvalidTransitionException e) {
                        return e;
                    }
                });
                Future<Object> fail = pool.submit(() -> {
                    barrier.await();
                    try {
                        return runs.fail(id, "race");
                    } catch (InvalidTransitionException e) {
                        return e;
                    }
                });
                Object a = succeed.get();
                Object b = fail.get();
                long winners = List.of(a, b).stream().filter(Run.class::isInstance).count();
                assertThat(winners).as("run %s", id).isEqualTo(1);
                Run winner = (Run) (a instanceof Run ? a : b);
                InvalidTransitionException loser = (InvalidTransitionException) (a instanceof Run ? b : a);
                assertThat(loser.current()).isEqualTo(winner.status());
                assertThat(runs.get(id).status()).isEqualTo(winner.status());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(ctx.fetchCount(TRAINING_RUNS, TRAINING_RUNS.STATUS.eq(RunStatus.RUNNING))).isZero();
        assertThat(ctx.fetchCount(TRAINING_RUNS, TRAINING_RUNS.PARAMETERS.eq(JSONB.valueOf("{}")))).isEqualTo(40);
    }
}
