package org.mlregistry.core.tracking;

import org.mlregistry.core.internal.Validator;
import static org.mlregistry.core.tracking.Runs.T;
import static org.mlregistry.schema.jooq.tracking.Tables.EXPERIMENTS;
import static org.mlregistry.schema.jooq.tracking.Tables.SWEEPS;
import static org.mlregistry.schema.jooq.tracking.Tables.SWEEP_TRIALS;

import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Record;
import org.jooq.RecordMapper;
import org.jooq.Records;
import org.jooq.impl.DSL;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.core.internal.Session;
import org.mlregistry.core.internal.TrackingLimits;

/**
 * Experiments of tracked runs ({@code tracking.experiments}), keyed by name. Runs belong to an
 * experiment by the name they carry in {@code experiment_name} (lab 01's column; nothing is added
 * to the lab's table), so runs recorded before the experiment was created belong to it, and
 * {@link #runs(String)} and {@link #leaderboard} work for any experiment name runs carry, created
 * or not. The trials of the experiment's {@linkplain Sweeps sweeps} are its runs too. Obtain it
 * from {@code Registry.runs().experiments()}.
 */
public final class Experiments {

    /** Entity name used in {@link NotFoundException}. */
    public static final String ENTITY = "experiment";

    private static final RecordMapper<Record, Experiment> EXPERIMENT = r -> Records.mapping(Experiment::new)
            .map(r.into(EXPERIMENTS.EXPERIMENT_NAME, EXPERIMENTS.DESCRIPTION, EXPERIMENTS.CREATED_BY, EXPERIMENTS.CREATED_AT));

    private final Session session;

    private Experiments(Session session) {
        this.session = session;
    }

    static Experiments of(Session session) {
        return new Experiments(Validator.required("session", session));
    }

    /**
     * Creates an experiment.
     *
     * @param name its name (1 to 200 characters, no control characters), as runs carry it
     * @param description free text, or null
     * @return the experiment as stored
     * @throws org.mlregistry.core.error.ConstraintViolationException on {@code experiment_name} when
     *     an experiment of that name exists
     */
    public Experiment create(String name, String description) {
        TrackingLimits.experimentName(name);
        return session.inTransaction(ctx -> ctx.insertInto(EXPERIMENTS)
                .set(EXPERIMENTS.EXPERIMENT_NAME, name)
                .set(EXPERIMENTS.DESCRIPTION, description)
                .returning()
                .fetchSingle(EXPERIMENT));
    }

    /**
     * @param name an experiment's name
     * @return the experiment
     * @throws NotFoundException when none was created with that name
     */
    public Experiment get(String name) {
        return find(name).orElseThrow(() -> new NotFoundException(ENTITY, name));
    }

    /**
     * @param name an experiment's name
     * @return the experiment, or empty when none was created with that name
     */
    public Optional<Experiment> find(String name) {
        TrackingLimits.experimentName(name);
        return session.read(ctx -> ctx.selectFrom(EXPERIMENTS).where(EXPERIMENTS.EXPERIMENT_NAME.eq(name))
                .fetchOptional(EXPERIMENT));
    }

    /**
     * @return every experiment created, ordered by name
     */
    public List<Experiment> list() {
        return session.read(ctx -> ctx.selectFrom(EXPERIMENTS).orderBy(EXPERIMENTS.EXPERIMENT_NAME).fetch(EXPERIMENT));
    }

    /**
     * The runs of an experiment: those whose experiment_name is name, and the trials of its sweeps.
     *
     * @param name an experiment's name (created or only carried by runs)
     * @return a search of its live runs, to filter, order or page further
     */
    public RunSearch runs(String name) {
        TrackingLimits.experimentName(name);
        return Runs.of(session).where(RunFilter.of(ofExperiment(name)));
    }

    /**
     * The experiment's best runs by a metric: succeeded, live runs (its sweeps' trials included)
     * that have the metric, best first, ties by run_id.
     *
     * @param name an experiment's name (created or only carried by runs)
     * @param by the metric and direction
     * @param limit at most this many, 1..10000
     * @return the leaderboard
     */
    public List<LeaderboardEntry> leaderboard(String name, RankBy by, int limit) {
        TrackingLimits.experimentName(name);
        return Leaderboard.fetch(session, ofExperiment(name), by, limit);
    }

    static Condition ofExperiment(String name) {
        return T.EXPERIMENT_NAME.eq(name).or(DSL.exists(DSL.selectOne().from(SWEEP_TRIALS)
                .join(SWEEPS).on(SWEEPS.SWEEP_ID.eq(SWEEP_TRIALS.SWEEP_ID))
                .where(SWEEP_TRIALS.RUN_ID.eq(T.RUN_ID)).and(SWEEPS.EXPERIMENT_NAME.eq(name))));
    }
}
