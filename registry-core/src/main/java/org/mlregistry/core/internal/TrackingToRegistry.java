package org.mlregistry.core.internal;

import static org.mlregistry.schema.jooq.registry.Tables.DATASETS;
import static org.mlregistry.schema.jooq.registry.Tables.EXPERIMENTS;
import static org.mlregistry.schema.jooq.registry.Tables.MODELS;
import static org.mlregistry.schema.jooq.registry.Tables.RUN_DATASETS;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.mlregistry.schema.jooq.tracking.tables.records.TrainingRunsRecord;
import org.mlregistry.schema.types.DatasetRole;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.ModelFramework;

/**
 * How a lab 01 tracking run becomes part of lab 02's registry, shared by the bulk migration
 * ({@code registry.migrations().flatRunsToRegistry()}) and by registering a version from one run
 * ({@code versions().registerFromRun(...)}): the registry training run keeps the tracking run's
 * id, the framework maps by name, and the model, dataset and experiment are found by name or
 * created. Runs inside the caller's transaction; auditing is the caller's. Not part of the public API.
 */
public final class TrackingToRegistry {

    /** Prefix of the placeholder storage_location of datasets created from tracking runs. */
    public static final String DATASET_PREFIX = "migrated://tracking/datasets/";

    private static final org.mlregistry.schema.jooq.registry.tables.TrainingRuns DST =
            org.mlregistry.schema.jooq.registry.Tables.TRAINING_RUNS;

    /**
     * A row found or created.
     *
     * @param id its key
     * @param created whether this call inserted it
     */
    public record Ref(UUID id, boolean created) {
    }

    private final DSLContext ctx;
    private final String actor;
    private final UUID teamId;
    private final String description;

    private TrackingToRegistry(DSLContext ctx, String actor, UUID teamId, String description) {
        this.ctx = ctx;
        this.actor = actor;
        this.teamId = teamId;
        this.description = description;
    }

    /**
     * @param ctx the transaction's context
     * @param actor stamped on created models and datasets (created_by)
     * @param teamId the team owning created models and datasets, or null
     * @param description the description of created models, datasets and experiments
     * @return the mapping, working in ctx
     */
    public static TrackingToRegistry in(DSLContext ctx, String actor, UUID teamId, String description) {
        return new TrackingToRegistry(Objects.requireNonNull(ctx, "ctx"), actor, teamId, description);
    }

    /**
     * Lab 02's framework of the same name as a lab 01 framework, or empty ({@code mxnet}).
     *
     * @param framework a framework of {@code tracking.training_runs}
     * @return the {@code registry.model_versions} framework, or empty
     */
    public static Optional<ModelFramework> framework(Framework framework) {
        return switch (Objects.requireNonNull(framework, "framework")) {
            case PYTORCH -> Optional.of(ModelFramework.PYTORCH);
            case TENSORFLOW -> Optional.of(ModelFramework.TENSORFLOW);
            case SKLEARN -> Optional.of(ModelFramework.SKLEARN);
            case XGBOOST -> Optional.of(ModelFramework.XGBOOST);
            case JAX -> Optional.of(ModelFramework.JAX);
            case MXNET -> Optional.empty();
        };
    }

