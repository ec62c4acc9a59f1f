package org.mlregistry.examples.lab01;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.mlregistry.examples.catalog.LabCatalog;
import org.mlregistry.examples.equivalence.Equivalence;
import org.mlregistry.examples.equivalence.LabSql;
import org.mlregistry.schema.DatabaseTest;
import org.mlregistry.schema.jooq.tracking.tables.records.TrainingRunsRecord;
import org.mlregistry.schema.types.RunStatus;
import org.postgresql.util.PSQLException;

/** Lab 01, Part 7: the transaction examples do their steps atomically, and what is rolled back stays so. */
class TransactionsTest extends DatabaseTest {

    /**
     * Runs work inside a jOOQ transaction that is rolled back, so the examples' own transactions
     * become savepoints of it and even their commits leave the shared database unchanged.
     */
    private static <T> T insideRolledBackJooqTransaction(Function<DSLContext, T> work) {
        return rolledBack(ctx -> {
            return Transactions.inRolledBackTransaction(ctx, work);
        });
    }

    private static int runsNamed(DSLContext ctx, String model) {
        return ctx.fetchCount(TRAINING_RUNS, TRAINING_RUNS.MODEL_NAME.eq(model));
    }

    @Test
    void simpleTransactionSeesItsInsertWhichTheRollbackUndoes() {
        rolledBack(ctx -> {
            var seenInside = Transactions.insertSeenOnlyInsideItsTransaction(ctx);
            assertThat(seenInside).singleElement().satisfies(run -> {
                assertThat(run.getStatus()).as("status default").isEqualTo(RunStatus.QUEUED);
                assertThat(run.getExperimentName()).isEqualTo("test-exp");
            });
            assertThat(Transactions.testModelRuns(ctx)).as("L1.P7.05 after the rollback").isEmpty();
            assertThat(runsNamed(ctx, "test-model")).isZero();
        });
    }

