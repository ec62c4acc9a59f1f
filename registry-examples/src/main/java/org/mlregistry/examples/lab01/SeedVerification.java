package org.mlregistry.examples.lab01;

import static org.jooq.impl.DSL.avg;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.jsonbGetAttributeAsText;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.round;
import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

import java.math.BigDecimal;
import java.util.UUID;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Record2;
import org.jooq.Record3;
import org.jooq.Record4;
import org.jooq.Record5;
import org.jooq.Record6;
import org.jooq.Result;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.SQLDataType;
import org.mlregistry.examples.catalog.LabStatement;
import org.mlregistry.examples.catalog.LabStatement.Check;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.RunStatus;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** Lab 01, Part 3: the queries that verify the seed data, and the inserts its constraints refuse. */
public final class SeedVerification {

    private SeedVerification() {
    }

    @LabStatement(ids = "L1.P3.02", step = "Step 3.1: Create Seed Data Script",
            title = "Total count", sql = """
            SELECT COUNT(*) AS total_runs FROM training_runs;
            """)
    public static Result<Record1<Integer>> totalCount(DSLContext ctx) {
        return ctx.select(count().as("total_runs"))
                .from(TRAINING_RUNS)
                .fetch();
    }

    @LabStatement(ids = "L1.P3.03", step = "Step 3.1: Create Seed Data Script",
            title = "Breakdown by status", sql = """
            SELECT status, COUNT(*) AS count
            FROM training_runs
            GROUP BY status
            ORDER BY count DESC;
            """)
    public static Result<Record2<RunStatus, Integer>> breakdownByStatus(DSLContext ctx) {
        Field<Integer> count = count().as("count");
        return ctx.select(TRAINING_RUNS.STATUS, count)
                .from(TRAINING_RUNS)
                .groupBy(TRAINING_RUNS.STATUS)
                .orderBy(count.desc())
                .fetch();
    }

    @LabStatement(ids = "L1.P3.04", step = "Step 3.1: Create Seed Data Script",
            title = "Framework distribution", sql = """
            SELECT framework, COUNT(*) AS count
            FROM training_runs
            GROUP BY framework
            ORDER BY count DESC;
            """)
    public static Result<Record2<Framework, Integer>> frameworkDistribution(DSLContext ctx) {
        Field<Integer> count = count().as("count");
        return ctx.select(TRAINING_RUNS.FRAMEWORK, count)
                .from(TRAINING_RUNS)
                .groupBy(TRAINING_RUNS.FRAMEWORK)
                .orderBy(count.desc())
                .fetch();
    }

    @LabStatement(ids = "L1.P3.05", step = "Step 3.1: Create Seed Data Script",
            title = "Average accuracy by framework (for succeeded runs)", sql = """
            SELECT
                framework,
                COUNT(*) AS total_runs,
                COUNT(accuracy) AS runs_with_accuracy,
                ROUND(AVG(accuracy)::numeric, 4) AS avg_accuracy
            FROM training_runs
            WHERE status = 'succeeded'
            GROUP BY framework
            ORDER BY avg_accuracy DESC NULLS LAST;
            """)
    public static Result<Record4<Framework, Integer, Integer, BigDecimal>> averageAccuracyByFramework(DSLContext ctx) {
        Field<BigDecimal> avgAccuracy = round(avg(TRAINING_RUNS.ACCURACY), 4).as("avg_accuracy");
        return ctx.select(
                        TRAINING_RUNS.FRAMEWORK,
                        count().as("total_runs"),
                        count(TRAINING_RUNS.ACCURACY).as("runs_with_accuracy"),
                        avgAccuracy)
                .from(TRAINING_RUNS)
                .where(TRAINING_RUNS.STATUS.eq(RunStatus.SUCCEEDED))
                .groupBy(TRAINING_RUNS.FRAMEWORK)
                .orderBy(avgAccuracy.desc().nullsLast())
                .fetch();
    }

    @LabStatement(ids = "L1.P3.06", step = "Step 3.3: Verify Data Integrity",
            title = "View first 5 runs", sql = """
            SELECT
                run_id,
                model_name,
                framework,
                status,
                ROUND(accuracy::numeric, 4) AS accuracy,
                ROUND(gpu_hours::numeric, 2) AS gpu_hours
            FROM training_runs
            ORDER BY created_at DESC
            LIMIT 5;
            """)
    public static Result<Record6<UUID, String, Framework, RunStatus, BigDecimal, BigDecimal>> firstFiveRuns(DSLContext ctx) {
        return ctx.select(
                        TRAINING_RUNS.RUN_ID,
                        TRAINING_RUNS.MODEL_NAME,
                        TRAINING_RUNS.FRAMEWORK,
                        TRAINING_RUNS.STATUS,
                        round(TRAINING_RUNS.ACCURACY, 4).as("accuracy"),
                        round(TRAINING_RUNS.GPU_HOURS, 2).as("gpu_hours"))
                .from(TRAINING_RUNS)
                .orderBy(TRAINING_RUNS.CREATED_AT.desc())
                .limit(5)
                .fetch();
    }