    /**
     * Lab 02's framework of a framework name (e.g. {@code lightgbm}), or empty when lab 02 has none.
     *
     * @param name a framework name in lower case
     * @return the {@code registry.model_versions} framework whose literal is name, or empty
     */
    public static Optional<ModelFramework> framework(String name) {
        for (ModelFramework f : ModelFramework.values()) {
            if (f.getLiteral().equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * @param datasetName a dataset's name
     * @return {@value #DATASET_PREFIX} followed by the name
     */
    public static String datasetLocation(String datasetName) {
        return DATASET_PREFIX + datasetName;
    }

    /**
     * A display name from a kebab- or snake-case name: words capitalized, e.g. {@code imagenet-1k} →
     * {@code Imagenet 1k}.
     *
     * @param name a model's or dataset's name
     * @return its words, first letters upper-cased, separated by spaces; name itself when it has no words
     */
    public static String displayName(String name) {
        StringBuilder out = new StringBuilder();
        for (String word : name.split("[-_]+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
        }
        return out.length() == 0 ? name : out.toString();
    }

    /**
     * @param name the model's name
     * @return the registry model of that name, created when there is none
     */
    public Ref model(String name) {
        Optional<UUID> created = ctx.insertInto(MODELS)
                .set(MODELS.MODEL_NAME, name)
                .set(MODELS.DISPLAY_NAME, displayName(name))
                .set(MODELS.DESCRIPTION, description)
                .set(MODELS.TEAM_ID, teamId)
                .set(MODELS.CREATED_BY, actor)
                .onConflict(MODELS.MODEL_NAME).doNothing()
                .returningResult(MODELS.MODEL_ID)
                .fetchOptional(MODELS.MODEL_ID);
        return created.map(id -> new Ref(id, true)).orElseGet(() -> new Ref(ctx.select(MODELS.MODEL_ID).from(MODELS)
                .where(MODELS.MODEL_NAME.eq(name)).fetchSingle(MODELS.MODEL_ID), false));
    }

    /**
     * @param name the dataset's name
     * @return the registry dataset of that name, created (at a placeholder location) when there is none
     */
    public Ref dataset(String name) {
        Optional<UUID> created = ctx.insertInto(DATASETS)
                .set(DATASETS.DATASET_NAME, name)
                .set(DATASETS.DISPLAY_NAME, displayName(name))
                .set(DATASETS.DESCRIPTION, description)
                .set(DATASETS.STORAGE_LOCATION, datasetLocation(name))
                .set(DATASETS.TEAM_ID, teamId)
                .set(DATASETS.CREATED_BY, actor)
                .onConflict(DATASETS.DATASET_NAME).doNothing()
                .returningResult(DATASETS.DATASET_ID)
                .fetchOptional(DATASETS.DATASET_ID);
        return created.map(id -> new Ref(id, true)).orElseGet(() -> new Ref(ctx.select(DATASETS.DATASET_ID).from(DATASETS)
                .where(DATASETS.DATASET_NAME.eq(name)).fetchSingle(DATASETS.DATASET_ID), false));
    }

    /**
     * @param modelId the model
     * @param name the experiment's name
     * @param firstRunCreatedAt when a created experiment began (now when null)
     * @return the model's registry experiment of that name, created when there is none
     */
    public Ref experiment(UUID modelId, String name, OffsetDateTime firstRunCreatedAt) {
        Optional<UUID> created = ctx.insertInto(EXPERIMENTS)
                .set(EXPERIMENTS.MODEL_ID, modelId)
                .set(EXPERIMENTS.EXPERIMENT_NAME, name)
                .set(EXPERIMENTS.DESCRIPTION, description)
                .set(EXPERIMENTS.STATUS, "active")
                .set(EXPERIMENTS.CREATED_AT, firstRunCreatedAt == null
                        ? DSL.currentOffsetDateTime() : DSL.val(firstRunCreatedAt))
                .onConflict(EXPERIMENTS.MODEL_ID, EXPERIMENTS.EXPERIMENT_NAME).doNothing()
                .returningResult(EXPERIMENTS.EXPERIMENT_ID)
                .fetchOptional(EXPERIMENTS.EXPERIMENT_ID);
        return created.map(id -> new Ref(id, true)).orElseGet(() -> new Ref(ctx.select(EXPERIMENTS.EXPERIMENT_ID)
                .from(EXPERIMENTS)
                .where(EXPERIMENTS.MODEL_ID.eq(modelId)).and(EXPERIMENTS.EXPERIMENT_NAME.eq(name))
                .fetchSingle(EXPERIMENTS.EXPERIMENT_ID), false));
    }

    /**
     * Records the tracking run as a registry training run of a version, under the same run_id.
     *
     * @param run the tracking run
     * @param versionId the version it trained
     * @param experimentId its registry experiment
     * @return whether it was inserted (false: a registry run with this id exists already)
     */
    public boolean insertRun(TrainingRunsRecord run, UUID versionId, UUID experimentId) {
        Integer duration = run.getStartedAt() == null || run.getCompletedAt() == null ? null
                : Math.toIntExact(Duration.between(run.getStartedAt(), run.getCompletedAt()).getSeconds());
        return ctx.insertInto(DST)
                .set(DST.RUN_ID, run.getRunId())
                .set(DST.VERSION_ID, versionId)
                .set(DST.EXPERIMENT_ID, experimentId)
                .set(DST.EXPERIMENT_NAME, run.getExperimentName())
                .set(DST.STATUS, run.getStatus())
                .set(DST.ACCURACY, run.getAccuracy())
                .set(DST.PRECISION_SCORE, run.getPrecisionScore())
                .set(DST.RECALL_SCORE, run.getRecallScore())
                .set(DST.F1_SCORE, run.getF1Score())
                .set(DST.LOSS, run.getLoss())
                .set(DST.HYPERPARAMETERS, run.getParameters())
                .set(DST.COMPUTE_TARGET, run.getComputeTarget())
                .set(DST.GPU_HOURS, run.getGpuHours())
                .set(DST.CPU_HOURS, run.getCpuHours())
                .set(DST.STARTED_BY, run.getCreatedBy())
                .set(DST.CREATED_AT, run.getCreatedAt())
                .set(DST.STARTED_AT, run.getStartedAt())
                .set(DST.COMPLETED_AT, run.getCompletedAt())
                .set(DST.DURATION_SECONDS, duration)
                .set(DST.NOTES, run.getNotes())
                .onConflict(DST.RUN_ID).doNothing()
                .execute() == 1;
    }

    /**
     * @param runId the registry training run
     * @param datasetId the dataset it trained on
     * @return whether the link was inserted (false: it exists already)
     */
    public boolean linkTrainingDataset(UUID runId, UUID datasetId) {
        return ctx.insertInto(RUN_DATASETS)
                .set(RUN_DATASETS.RUN_ID, runId)
                .set(RUN_DATASETS.DATASET_ID, datasetId)
                .set(RUN_DATASETS.DATASET_ROLE, DatasetRole.TRAINING)
                .onConflictDoNothing()
                .execute() == 1;
    }
}
