package org.mlregistry.core.tracking;

import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.mlregistry.core.error.InvalidTransitionException;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.core.error.RunArchivedException;
import org.mlregistry.core.internal.Session;
import org.mlregistry.core.internal.Validator;
import org.mlregistry.schema.jooq.tracking.tables.TrainingRuns;
import org.mlregistry.schema.types.RunStatus;

/**
 * Training runs of lab 01's {@code tracking.training_runs}: lifecycle, job claiming, progress,
 * maintenance, search, bulk changes and CSV export/import. Obtain it from
 * {@code Registry.runs()}; thread-safe.
 *
 * <p>Every lifecycle step is one conditional {@code UPDATE … WHERE run_id = ? AND status IN
 * (allowed) AND archived_at IS NULL RETURNING *} (see {@link RunTransition}), so two concurrent
 * transitions of one run cannot both win; the loser gets an {@link InvalidTransitionException}
 * naming the state the winner left. Archived runs are frozen: a step on one throws
 * {@link RunArchivedException}. Every write runs in one transaction; a read of one
 * statement (get, count, a page) runs through the session's single-statement read, without a transaction of its
 * own. Either way constraint violations arrive as typed errors.
 */
public final class Runs {

    /** Entity name used in {@link NotFoundException} and {@link InvalidTransitionException}. */
    public static final String ENTITY = "training run";

    static final TrainingRuns T = TRAINING_RUNS;

    private final Session session;

    private Runs(Session session) {
        this.session = session;
    }

    /**
     * The runs of a session; services get them from {@code Registry.runs()}.
     *
     * @param session the registry's session (internal)
     * @return the tracking API over it
     */
    public static Runs of(Session session) {
        return new Runs(Validator.required("session", session));
    }

    <R> R tx(Function<DSLContext, R> work) {
        return session.inTransaction(work);
    }

    /** A write of one atomic statement: one round trip outside a transaction (see {@link Session#write}). */
    <R> R write(Function<DSLContext, R> statement) {
        return session.write(statement);
    }

    /** A transaction without statement timeout, for COPY transfers (see {@link Session#inBulkTransaction}). */
    <R> R bulkTx(Function<DSLContext, R> work) {
        return session.inBulkTransaction(work);
    }

    /**
     * Refreshes the table's planner statistics after a bulk write of at least
     * {@value #ANALYZE_THRESHOLD} runs, so claims and searches are planned for its new size at
     * once rather than after autovacuum's next ANALYZE (see {@link Session#analyzeAfterBulkWrite}).
     *
     * @param rows the runs just written (committed)
     * @return rows
     */
    long analyzedAfter(long rows) {
        session.analyzeAfterBulkWrite("tracking.training_runs", rows, ANALYZE_THRESHOLD);
        return rows;
    }

    /** Fewest runs of one bulk write that refresh the planner statistics. */
    static final long ANALYZE_THRESHOLD = 10_000;

    <R> R read(Function<DSLContext, R> statement) {
        return session.read(statement);
    }

    /** A read a replica may serve (searches): see {@link Session#readMayBeStale}. */
    <R> R readMayBeStale(Function<DSLContext, R> statement) {
        return session.readMayBeStale(statement);
    }

    byte[] pageTokenKey() {
        return session.pageTokenKey();
    }

    DSLContext dsl() {
        return session.dsl();
    }

    // ---------------------------------------------------------------- beside the lab's table

    /**
     * @return tags of runs: set, remove, list ({@code tracking.run_tags})
     */
    public RunTags tags() {
        return RunTags.of(session);
    }

    /**
     * @return experiments of runs, keyed by the runs' experiment_name, with leaderboards
     */
    public Experiments experiments() {
        return Experiments.of(session);
    }

    /**
     * @return sweeps: many trials of one model + experiment + dataset, with leaderboards
     */
    public Sweeps sweeps() {
        return Sweeps.of(session);
    }

    /**
     * @return framework names beyond lab 01's six
     */
    public RunFrameworks frameworks() {
        return RunFrameworks.of(session);
    }

