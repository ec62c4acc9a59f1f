package org.mlregistry.core.tracking;

import static org.mlregistry.core.tracking.Runs.T;
import static org.mlregistry.schema.jooq.tracking.Tables.SWEEPS;
import static org.mlregistry.schema.jooq.tracking.Tables.SWEEP_TRIALS;

import java.util.List;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.JSONB;
import org.jooq.RecordMapper;
import org.jooq.impl.DSL;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.core.internal.Session;
import org.mlregistry.core.internal.TrackingLimits;
import org.mlregistry.core.internal.Validator;
import org.mlregistry.schema.jooq.tracking.tables.records.SweepsRecord;
import org.mlregistry.schema.types.RunStatus;

/**
 * Sweeps: many trials of one model + experiment + dataset, e.g. on one day. Obtain it from
 * {@code Registry.runs().sweeps()}.
 *
 * <pre>{@code
 * Sweep sweep = registry.runs().sweeps().start(NewSweep.builder().name("lr-search")...build());
 * Trial t1 = registry.runs().sweeps().addTrial(sweep.sweepId(), "{\"lr\": 0.1}");
 * List<LeaderboardEntry> best = registry.runs().sweeps().leaderboard(sweep.sweepId(), RankBy.accuracy(), 3);
 * }</pre>
 *
 * <p>Each trial is a queued run of {@code tracking.training_runs} (claim, start and succeed it like
 * any run) whose experiment_name is {@link #trialExperimentName &lt;experiment&gt;/&lt;sweep&gt;/trial-&lt;n&gt;}, linked to
 * its sweep in {@code tracking.sweep_trials}. So lab 01's unique_daily_run (one run of a model +
 * experiment + dataset per UTC day) holds for every row, trials included, and still refuses a plain
 * duplicate submit; the trials remain runs of the experiment ({@link Experiments#runs(String)}).
 * A trial's hyperparameters are its run's parameters: the sweep's parameters merged with the
 * trial's ({@code jsonb ||}, the trial's keys win), searchable with {@link RunFilter#param(String)}.
 */
public final class Sweeps {

    /** Entity name used in {@link NotFoundException}. */
    public static final String ENTITY = "sweep";

    private static final RecordMapper<SweepsRecord, Sweep> SWEEP = r -> new Sweep(r.getSweepId(), r.getSweepName(),
            r.getExperimentName(), r.getModelName(), r.getFramework(), r.getFrameworkName(), r.getDataset(),
            r.getComputeTarget(), r.getParameters().data(), r.getCreatedBy(), r.getCreatedAt());

    private final Session session;

    private Sweeps(Session session) {
        this.session = session;
    }

    static Sweeps of(Session session) {
        return new Sweeps(Validator.required("session", session));
    }

    /**
     * The experiment_name of a sweep's trial in {@code tracking.training_runs}.
     *
     * @param experimentName the sweep's experiment
     * @param sweepName the sweep's name
     * @param number the trial's number
     * @return {@code <experiment>/<sweep>/trial-<n>}
     */
    public static String trialExperimentName(String experimentName, String sweepName, int number) {
        return experimentName + "/" + sweepName + "/trial-" + number;
    }

    /**
     * Starts a sweep (no trial yet).
     *
     * @param sweep the validated sweep
     * @return the sweep as stored
     * @throws org.mlregistry.core.error.ConstraintViolationException on {@code experiment_name/sweep_name}
     *     when the experiment has a sweep of that name
     */
    public Sweep start(NewSweep sweep) {
        Validator.required("sweep", sweep);
        return session.inTransaction(ctx -> SWEEP.map(ctx.insertInto(SWEEPS)
                .set(SWEEPS.SWEEP_NAME, sweep.name())
                .set(SWEEPS.EXPERIMENT_NAME, sweep.experimentName())
                .set(SWEEPS.MODEL_NAME, sweep.modelName())
                .set(SWEEPS.FRAMEWORK, sweep.framework())
                .set(SWEEPS.FRAMEWORK_NAME, sweep.frameworkName() == null || sweep.frameworkName().known().isPresent()
                        ? null : sweep.frameworkName().name())
                .set(SWEEPS.DATASET, sweep.dataset())
                .set(SWEEPS.COMPUTE_TARGET, sweep.computeTarget())
                .set(SWEEPS.PARAMETERS, JSONB.valueOf(sweep.parametersJson()))
                .returning()
                .fetchSingle()));
    }

    /**
     * @param sweepId a sweep's id
     * @return the sweep
     * @throws NotFoundException when there is none
     */
    public Sweep get(UUID sweepId) {
        Validator.required("sweepId", sweepId);
        return session.read(ctx -> ctx.selectFrom(SWEEPS).where(SWEEPS.SWEEP_ID.eq(sweepId)).fetchOptional(SWEEP)
                .orElseThrow(() -> new NotFoundException(ENTITY, sweepId)));
    }

