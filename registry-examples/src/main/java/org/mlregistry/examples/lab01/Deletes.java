package org.mlregistry.examples.lab01;

import static org.jooq.impl.DSL.count;
import static org.mlregistry.examples.lab01.Updates.nowMinus;
import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.Record3;
import org.jooq.Record4;
import org.jooq.Result;
import org.jooq.types.DayToSecond;
import org.jooq.types.YearToMonth;
import org.mlregistry.examples.catalog.LabStatement;
import org.mlregistry.schema.jooq.tracking.tables.records.TrainingRunsRecord;
import org.mlregistry.schema.types.RunStatus;

/**
 * Lab 01, Part 6, Step 6.1: deletes. The lab wraps each delete in {@code BEGIN; … ROLLBACK;};
 * here each statement runs in the caller's transaction.
 */
public final class Deletes {

    private Deletes() {
    }

    /** The sample run the lab's "REPLACE-WITH-ACTUAL-UUID" placeholders stand for in these examples. */
    static final String SAMPLE_RUN = "graph-neural-network";

    /** Delete 1's rows: runs whose notes mention "test", created more than 120 days ago. */
    private static Condition oldTestRun() {
        return TRAINING_RUNS.NOTES.likeIgnoreCase("%test%")
                .and(TRAINING_RUNS.CREATED_AT.lt(nowMinus(new DayToSecond(120))));
    }

    /** Delete 2's rows: cancelled runs created more than 90 days ago. */
    private static Condition oldCancelledRun() {
        return TRAINING_RUNS.STATUS.eq(RunStatus.CANCELLED)
                .and(TRAINING_RUNS.CREATED_AT.lt(nowMinus(new DayToSecond(90))));
    }

    /** The run id of the sample run, looked up by its model name. */
    static UUID sampleRunId(DSLContext ctx) {
        return ctx.select(TRAINING_RUNS.RUN_ID)
                .from(TRAINING_RUNS)
                .where(TRAINING_RUNS.MODEL_NAME.eq(SAMPLE_RUN))
                .fetchSingle(TRAINING_RUNS.RUN_ID);
    }

    @LabStatement(ids = "L1.P6.02", step = "Step 6.1: Add Delete Examples",
            title = "Count before delete", sql = """
            SELECT COUNT(*) AS before_count
            FROM training_runs
            WHERE notes ILIKE '%test%'
              AND created_at < NOW() - INTERVAL '120 days';
            """)
    public static Result<Record1<Integer>> countOldTestRuns(DSLContext ctx) {
        return ctx.select(count().as("before_count"))
                .from(TRAINING_RUNS)
                .where(oldTestRun())
                .fetch();
    }

    @LabStatement(ids = "L1.P6.03", step = "Step 6.1: Add Delete Examples",
            title = "Preview what will be deleted", sql = """
            SELECT
                run_id,
                model_name,
                created_at,
                notes
            FROM training_runs
            WHERE notes ILIKE '%test%'
              AND created_at < NOW() - INTERVAL '120 days'
            LIMIT 5;
            """)
    public static Result<Record4<UUID, String, OffsetDateTime, String>> previewOldTestRuns(DSLContext ctx) {
        return ctx.select(TRAINING_RUNS.RUN_ID, TRAINING_RUNS.MODEL_NAME, TRAINING_RUNS.CREATED_AT, TRAINING_RUNS.NOTES)
                .from(TRAINING_RUNS)
                .where(oldTestRun())
                .limit(5)
                .fetch();
    }

    @LabStatement(ids = "L1.P6.04", step = "Step 6.1: Add Delete Examples",
            title = "Perform delete (returns deleted rows)", check = LabStatement.Check.SAME_EFFECT, sql = """
            DELETE FROM training_runs
            WHERE notes ILIKE '%test%'
              AND created_at < NOW() - INTERVAL '120 days'
              AND status IN ('failed', 'cancelled')
            RETURNING run_id, model_name, created_at, status;
            """)
    public static Result<Record4<UUID, String, OffsetDateTime, RunStatus>> deleteOldTestRuns(DSLContext ctx) {
        return ctx.deleteFrom(TRAINING_RUNS)
                .where(oldTestRun())
                .and(TRAINING_RUNS.STATUS.in(RunStatus.FAILED, RunStatus.CANCELLED))
                .returningResult(TRAINING_RUNS.RUN_ID, TRAINING_RUNS.MODEL_NAME, TRAINING_RUNS.CREATED_AT, TRAINING_RUNS.STATUS)
                .fetch();
    }