    // ---------------------------------------------------------------- search

    /**
     * Starts a search over live (non-archived) runs; see {@link RunSearch}.
     *
     * @return a search matching every live run
     */
    public RunSearch search() {
        return new RunSearch(this, DSL.trueCondition(), false);
    }

    /**
     * Shorthand for {@code search().where(filter)}.
     *
     * @param filter a filter
     * @return a search of the live runs matching it
     */
    public RunSearch where(RunFilter filter) {
        Validator.required("filter", filter);
        return search().where(filter);
    }

    // ---------------------------------------------------------------- metric history

    /**
     * The runs' metric history: log points (one, a batch, a COPY stream), read histories,
     * downsample, latest values, partitions; see {@link RunMetrics}.
     *
     * @return the metric history API
     */
    public RunMetrics metrics() {
        return RunMetrics.of(this);
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * Submits a run; it starts {@link RunStatus#QUEUED}.
     *
     * @param run the validated run
     * @return the stored run with its id and creation time
     * @throws org.mlregistry.core.error.DuplicateRunException if the same model, experiment and
     *     dataset already has a run created today (UTC)
     */
    public Run submit(NewRun run) {
        Validator.required("run", run);
        return write(ctx -> Run.from(RunInserts.insertOf(ctx, run)
                .set(T.STATUS, RunStatus.QUEUED)
                .returning()
                .fetchSingle()));
    }

    /**
     * @param runId a run id
     * @return the run, archived or not
     * @throws NotFoundException if there is no such run
     */
    public Run get(UUID runId) {
        return find(runId).orElseThrow(() -> new NotFoundException(ENTITY, runId));
    }

    /**
     * @param runId a run id
     * @return the run, archived or not, or empty
     */
    public Optional<Run> find(UUID runId) {
        Validator.required("runId", runId);
        return read(ctx -> RunStatements.find(ctx, runId));
    }

    /**
     * queued → running; sets {@code started_at}.
     *
     * @param runId the run
     * @return the run as it is now
     * @throws InvalidTransitionException if the run is not queued
     * @throws NotFoundException if there is no such run
     */
    public Run start(UUID runId) {
        Validator.required("runId", runId);
        return write(ctx -> RunStatements.transition(ctx, runId, RunTransition.START, Map.of()));
    }

    /**
     * running → succeeded with final metrics (null metrics are left as they are).
     *
     * @param runId the run
     * @param metrics validated final metrics
     * @return the run as it is now
     * @throws InvalidTransitionException if the run is not running
     * @throws NotFoundException if there is no such run
     */
    public Run succeed(UUID runId, Metrics metrics) {
        Validator.required("runId", runId);
        Validator.required("metrics", metrics);
        Map<Field<?>, Object> set = new HashMap<>();
        RunStatements.putIfSet(set, T.ACCURACY, metrics.accuracyValue());
        RunStatements.putIfSet(set, T.LOSS, metrics.lossValue());
        RunStatements.putIfSet(set, T.PRECISION_SCORE, metrics.precisionValue());
        RunStatements.putIfSet(set, T.RECALL_SCORE, metrics.recallValue());
        RunStatements.putIfSet(set, T.F1_SCORE, metrics.f1Value());
        return write(ctx -> RunStatements.transition(ctx, runId, RunTransition.SUCCEED, set));
    }

    /**
     * running → failed; the reason is appended to the notes.
     *
     * @param runId the run
     * @param reason why it failed, non-blank
     * @return the run as it is now
     * @throws InvalidTransitionException if the run is not running
     * @throws NotFoundException if there is no such run
     */
    public Run fail(UUID runId, String reason) {
        Validator.required("runId", runId);
        Validator.requiredText("reason", reason);
        return write(ctx -> RunStatements.transition(ctx, runId, RunTransition.FAIL, Map.of(T.NOTES, "Failed: " + reason)));
    }

    /**
     * queued or running → cancelled; the reason is appended to the notes. A queued run gets
     * {@code started_at = completed_at = now()} (the schema requires both for terminal states).
     *
     * @param runId the run
     * @param reason why it was cancelled, non-blank
     * @return the run as it is now
     * @throws InvalidTransitionException if the run is already terminal
     * @throws NotFoundException if there is no such run
     */
    public Run cancel(UUID runId, String reason) {
        Validator.required("runId", runId);
        Validator.requiredText("reason", reason);
        return write(ctx -> RunStatements.transition(ctx, runId, RunTransition.CANCEL, Map.of(T.NOTES, "Cancelled: " + reason)));
    }

    /**
     * running → timeout.
     *
     * @param runId the run
     * @return the run as it is now
     * @throws InvalidTransitionException if the run is not running
     * @throws NotFoundException if there is no such run
     */
    public Run timeout(UUID runId) {
        Validator.required("runId", runId);
        return write(ctx -> RunStatements.transition(ctx, runId, RunTransition.TIMEOUT, Map.of()));
    }

    // ---------------------------------------------------------------- workers

    /**
     * Claims the oldest queued, non-archived run of a compute target for a worker: one statement
     * {@code UPDATE … WHERE run_id = (SELECT … ORDER BY created_at, run_id LIMIT 1 FOR UPDATE SKIP
     * LOCKED) RETURNING *}. Concurrent workers never get the same run and never wait on each
     * other's locked rows; a run is only skipped while another worker is claiming it.
     *
     * <p>The claim holds no lease: a worker that dies leaves the run running. Claim with
     * {@link Leases#claimNext} to have it requeued.
     *
     * @param computeTarget the queue, non-blank
     * @return the claimed run, now running, or empty when nothing is queued for the target
     * @throws org.mlregistry.core.error.UnsupportedIsolationLevelException inside a REPEATABLE READ
     *     or SERIALIZABLE transaction, where a concurrent claim would end in a serialization error
     */
    public Optional<Run> claimNext(String computeTarget) {
        Validator.name("compute_target", computeTarget);
        // the statement claims nothing outside READ COMMITTED: only an empty claim asks why
        return session.asOneOperation(() -> {
            Optional<Run> claimed = write(ctx -> RunStatements.claimNext(ctx, computeTarget));
            if (claimed.isEmpty()) {
                LeaseStatements.requireReadCommitted(session, "claimNext");
            }
            return claimed;
        });
    }

    /**
     * Leases for workers: claims that hold a run only while the worker heartbeats, releases,
     * "what do I own?" and the reaper that requeues the runs of workers that died.
     *
     * @return the leases of these runs
     */
    public Leases leases() {
        return Leases.of(session);
    }

    // ---------------------------------------------------------------- one-call writes

    /**
     * Submits runs in one statement (one round trip: a multi-row {@code INSERT … SELECT FROM
     * unnest(…)} with every value bound). All or nothing: a run that {@code unique_daily_run}
     * refuses (the same model, experiment and dataset already created today, UTC, or earlier in
     * the batch) refuses the whole batch.
     *
     * @param runs the validated runs; an empty list writes nothing
     * @return the stored runs, queued, in the order given
     * @throws InvalidValueException on {@code runs[i]} for a null element
     * @throws org.mlregistry.core.error.DuplicateRunInBatchException (a {@code DuplicateRunException})
     *     naming the first refused run's index
     */
    public List<Run> submitAll(List<NewRun> runs) {
        Validator.required("runs", runs);
        RunInserts.refuseNulls(runs);
        if (runs.isEmpty()) {
            return List.of();
        }
        List<Run> stored = write(ctx -> RunInserts.submitAll(ctx, runs));
        analyzedAfter(stored.size());
        return stored;
    }

    /**
     * Records a run that finished elsewhere in one transaction: its values as given (metrics, hours,
     * parameters, notes, status, times; a time left null is {@code now()}) in one statement, and its
     * tags in a second.
     *
     * @param run the validated finished run
     * @return the stored run
     * @throws org.mlregistry.core.error.DuplicateRunException if the same model, experiment and
     *     dataset already has a run created that day (UTC)
     * @throws org.mlregistry.core.error.ConstraintViolationException on {@code time_order} when a
     *     given time lies before a created_at of now()
     */
    public Run record(FinishedRun run) {
        Validator.required("run", run);
        return tx(ctx -> {
            Run recorded = RunInserts.record(ctx, run);
            RunTags.insertAll(ctx, recorded.runId(), run.tags());
            return recorded;
        });
    }

    // ---------------------------------------------------------------- progress

    /**
     * Adds consumed hours to a run.
     *
     * @param runId the run
     * @param gpuHours GPU hours to add, &gt;= 0
     * @param cpuHours CPU hours to add, &gt;= 0
     * @return the run as it is now
     * @throws InvalidValueException if an amount is negative, or a running total would not fit
     *     its column (NUMERIC(8,2): below 1000000 hours)
     * @throws NotFoundException if there is no such run
     */
    public Run addHours(UUID runId, double gpuHours, double cpuHours) {
        Validator.required("runId", runId);
        BigDecimal gpu = Validator.hours("gpu_hours", gpuHours);
        BigDecimal cpu = Validator.hours("cpu_hours", cpuHours);
        return tx(ctx -> RunStatements.addHours(ctx, runId, gpu, cpu));
    }

    /**
     * Merges parameters into a run's parameters ({@code parameters || ?::jsonb}: top-level keys of
     * the argument replace existing ones).
     *
     * @param runId the run
     * @param json a JSON object text
     * @return the run as it is now
     * @throws NotFoundException if there is no such run
     */
    public Run mergeParameters(UUID runId, String json) {
        Validator.required("runId", runId);
        Validator.jsonObject("parameters", json);
        Field<JSONB> merged = DSL.field("({0} || {1})", SQLDataType.JSONB,
                DSL.coalesce(T.PARAMETERS, DSL.inline(JSONB.valueOf("{}"))), DSL.val(JSONB.valueOf(json)));
        return write(ctx -> RunStatements.updateOne(ctx, runId, Map.of(T.PARAMETERS, merged)));
    }

    /**
     * Appends a note ({@code notes || ' | ' || note}).
     *
     * @param runId the run
     * @param note text to append, non-blank
     * @return the run as it is now
     * @throws NotFoundException if there is no such run
     */
    public Run appendNote(UUID runId, String note) {
        Validator.required("runId", runId);
        Validator.requiredText("note", note);
        return write(ctx -> RunStatements.updateOne(ctx, runId, Map.of(T.NOTES, RunStatements.appendedNote(note))));
    }

    /**
     * Sets {@code f1_score = 2·p·r / (p + r)} on every live (non-archived) run that has precision
     * and recall but no F1 (lab 01, Update 6); archived runs are frozen.
     *
     * @return the runs that got an F1
     */
    public List<Run> deriveF1() {
        return write(RunStatements::deriveF1);
    }

    // ---------------------------------------------------------------- maintenance

    /**
     * Cancels every live run that has been queued longer than maxAge (lab 01, Update 8 and
     * Challenge 3), noting why.
     *
     * @param maxAge how long a run may wait in the queue, positive
     * @return the runs cancelled
     */
    public List<Run> cancelQueuedOlderThan(Duration maxAge) {
        Validator.positiveDuration("maxAge", maxAge);
        return write(ctx -> RunStatements.cancelQueuedOlderThan(ctx, maxAge));
    }

    // ---------------------------------------------------------------- retention

    /**
     * The live runs a retention policy of lab 01, Part 6 selects; continue with
     * {@code .bulk().preview(n)} and {@code archive()} (soft delete) or {@code delete()} (hard
     * delete). Use {@link RunSearch#includeArchived()} to hard-delete archived runs too.
     *
     * @param policy the policy
     * @return a search of the runs it selects
     */
    public RunSearch retention(RetentionPolicy policy) {
        return search().where(Validator.required("policy", policy).filter());
    }

    // ---------------------------------------------------------------- CSV

    /**
     * CSV export and import of runs through PostgreSQL {@code COPY}.
     *
     * @return the CSV transfers of these runs
     */
    public RunCsv csv() {
        return new RunCsv(this);
    }
}