    /** Without ORDER BY, which 5 PyTorch runs come back is up to PostgreSQL (see the lab 01 defects). */
    @LabStatement(ids = "L1.P3.07", step = "Step 3.3: Verify Data Integrity",
            title = "Check JSONB parameters", sql = """
            SELECT
                model_name,
                framework,
                status,
                parameters->>'learning_rate' AS learning_rate,
                parameters->>'batch_size' AS batch_size
            FROM training_runs
            WHERE framework = 'pytorch'
            LIMIT 5;
            """)
    public static Result<Record5<String, Framework, RunStatus, String, String>> jsonbParameters(DSLContext ctx) {
        return ctx.select(
                        TRAINING_RUNS.MODEL_NAME,
                        TRAINING_RUNS.FRAMEWORK,
                        TRAINING_RUNS.STATUS,
                        jsonbGetAttributeAsText(TRAINING_RUNS.PARAMETERS, "learning_rate").as("learning_rate"),
                        jsonbGetAttributeAsText(TRAINING_RUNS.PARAMETERS, "batch_size").as("batch_size"))
                .from(TRAINING_RUNS)
                .where(TRAINING_RUNS.FRAMEWORK.eq(Framework.PYTORCH))
                .limit(5)
                .fetch();
    }

    /**
     * The lab expects {@code ERROR: new row for relation "training_runs" violates check constraint
     * "valid_framework"}. {@link Framework} has no constant for 'invalid-framework', so the typed
     * column cannot even carry it: the insert goes through the column as plain text, and the
     * database refuses it.
     */
    @LabStatement(ids = "L1.P3.08", step = "Step 3.3: Verify Data Integrity",
            title = "This should FAIL due to invalid framework:", check = Check.DEDICATED_TEST,
            test = "SeedVerificationTest#theInsertIsRefusedAsTheLabShows", sql = """
            INSERT INTO training_runs (model_name, framework, experiment_name, dataset, compute_target)
            VALUES ('test', 'invalid-framework', 'test', 'test', 'test');
            """)
    public static Result<Record3<String, String, String>> invalidFrameworkIsRefused(DSLContext ctx) {
        Field<String> frameworkAsText = field(name(TRAINING_RUNS.FRAMEWORK.getName()), SQLDataType.CLOB);
        return refusal(ctx, c -> c
                .insertInto(TRAINING_RUNS, TRAINING_RUNS.MODEL_NAME, frameworkAsText, TRAINING_RUNS.EXPERIMENT_NAME,
                        TRAINING_RUNS.DATASET, TRAINING_RUNS.COMPUTE_TARGET)
                .values("test", "invalid-framework", "test", "test", "test")
                .execute());
    }

    /** The lab expects {@code ERROR: new row for relation "training_runs" violates check constraint "valid_accuracy"}. */
    @LabStatement(ids = "L1.P3.09", step = "Step 3.3: Verify Data Integrity",
            title = "This should FAIL due to invalid accuracy:", check = Check.DEDICATED_TEST,
            test = "SeedVerificationTest#theInsertIsRefusedAsTheLabShows", sql = """
            INSERT INTO training_runs (model_name, framework, experiment_name, dataset, compute_target, accuracy)
            VALUES ('test', 'pytorch', 'test', 'test', 'test', 1.5);
            """)
    public static Result<Record3<String, String, String>> invalidAccuracyIsRefused(DSLContext ctx) {
        return refusal(ctx, c -> c
                .insertInto(TRAINING_RUNS, TRAINING_RUNS.MODEL_NAME, TRAINING_RUNS.FRAMEWORK, TRAINING_RUNS.EXPERIMENT_NAME,
                        TRAINING_RUNS.DATASET, TRAINING_RUNS.COMPUTE_TARGET, TRAINING_RUNS.ACCURACY)
                .values("test", Framework.PYTORCH, "test", "test", "test", new BigDecimal("1.5"))
                .execute());
    }

    /**
     * Runs a write that must be refused in a transaction of its own (a savepoint when the caller is
     * in one), so the refusal leaves the surrounding transaction usable, and returns the refusal as
     * one row: SQLSTATE, constraint and PostgreSQL's message. A write that is accepted is undone and
     * reported as an error.
     */
    private static Result<Record3<String, String, String>> refusal(DSLContext ctx, Consumer<DSLContext> write) {
        try {
            ctx.transaction(c -> {
                write.accept(c.dsl());
                throw new AcceptedByMistake();
            });
        } catch (AcceptedByMistake e) {
            throw new IllegalStateException("The database accepted a row the lab expects it to refuse; the row was not kept");
        } catch (DataAccessException e) {
            PSQLException psql = e.getCause(PSQLException.class);
            ServerErrorMessage server = psql == null ? null : psql.getServerErrorMessage();
            if (server == null) {
                throw e;
            }
            Field<String> sqlstate = field(name("sqlstate"), String.class);
            Field<String> constraint = field(name("constraint_name"), String.class);
            Field<String> message = field(name("message"), String.class);
            Result<Record3<String, String, String>> result = ctx.newResult(sqlstate, constraint, message);
            result.add(ctx.newRecord(sqlstate, constraint, message)
                    .values(server.getSQLState(), server.getConstraint(), server.getMessage()));
            return result;
        }
        throw new IllegalStateException("unreachable");
    }

    /** Rolls back a write that should have been refused. */
    private static final class AcceptedByMistake extends RuntimeException {
        AcceptedByMistake() {
            super(null, null, false, false);
        }
    }
}