    @LabStatement(ids = "L1.P6.05", step = "Step 6.1: Add Delete Examples",
            title = "Verify deletion", sql = """
            SELECT COUNT(*) AS after_count
            FROM training_runs;
            """)
    public static Result<Record1<Integer>> countRunsAfterDelete(DSLContext ctx) {
        return ctx.select(count().as("after_count"))
                .from(TRAINING_RUNS)
                .fetch();
    }

    @LabStatement(ids = "L1.P6.08", step = "Step 6.1: Add Delete Examples",
            title = "Count", sql = """
            SELECT COUNT(*)
            FROM training_runs
            WHERE status = 'cancelled'
              AND created_at < NOW() - INTERVAL '90 days';
            """)
    public static Result<Record1<Integer>> countOldCancelledRuns(DSLContext ctx) {
        // PostgreSQL names an unaliased COUNT(*) column "count"
        return ctx.select(count().as("count"))
                .from(TRAINING_RUNS)
                .where(oldCancelledRun())
                .fetch();
    }

    @LabStatement(ids = "L1.P6.09", step = "Step 6.1: Add Delete Examples",
            title = "Delete with RETURNING", check = LabStatement.Check.SAME_EFFECT, sql = """
            DELETE FROM training_runs
            WHERE status = 'cancelled'
              AND created_at < NOW() - INTERVAL '90 days'
            RETURNING run_id, model_name, created_at, status;
            """)
    public static Result<Record4<UUID, String, OffsetDateTime, RunStatus>> deleteOldCancelledRuns(DSLContext ctx) {
        return ctx.deleteFrom(TRAINING_RUNS)
                .where(oldCancelledRun())
                .returningResult(TRAINING_RUNS.RUN_ID, TRAINING_RUNS.MODEL_NAME, TRAINING_RUNS.CREATED_AT, TRAINING_RUNS.STATUS)
                .fetch();
    }

    /**
     * Lab placeholder: {@code 'REPLACE-WITH-ACTUAL-UUID'} is no UUID (PostgreSQL refuses it). The
     * example views the sample run graph-neural-network, its id looked up by name.
     */
    @LabStatement(ids = "L1.P6.12", step = "Step 6.1: Add Delete Examples",
            title = "First, view the run", sql = """
            SELECT *
            FROM training_runs
            WHERE run_id = 'REPLACE-WITH-ACTUAL-UUID'
            LIMIT 1;
            """, checkedSql = """
            SELECT *
            FROM training_runs
            WHERE run_id = (SELECT run_id FROM training_runs WHERE model_name = 'graph-neural-network')
            LIMIT 1;
            """)
    public static Result<TrainingRunsRecord> viewSampleRun(DSLContext ctx) {
        return viewRun(ctx, sampleRunId(ctx));
    }

    /** The run with the given id (at most one row). */
    public static Result<TrainingRunsRecord> viewRun(DSLContext ctx, UUID runId) {
        return ctx.selectFrom(TRAINING_RUNS)
                .where(TRAINING_RUNS.RUN_ID.eq(runId))
                .limit(1)
                .fetch();
    }

    /** Lab placeholder, as for L1.P6.12: the example deletes the sample run graph-neural-network. */
    @LabStatement(ids = "L1.P6.13", step = "Step 6.1: Add Delete Examples",
            title = "Delete", check = LabStatement.Check.SAME_EFFECT, sql = """
            DELETE FROM training_runs
            WHERE run_id = 'REPLACE-WITH-ACTUAL-UUID'
            RETURNING *;
            """, checkedSql = """
            DELETE FROM training_runs
            WHERE run_id = (SELECT run_id FROM training_runs WHERE model_name = 'graph-neural-network')
            RETURNING *;
            """)
    public static Result<TrainingRunsRecord> deleteSampleRun(DSLContext ctx) {
        return deleteRun(ctx, sampleRunId(ctx));
    }

    /** Deletes the run with the given id and returns it. */
    public static Result<TrainingRunsRecord> deleteRun(DSLContext ctx, UUID runId) {
        return ctx.deleteFrom(TRAINING_RUNS)
                .where(TRAINING_RUNS.RUN_ID.eq(runId))
                .returning()
                .fetch();
    }

    /** Failed runs whose notes mention running out of memory. */
    private static Condition failedOutOfMemory() {
        return TRAINING_RUNS.STATUS.eq(RunStatus.FAILED)
                .and(TRAINING_RUNS.NOTES.likeIgnoreCase("%out of memory%")
                        .or(TRAINING_RUNS.NOTES.likeIgnoreCase("%oom%")));
    }

