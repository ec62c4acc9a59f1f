package org.mlregistry.examples.lab01;

import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Record2;
import org.jooq.Record6;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.TransactionalCallable;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConnectionProvider;
import org.jooq.impl.SQLDataType;
import org.mlregistry.examples.catalog.LabStatement;
import org.mlregistry.schema.jooq.tracking.tables.TrainingRuns;
import org.mlregistry.schema.jooq.tracking.tables.records.TrainingRunsRecord;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.RunStatus;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Lab 01, Part 7: transactions. The lab's BEGIN … COMMIT becomes a jOOQ transaction
 * ({@link DSLContext#transactionResult}); BEGIN … ROLLBACK becomes a jOOQ transaction left by
 * {@link RollbackWith}; SAVEPOINT / ROLLBACK TO becomes a nested jOOQ transaction. Called inside a
 * transaction already, each of them is a savepoint of that transaction instead.
 */
public final class Transactions {

    private static final TrainingRuns TR = TRAINING_RUNS;
    private static final Logger LOG = System.getLogger(Transactions.class.getName());

    private Transactions() {
    }

    /** Thrown out of a jOOQ transaction to roll it back while handing its result out. */
    public static final class RollbackWith extends RuntimeException {
        private final transient Object result;

        RollbackWith(Object result) {
            super("rolled back on purpose", null, false, false);
            this.result = result;
        }
    }

    /**
     * Runs work in a jOOQ transaction (a savepoint, if ctx is in a transaction already) that is
     * always rolled back, and returns what work returned.
     */
    public static <T> T inRolledBackTransaction(DSLContext ctx, Function<DSLContext, T> work) {
        try {
            ctx.transaction(trx -> {
                throw new RollbackWith(work.apply(trx.dsl()));
            });
        } catch (RollbackWith rollback) {
            @SuppressWarnings("unchecked")
            T result = (T) rollback.result;
            return result;
        }
        throw new IllegalStateException("the transaction ended without rolling back");
    }

    /**
     * Runs work in a SERIALIZABLE transaction on ctx's connection. JDBC sets the level between
     * transactions only, so ctx must not be inside one; the connection's level is restored after.
     */
    public static <T> T inSerializableTransaction(DSLContext ctx, TransactionalCallable<T> work) {
        return ctx.connectionResult(connection -> {
            int previous = connection.getTransactionIsolation();
            connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            try {
                return ctx.configuration().derive(new DefaultConnectionProvider(connection)).dsl().transactionResult(work);
            } finally {
                connection.setTransactionIsolation(previous);
            }
        });
    }

    /** INSERT of the lab's small test runs (status left to its default or given). */
    private static Result<TrainingRunsRecord> insertRun(DSLContext ctx, String model, Framework framework, String experiment,
                                                        RunStatus status, String dataset, String computeTarget) {
        var insert = ctx.insertInto(TR)
                .set(TR.MODEL_NAME, model)
                .set(TR.FRAMEWORK, framework)
                .set(TR.EXPERIMENT_NAME, experiment)
                .set(TR.DATASET, dataset)
                .set(TR.COMPUTE_TARGET, computeTarget);
        return (status == null ? insert : insert.set(TR.STATUS, status)).returning().fetch();
    }

    // ---------------------------------------------------------------- Example 1: simple transaction

    @LabStatement(ids = {"L1.P7.02", "L1.P7.03"}, step = "Step 7.1: Transaction Examples",
            title = "Example 1: Simple transaction",
            check = LabStatement.Check.DEDICATED_TEST,
            test = "TransactionsTest#simpleTransactionSeesItsInsertWhichTheRollbackUndoes", sql = """
            INSERT INTO training_runs (model_name, framework, experiment_name, dataset, compute_target)
                VALUES ('test-model', 'pytorch', 'test-exp', 'test-data', 'test-compute');
            SELECT * FROM training_runs WHERE model_name = 'test-model';
            """)
    public static Result<TrainingRunsRecord> insertSeenOnlyInsideItsTransaction(DSLContext ctx) {
        return inRolledBackTransaction(ctx, trx -> {
            insertRun(trx, "test-model", Framework.PYTORCH, "test-exp", null, "test-data", "test-compute");
            return trx.selectFrom(TR).where(TR.MODEL_NAME.eq("test-model")).fetch();
        });
    }

    @LabStatement(ids = "L1.P7.05", step = "Step 7.1: Transaction Examples",
            title = "Verify it was rolled back", sql = """
            SELECT * FROM training_runs WHERE model_name = 'test-model';
            """)
    public static Result<TrainingRunsRecord> testModelRuns(DSLContext ctx) {
        return ctx.selectFrom(TR).where(TR.MODEL_NAME.eq("test-model")).fetch();
    }

    // ---------------------------------------------------------------- Example 2: multi-step transaction

    @LabStatement(ids = {"L1.P7.07", "L1.P7.08", "L1.P7.09", "L1.P7.10"}, step = "Step 7.1: Transaction Examples",
            title = "Step 1: Insert new run",
            check = LabStatement.Check.DEDICATED_TEST,
            test = "TransactionsTest#multiStepTransactionMovesTheRunToSucceededThenCleanupDeletesIt", sql = """
            INSERT INTO training_runs (
                    model_name, framework, experiment_name,
                    status, dataset, compute_target
                )
                VALUES (
                    'transactional-test', 'pytorch', 'tx-test',
                    'queued', 'test-dataset', 'test-target'
                )
                RETURNING run_id;
            UPDATE training_runs
                SET status = 'running', started_at = NOW()
                WHERE model_name = 'transactional-test';
            UPDATE training_runs
                SET
                    status = 'succeeded',
                    completed_at = NOW(),
                    accuracy = 0.95,
                    gpu_hours = 10.5
                WHERE model_name = 'transactional-test';
            SELECT * FROM training_runs WHERE model_name = 'transactional-test';
            """)
    public static Result<TrainingRunsRecord> runLifecycleInOneTransaction(DSLContext ctx) {
        return ctx.transactionResult(trx -> {
            DSLContext tx = trx.dsl();
            insertRun(tx, "transactional-test", Framework.PYTORCH, "tx-test", RunStatus.QUEUED, "test-dataset", "test-target");
            tx.update(TR)
                    .set(TR.STATUS, RunStatus.RUNNING)
                    .set(TR.STARTED_AT, currentOffsetDateTime())
                    .where(TR.MODEL_NAME.eq("transactional-test"))
                    .execute();
            tx.update(TR)
                    .set(TR.STATUS, RunStatus.SUCCEEDED)
                    .set(TR.COMPLETED_AT, currentOffsetDateTime())
                    .set(TR.ACCURACY, new BigDecimal("0.95"))
                    .set(TR.GPU_HOURS, new BigDecimal("10.5"))
                    .where(TR.MODEL_NAME.eq("transactional-test"))
                    .execute();
            return tx.selectFrom(TR).where(TR.MODEL_NAME.eq("transactional-test")).fetch();
        });
    }

    @LabStatement(ids = "L1.P7.12", step = "Step 7.1: Transaction Examples",
            title = "Clean up", check = LabStatement.Check.SAME_EFFECT, sql = """
            DELETE FROM training_runs WHERE model_name = 'transactional-test';
            """)
    public static Result<TrainingRunsRecord> deleteTransactionalTestRuns(DSLContext ctx) {
        return ctx.deleteFrom(TR).where(TR.MODEL_NAME.eq("transactional-test")).returning().fetch();
    }

    // ---------------------------------------------------------------- isolation levels

    @LabStatement(ids = "L1.P7.13", step = "Step 7.1: Transaction Examples",
            title = "Check current isolation level", sql = """
            SHOW transaction_isolation;
            """)
    public static Result<Record1<String>> transactionIsolation(DSLContext ctx) {
        // SHOW x is current_setting('x'), which a SELECT can use
        return ctx.select(field("current_setting({0})", SQLDataType.CLOB, inline("transaction_isolation")).as("transaction_isolation"))
                .fetch();
    }

    @LabStatement(ids = "L1.P7.15", step = "Step 7.1: Transaction Examples",
            title = "Set isolation level (for this transaction only)",
            check = LabStatement.Check.DEDICATED_TEST,
            test = "TransactionsTest#isolationIsReadCommittedByDefaultAndSerializableWhereAsked", sql = """
            SELECT * FROM training_runs WHERE status = 'queued';
            """)
    public static Result<TrainingRunsRecord> queuedRunsSerializable(DSLContext ctx) {
        return inSerializableTransaction(ctx, trx -> trx.dsl().selectFrom(TR).where(TR.STATUS.eq(RunStatus.QUEUED)).fetch());
    }

    // ---------------------------------------------------------------- savepoints

    @LabStatement(ids = {"L1.P7.18", "L1.P7.20", "L1.P7.22"}, step = "Step 7.1: Transaction Examples",
            title = "Create a test run",
            check = LabStatement.Check.DEDICATED_TEST,
            test = "TransactionsTest#savepointKeepsOnlyTheFirstInsert", sql = """
            INSERT INTO training_runs (
                    model_name, framework, experiment_name,
                    status, dataset, compute_target
                )
                VALUES (
                    'savepoint-test-1', 'pytorch', 'sp-test',
                    'queued', 'test', 'test'
                );
            INSERT INTO training_runs (
                    model_name, framework, experiment_name,
                    status, dataset, compute_target
                )
                VALUES (
                    'savepoint-test-2', 'tensorflow', 'sp-test',
                    'queued', 'test', 'test'
                );
            SELECT model_name FROM training_runs WHERE model_name LIKE 'savepoint-test%';
            """)
    public static Result<Record1<String>> savepointUndoesTheSecondInsert(DSLContext ctx) {
        return inRolledBackTransaction(ctx, trx -> {
            insertRun(trx, "savepoint-test-1", Framework.PYTORCH, "sp-test", RunStatus.QUEUED, "test", "test");
            // the nested transaction is SAVEPOINT …; leaving it by RollbackWith is ROLLBACK TO SAVEPOINT
            inRolledBackTransaction(trx, nested ->
                    insertRun(nested, "savepoint-test-2", Framework.TENSORFLOW, "sp-test", RunStatus.QUEUED, "test", "test"));
            return trx.select(TR.MODEL_NAME).from(TR).where(TR.MODEL_NAME.like("savepoint-test%")).fetch();
        });
    }

    // ---------------------------------------------------------------- a job's lifecycle, atomically

    @LabStatement(ids = "L1.P7.25", step = "Step 7.1: Transaction Examples",
            title = "Variables (in real app, these would be parameters)",
            check = LabStatement.Check.DEDICATED_TEST,
            test = "TransactionsTest#jobLifecycleRunsInOneTransactionSoAllTimestampsAreEqual", sql = """
            DO $$
            DECLARE
                job_run_id UUID;
                job_model TEXT := 'lifecycle-demo';
            BEGIN
                INSERT INTO training_runs (
                    model_name, framework, experiment_name,
                    status, dataset, compute_target
                )
                VALUES (
                    job_model, 'pytorch', 'lifecycle-test',
                    'queued', 'demo-data', 'k8s-gpu'
                )
                RETURNING run_id INTO job_run_id;
                RAISE NOTICE 'Created job with ID: %', job_run_id;
                PERFORM pg_sleep(1); \s
                UPDATE training_runs
                SET
                    status = 'running',
                    started_at = NOW()
                WHERE run_id = job_run_id;
                RAISE NOTICE 'Job started at: %', NOW();
                PERFORM pg_sleep(2); \s
                UPDATE training_runs
                SET
                    status = 'succeeded',
                    completed_at = NOW(),
                    accuracy = 0.92,
                    loss = 0.15,
                    gpu_hours = 5.5,
                    notes = 'Lifecycle test completed successfully'
                WHERE run_id = job_run_id;
                RAISE NOTICE 'Job completed at: %', NOW();
                PERFORM model_name, status, accuracy, gpu_hours
                FROM training_runs
                WHERE run_id = job_run_id;
            END $$;
            """)
    public static Result<Record6<String, RunStatus, BigDecimal, BigDecimal, OffsetDateTime, OffsetDateTime>> jobLifecycleRolledBack(
            DSLContext ctx) {
        // The lab's BEGIN; DO …; ROLLBACK: the steps in one transaction, rolled back. The pg_sleep calls are
        // left out: now() is the transaction's start time, so they would not change any timestamp.
        return inRolledBackTransaction(ctx, trx -> {
            UUID jobRunId = trx.insertInto(TR)
                    .set(TR.MODEL_NAME, "lifecycle-demo")
                    .set(TR.FRAMEWORK, Framework.PYTORCH)
                    .set(TR.EXPERIMENT_NAME, "lifecycle-test")
                    .set(TR.STATUS, RunStatus.QUEUED)
                    .set(TR.DATASET, "demo-data")
                    .set(TR.COMPUTE_TARGET, "k8s-gpu")
                    .returningResult(TR.RUN_ID)
                    .fetchOne(TR.RUN_ID);
            LOG.log(Level.INFO, "Created job with ID: {0}", jobRunId);
            trx.update(TR)
                    .set(TR.STATUS, RunStatus.RUNNING)
                    .set(TR.STARTED_AT, currentOffsetDateTime())
                    .where(TR.RUN_ID.eq(jobRunId))
                    .execute();
            trx.update(TR)
                    .set(TR.STATUS, RunStatus.SUCCEEDED)
                    .set(TR.COMPLETED_AT, currentOffsetDateTime())
                    .set(TR.ACCURACY, new BigDecimal("0.92"))
                    .set(TR.LOSS, new BigDecimal("0.15"))
                    .set(TR.GPU_HOURS, new BigDecimal("5.5"))
                    .set(TR.NOTES, "Lifecycle test completed successfully")
                    .where(TR.RUN_ID.eq(jobRunId))
                    .execute();
            return trx.select(TR.MODEL_NAME, TR.STATUS, TR.ACCURACY, TR.GPU_HOURS, TR.STARTED_AT, TR.COMPLETED_AT)
                    .from(TR)
                    .where(TR.RUN_ID.eq(jobRunId))
                    .fetch();
        });
    }

    // ---------------------------------------------------------------- errors

    @LabStatement(ids = "L1.P7.28", step = "Step 7.1: Transaction Examples",
            title = "This will fail due to constraint violation",
            check = LabStatement.Check.DEDICATED_TEST,
            test = "TransactionsTest#theExampleShowsTheRefusalThenTheAbortedTransaction", sql = """
            INSERT INTO training_runs (
                    model_name, framework, experiment_name,
                    status, dataset, compute_target, accuracy
                )
                VALUES (
                    'error-test', 'invalid-framework', \s
                    'error-exp', 'queued', 'test', 'test', 0.95
                );
            """)
    public static Result<Record2<String, String>> unknownFrameworkAbortsTheTransaction(DSLContext ctx) {
        Field<String> statement = DSL.field(DSL.name("statement"), String.class);
        Field<String> outcome = DSL.field(DSL.name("outcome"), String.class);
        return ctx.connectionResult(connection -> {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false); // BEGIN
            DSLContext trx = DSL.using(connection, SQLDialect.POSTGRES);
            Result<Record2<String, String>> steps = trx.newResult(statement, outcome);
            try {
                steps.add(trx.newRecord(statement, outcome).values("INSERT … 'invalid-framework'",
                        outcomeOf(() -> insertWithUnknownFramework(trx))));
                steps.add(trx.newRecord(statement, outcome).values("SELECT count(*) FROM training_runs",
                        outcomeOf(() -> trx.selectCount().from(TR).fetchOne(0, int.class))));
            } finally {
                connection.rollback(); // ROLLBACK: the only way out of an aborted transaction
                connection.setAutoCommit(autoCommit);
            }
            return steps;
        });
    }

    /** "ok" or the SQLSTATE, constraint and message PostgreSQL answered. */
    private static String outcomeOf(Runnable statement) {
        try {
            statement.run();
            return "ok";
        } catch (DataAccessException e) {
            PSQLException psql = e.getCause(PSQLException.class);
            ServerErrorMessage server = psql == null ? null : psql.getServerErrorMessage();
            if (server == null) {
                throw e;
            }
            return server.getSQLState() + (server.getConstraint() == null ? "" : " " + server.getConstraint())
                    + ": " + server.getMessage();
        }
    }

    /** The lab's INSERT; PostgreSQL refuses it (valid_framework). */
    public static Result<TrainingRunsRecord> insertWithUnknownFramework(DSLContext ctx) {
        // The Framework enum cannot name 'invalid-framework': the column is addressed as plain text here
        // to show what PostgreSQL does with it (CHECK valid_framework refuses it).
        Field<String> frameworkText = field(TR.FRAMEWORK.getUnqualifiedName(), SQLDataType.CLOB);
        return ctx.insertInto(TR)
                .set(TR.MODEL_NAME, "error-test")
                .set(frameworkText, "invalid-framework")
                .set(TR.EXPERIMENT_NAME, "error-exp")
                .set(TR.STATUS, RunStatus.QUEUED)
                .set(TR.DATASET, "test")
                .set(TR.COMPUTE_TARGET, "test")
                .set(TR.ACCURACY, new BigDecimal("0.95"))
                .returning()
                .fetch();
    }

    @LabStatement(ids = "L1.P7.30", step = "Step 7.1: Transaction Examples",
            title = "Safe pattern with DO block", check = LabStatement.Check.DEDICATED_TEST,
            test = "TransactionsTest#safeInsertReportsTheErrorAndKeepsTheTransactionUsable", sql = """
            DO $$
            BEGIN
                BEGIN
                    INSERT INTO training_runs (
                        model_name, framework, experiment_name,
                        status, dataset, compute_target
                    )
                    VALUES (
                        'error-safe', 'pytorch', 'safe-exp',
                        'queued', 'test', 'test'
                    );
                EXCEPTION
                    WHEN others THEN
                        RAISE NOTICE 'Error occurred: %', SQLERRM;
                END;
            END $$;
            """)
    public static Result<TrainingRunsRecord> insertOrReportError(DSLContext ctx) {
        // The DO block is one statement (its own transaction); BEGIN … EXCEPTION inside it is a savepoint
        return ctx.transactionResult(trx -> {
            try {
                return trx.dsl().transactionResult(nested ->
                        insertRun(nested.dsl(), "error-safe", Framework.PYTORCH, "safe-exp", RunStatus.QUEUED, "test", "test"));
            } catch (DataAccessException e) {
                LOG.log(Level.INFO, "Error occurred: {0}", e.getMessage());
                return trx.dsl().newResult(TR);
            }
        });
    }
}