    @Test
    void multiStepTransactionMovesTheRunToSucceededThenCleanupDeletesIt() {
        OffsetDateTime[] transactionStart = new OffsetDateTime[1];
        var steps = insideRolledBackJooqTransaction(ctx -> {
            transactionStart[0] = ctx.select(currentOffsetDateTime()).fetchOne().value1();
            var run = Transactions.runLifecycleInOneTransaction(ctx);
            assertThat(runsNamed(ctx, "transactional-test")).isEqualTo(1);
            assertThat(Equivalence.assertSameEffect(ctx, LabCatalog.select(List.of("L1.P7.12")).get(0)))
                    .as("L1.P7.12 deletes the run as the lab's DELETE does").hasSize(1);
            assertThat(runsNamed(ctx, "transactional-test")).isZero();
            return run;
        });
        assertThat(steps).singleElement().satisfies(run -> {
            assertThat(run.getStatus()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(run.getAccuracy()).isEqualByComparingTo("0.95");
            assertThat(run.getGpuHours()).isEqualByComparingTo("10.5");
            // now() is the transaction's start: started_at and completed_at are the same instant
            assertThat(run.getStartedAt()).isEqualTo(transactionStart[0]).isEqualTo(run.getCompletedAt());
        });
        assertThat(runsNamed(db(), "transactional-test")).as("nothing committed").isZero();
    }

    @Test
    void isolationIsReadCommittedByDefaultAndSerializableWhereAsked() {
        assertThat(Transactions.transactionIsolation(db()).get(0).value1()).isEqualTo("read committed");
        String level = Transactions.inSerializableTransaction(db(),
                trx -> Transactions.transactionIsolation(trx.dsl()).get(0).value1());
        assertThat(level).isEqualTo("serializable");
        assertThat(Transactions.transactionIsolation(db()).get(0).value1()).as("restored afterwards").isEqualTo("read committed");

        var queued = Transactions.queuedRunsSerializable(db());
        assertThat(queued).extracting(TrainingRunsRecord::getModelName).containsExactly("reinforcement-learning-ppo");
    }

    @Test
    void savepointKeepsOnlyTheFirstInsert() {
        rolledBack(ctx -> {
            assertThat(Transactions.savepointUndoesTheSecondInsert(ctx).getValues(TRAINING_RUNS.MODEL_NAME))
                    .containsExactly("savepoint-test-1");
            assertThat(ctx.fetchCount(TRAINING_RUNS, TRAINING_RUNS.MODEL_NAME.like("savepoint-test%")))
                    .as("the outer transaction was rolled back too").isZero();
        });
    }

    /** L1.P7.25: the example, without sleeps. */
    @Test
    void jobLifecycleRunsInOneTransactionSoAllTimestampsAreEqual() {
        rolledBack(ctx -> {
            OffsetDateTime now = ctx.select(currentOffsetDateTime()).fetchOne().value1();
            var job = Transactions.jobLifecycleRolledBack(ctx);
            assertThat(job).singleElement().satisfies(row -> {
                assertThat(row.value1()).isEqualTo("lifecycle-demo");
                assertThat(row.value2()).isEqualTo(RunStatus.SUCCEEDED);
                assertThat(row.value3()).isEqualByComparingTo("0.92");
                assertThat(row.value4()).isEqualByComparingTo("5.5");
                // the lab's pg_sleep(1) and pg_sleep(2) do not separate them: now() is fixed per transaction
                assertThat(row.value5()).isEqualTo(now).isEqualTo(row.value6());
            });
            assertThat(runsNamed(ctx, "lifecycle-demo")).as("rolled back").isZero();
        });
    }

    @Test
    void labDoBlockLeavesTimestampsEqualDespiteItsSleeps() {
        rolledBack(ctx -> {
            String labSql = LabCatalog.select(List.of("L1.P7.25")).get(0).labSql();
            LabSql.run(ctx, "tracking", labSql);
            TrainingRunsRecord run = ctx.selectFrom(TRAINING_RUNS).where(TRAINING_RUNS.MODEL_NAME.eq("lifecycle-demo")).fetchOne();
            assertThat(run.getStartedAt()).isEqualTo(run.getCompletedAt()).isEqualTo(run.getCreatedAt());
        });
    }

    @Test
    void unknownFrameworkIsRefusedAndAbortsTheTransaction() {
        assertRefusedBy("valid_framework", Transactions::insertWithUnknownFramework);
        rolledBack(ctx -> {
            catchThrowable(() -> Transactions.insertWithUnknownFramework(ctx));
            Throwable next = catchThrowable(() -> Transactions.testModelRuns(ctx));
            assertThat(sqlState(next)).as("current transaction is aborted").isEqualTo("25P02");
        });
    }

    @Test
    void theExampleShowsTheRefusalThenTheAbortedTransaction() {
        var steps = Transactions.unknownFrameworkAbortsTheTransaction(db());

        assertThat(steps.getValues("outcome", String.class)).satisfiesExactly(
                insert -> assertThat(insert).startsWith("23514 valid_framework: new row for relation \"training_runs\""),
                next -> assertThat(next).startsWith("25P02: current transaction is aborted"));
        assertThat(db().fetchCount(TRAINING_RUNS)).isEqualTo(20);
    }

    /** L1.P7.30: a second insert the same day is refused, reported, and the transaction goes on. */
    @Test
    void safeInsertReportsTheErrorAndKeepsTheTransactionUsable() {
        var results = insideRolledBackJooqTransaction(ctx -> {
            var first = Transactions.insertOrReportError(ctx);
            // same model, experiment, dataset and day: unique_daily_run refuses the second, which is caught
            var second = Transactions.insertOrReportError(ctx);
            assertThat(runsNamed(ctx, "error-safe")).as("the transaction goes on").isEqualTo(1);
            return List.of(first, second);
        });
        assertThat(results.get(0)).singleElement().satisfies(run -> assertThat(run.getExperimentName()).isEqualTo("safe-exp"));
        assertThat(results.get(1)).isEmpty();
        assertThat(runsNamed(db(), "error-safe")).as("nothing committed").isZero();
    }

    private static String sqlState(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof PSQLException psql) {
                return psql.getSQLState();
            }
        }
        return null;
    }
}