    /**
     * Lab defect: without parentheses, {@code status = 'failed' AND … OR notes ILIKE '%oom%'} reads
     * as {@code (status = 'failed' AND …) OR notes ILIKE '%oom%'}, so any run whose notes contain
     * "oom" (a succeeded one too) is found. The example finds what the title says: failed runs with
     * either pattern, as the delete that follows (L1.P6.17) does.
     */
    @LabStatement(ids = "L1.P6.16", step = "Step 6.1: Add Delete Examples",
            title = "Find runs with OOM errors", sql = """
            SELECT
                run_id,
                model_name,
                notes
            FROM training_runs
            WHERE status = 'failed'
              AND notes ILIKE '%out of memory%'
              OR notes ILIKE '%oom%';
            """, checkedSql = """
            SELECT
                run_id,
                model_name,
                notes
            FROM training_runs
            WHERE status = 'failed'
              AND (notes ILIKE '%out of memory%' OR notes ILIKE '%oom%');
            """)
    public static Result<Record3<UUID, String, String>> findOutOfMemoryFailures(DSLContext ctx) {
        return ctx.select(TRAINING_RUNS.RUN_ID, TRAINING_RUNS.MODEL_NAME, TRAINING_RUNS.NOTES)
                .from(TRAINING_RUNS)
                .where(failedOutOfMemory())
                .fetch();
    }

    @LabStatement(ids = "L1.P6.17", step = "Step 6.1: Add Delete Examples",
            title = "Delete them", check = LabStatement.Check.SAME_EFFECT, sql = """
            DELETE FROM training_runs
            WHERE status = 'failed'
              AND (notes ILIKE '%out of memory%' OR notes ILIKE '%oom%')
              AND created_at < NOW() - INTERVAL '30 days'
            RETURNING run_id, model_name, notes;
            """)
    public static Result<Record3<UUID, String, String>> deleteOldOutOfMemoryFailures(DSLContext ctx) {
        return ctx.deleteFrom(TRAINING_RUNS)
                .where(failedOutOfMemory())
                .and(TRAINING_RUNS.CREATED_AT.lt(nowMinus(new DayToSecond(30))))
                .returningResult(TRAINING_RUNS.RUN_ID, TRAINING_RUNS.MODEL_NAME, TRAINING_RUNS.NOTES)
                .fetch();
    }

    @LabStatement(ids = "L1.P6.20", step = "Step 6.1: Add Delete Examples",
            title = "Delete runs older than 1 year (except successful ones)", check = LabStatement.Check.SAME_EFFECT, sql = """
            DELETE FROM training_runs
            WHERE created_at < NOW() - INTERVAL '1 year'
              AND status != 'succeeded'
            RETURNING run_id, model_name, status, created_at;
            """)
    public static Result<Record4<UUID, String, RunStatus, OffsetDateTime>> deleteUnsuccessfulRunsOlderThanOneYear(DSLContext ctx) {
        return ctx.deleteFrom(TRAINING_RUNS)
                .where(TRAINING_RUNS.CREATED_AT.lt(nowMinus(new YearToMonth(1))))
                .and(TRAINING_RUNS.STATUS.ne(RunStatus.SUCCEEDED))
                .returningResult(TRAINING_RUNS.RUN_ID, TRAINING_RUNS.MODEL_NAME, TRAINING_RUNS.STATUS, TRAINING_RUNS.CREATED_AT)
                .fetch();
    }

    @LabStatement(ids = "L1.P6.21", step = "Step 6.1: Add Delete Examples",
            title = "Delete successful runs older than 2 years", check = LabStatement.Check.SAME_EFFECT, sql = """
            DELETE FROM training_runs
            WHERE created_at < NOW() - INTERVAL '2 years'
              AND status = 'succeeded'
            RETURNING run_id, model_name, status, created_at;
            """)
    public static Result<Record4<UUID, String, RunStatus, OffsetDateTime>> deleteSuccessfulRunsOlderThanTwoYears(DSLContext ctx) {
        return ctx.deleteFrom(TRAINING_RUNS)
                .where(TRAINING_RUNS.CREATED_AT.lt(nowMinus(new YearToMonth(2))))
                .and(TRAINING_RUNS.STATUS.eq(RunStatus.SUCCEEDED))
                .returningResult(TRAINING_RUNS.RUN_ID, TRAINING_RUNS.MODEL_NAME, TRAINING_RUNS.STATUS, TRAINING_RUNS.CREATED_AT)
                .fetch();
    }

    @LabStatement(ids = "L1.P6.23", step = "Step 6.1: Add Delete Examples",
            title = "DELETE: Removes specific rows, can use WHERE, slower, can rollback", check = LabStatement.Check.SAME_EFFECT, sql = """
            DELETE FROM training_runs WHERE status = 'failed';
            """)
    public static Result<TrainingRunsRecord> deleteFailedRuns(DSLContext ctx) {
        return ctx.deleteFrom(TRAINING_RUNS)
                .where(TRAINING_RUNS.STATUS.eq(RunStatus.FAILED))
                .returning()
                .fetch();
    }
}