    /**
     * @param experimentName an experiment's name
     * @return its sweeps, oldest first
     */
    public List<Sweep> of(String experimentName) {
        TrackingLimits.experimentName(experimentName);
        return session.read(ctx -> ctx.selectFrom(SWEEPS).where(SWEEPS.EXPERIMENT_NAME.eq(experimentName))
                .orderBy(SWEEPS.CREATED_AT, SWEEPS.SWEEP_ID).fetch(SWEEP));
    }

    /**
     * Adds a trial, in one transaction: a queued run with the sweep's model, framework, dataset and
     * compute target, experiment_name {@code <experiment>/<sweep>/trial-<n>} and the sweep's
     * parameters merged with these, and its link to the sweep. The sweep's row is locked while the
     * next number is taken, so concurrent trials of one sweep get consecutive numbers.
     *
     * @param sweepId the sweep
     * @param parametersJson the trial's hyperparameters, a JSON object text
     * @return the trial
     * @throws NotFoundException when there is no such sweep
     * @throws org.mlregistry.core.error.DuplicateRunException when a run of the trial's
     *     experiment_name, model and dataset was created today (UTC) outside the sweep
     */
    public Trial addTrial(UUID sweepId, String parametersJson) {
        Validator.required("sweepId", sweepId);
        Validator.jsonObject("parameters", parametersJson);
        return session.inTransaction(ctx -> {
            SweepsRecord sweep = ctx.selectFrom(SWEEPS).where(SWEEPS.SWEEP_ID.eq(sweepId)).forNoKeyUpdate()
                    .fetchOptional().orElseThrow(() -> new NotFoundException(ENTITY, sweepId));
            int number = ctx.select(DSL.coalesce(DSL.max(SWEEP_TRIALS.TRIAL_NUMBER), 0).plus(1))
                    .from(SWEEP_TRIALS).where(SWEEP_TRIALS.SWEEP_ID.eq(sweepId)).fetchSingle().value1();
            Run run = Run.from(ctx.insertInto(T)
                    .set(T.MODEL_NAME, sweep.getModelName())
                    .set(T.FRAMEWORK, sweep.getFramework())
                    .set(T.EXPERIMENT_NAME, trialExperimentName(sweep.getExperimentName(), sweep.getSweepName(), number))
                    .set(T.DATASET, sweep.getDataset())
                    .set(T.COMPUTE_TARGET, sweep.getComputeTarget())
                    .set(T.PARAMETERS, DSL.field("({0} || {1})", JSONB.class,
                            DSL.val(sweep.getParameters()), DSL.val(JSONB.valueOf(parametersJson))))
                    .set(T.STATUS, RunStatus.QUEUED)
                    .returning()
                    .fetchSingle());
            ctx.insertInto(SWEEP_TRIALS)
                    .set(SWEEP_TRIALS.SWEEP_ID, sweepId)
                    .set(SWEEP_TRIALS.TRIAL_NUMBER, number)
                    .set(SWEEP_TRIALS.RUN_ID, run.runId())
                    .execute();
            if (sweep.getFrameworkName() != null) {
                RunFrameworks.record(ctx, run.runId(), FrameworkName.of(sweep.getFrameworkName()));
            }
            return new Trial(sweepId, number, run);
        });
    }

    /**
     * @param sweepId the sweep
     * @return its trials in number order, archived runs included; empty when it has none or does not exist
     */
    public List<Trial> trials(UUID sweepId) {
        Validator.required("sweepId", sweepId);
        return session.read(ctx -> ctx.select(SWEEP_TRIALS.TRIAL_NUMBER).select(T.fields())
                .from(SWEEP_TRIALS).join(T).on(T.RUN_ID.eq(SWEEP_TRIALS.RUN_ID))
                .where(SWEEP_TRIALS.SWEEP_ID.eq(sweepId))
                .orderBy(SWEEP_TRIALS.TRIAL_NUMBER)
                .fetch(r -> new Trial(sweepId, r.get(SWEEP_TRIALS.TRIAL_NUMBER), Run.from(r.into(T)))));
    }

    /**
     * The sweep's best trials by a metric: succeeded, live trials that have the metric, best first,
     * ties by run_id.
     *
     * @param sweepId the sweep
     * @param by the metric and direction
     * @param limit at most this many, 1..10000
     * @return the leaderboard
     */
    public List<LeaderboardEntry> leaderboard(UUID sweepId, RankBy by, int limit) {
        Validator.required("sweepId", sweepId);
        return Leaderboard.fetch(session, trialsOf(sweepId), by, limit);
    }

    private static Condition trialsOf(UUID sweepId) {
        return DSL.exists(DSL.selectOne().from(SWEEP_TRIALS)
                .where(SWEEP_TRIALS.RUN_ID.eq(T.RUN_ID)).and(SWEEP_TRIALS.SWEEP_ID.eq(sweepId)));
    }
}
