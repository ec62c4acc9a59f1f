package org.mlregistry.core.migration;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectOne;
import static org.mlregistry.schema.jooq.registry.Tables.AUDIT_LOG;
import static org.mlregistry.schema.jooq.registry.Tables.DATASETS;
import static org.mlregistry.schema.jooq.registry.Tables.EXPERIMENTS;
import static org.mlregistry.schema.jooq.registry.Tables.MODELS;
import static org.mlregistry.schema.jooq.registry.Tables.MODEL_VERSIONS;
import static org.mlregistry.schema.jooq.registry.Tables.RUN_DATASETS;
import static org.mlregistry.schema.jooq.registry.Tables.TEAMS;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.mlregistry.core.Registry;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.core.models.Validation;
import org.mlregistry.core.migration.FlatToRegistryReport.SkipReason;
import org.mlregistry.core.migration.FlatToRegistryReport.SkippedRun;
import org.mlregistry.schema.jooq.tracking.tables.records.TrainingRunsRecord;
import org.mlregistry.schema.types.DatasetRole;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.ModelFramework;
import org.mlregistry.schema.types.VersionStatus;

/**
 * Lab 02's challenge 3: moves lab 01's flat {@code tracking.training_runs} into the normalized
 * {@code registry} schema. Obtain it from {@link Registry#migrations()}:
 *
 * <pre>{@code
 * FlatToRegistryReport report = registry.migrations().flatRunsToRegistry().actor("alice").run();
 * }</pre>
 *
 * <h2>Mapping</h2>
 * <ul>
 *   <li><b>Models</b>: one per distinct {@code model_name} (lab 01's names are kebab-case already);
 *       display_name is derived from the name ({@code resnet50-classification} → {@code Resnet50
 *       Classification}), team_id is the {@linkplain #team(UUID) default team} or NULL, created_by
 *       the actor. A model that exists already (same name) is reused as it is.</li>
 *   <li><b>Versions</b>: one per model and framework. A model's first framework (in the order of
 *       its earliest run) gets {@code 1.0.0} when the model has no versions; every further version
 *       is the next major above the model's highest version ({@code 2.0.0}, …). artifact_uri is the
 *       placeholder {@link #artifactUri(String, String) migrated://tracking/&lt;model&gt;/&lt;semver&gt;}
 *       (no artifact exists for a lab 01 run); status {@code registered}; registered_by the actor.
 *       A later migration finds the version again by model, framework and the {@code migrated://}
 *       artifact URI, so new runs of the same model and framework join it.</li>
 *   <li><b>Frameworks</b>: lab 01's {@link Framework} maps to lab 02's {@link ModelFramework} by
 *       name ({@link #framework(Framework)}); {@code mxnet} has no counterpart in
 *       {@code registry.model_versions.valid_framework}, so its runs are
 *       {@linkplain SkipReason#UNMAPPED_FRAMEWORK skipped} and reported (or, {@link #strict()},
 *       the migration refuses).</li>
 *   <li><b>Datasets</b>: one per distinct {@code dataset}; the name must satisfy
 *       {@code valid_dataset_name} ({@code ^[a-z0-9_-]+$}), otherwise the run is skipped;
 *       storage_location is the placeholder {@link #datasetLocation(String)
 *       migrated://tracking/datasets/&lt;dataset&gt;}. Existing datasets (same name) are reused.</li>
 *   <li><b>Experiments</b> (V20): one per model and {@code experiment_name}, status {@code active};
 *       each migrated run links to it through experiment_id and keeps experiment_name.</li>
 *   <li><b>Runs</b>: {@code registry.training_runs.run_id} is the tracking run_id, so the source
 *       of every migrated run stays known. Copied as they are: status, accuracy, precision_score,
 *       recall_score, f1_score, loss, compute_target, gpu_hours, cpu_hours, created_at, started_at,
 *       completed_at, notes; {@code parameters} becomes hyperparameters; {@code created_by} becomes
 *       started_by; duration_seconds is completed_at − started_at when both are known. Lab 02's
 *       columns without a lab 01 source (run_name, instance_type, gpu_type, cost, …) stay at their
 *       defaults.</li>
 *   <li><b>run_datasets</b>: one row per run, role {@link DatasetRole#TRAINING}.</li>
 *   <li><b>Archived runs</b> (soft-deleted by a retention policy) are skipped unless
 *       {@link #includeArchived()}: the registry has no archive marker, they would come back live.</li>
 * </ul>
 *
 * <h2>Idempotence, transaction, audit</h2>
 * Runs whose run_id is already in {@code registry.training_runs} are left alone and counted as
 * already migrated; models, datasets, experiments, runs and run_datasets are inserted with
 * {@code ON CONFLICT DO NOTHING} on their unique keys, so a second migration adds nothing. The whole
 * migration is one transaction ({@link Registry#inTransaction}; a savepoint inside a caller's
 * transaction) serialized against concurrent migrations by a transaction-scoped advisory lock: any
 * failure rolls back every row it wrote, and constraint violations arrive as
 * {@link org.mlregistry.core.error.ConstraintViolationException}. Like every write of the model
 * registry API, it records one {@code registry.audit_log} row per created model, version, dataset
 * and training run, action {@value #AUDIT_ACTION}, naming the actor, with the created row (plus
 * {@code "migrated_from": "tracking.training_runs"}) as after_state. Experiments are not audited:
 * the audit log's valid_audit_entity has no {@code experiment} entity.
 *
 * <p>Immutable and thread-safe: every setter returns a new migration.
 */
public final class FlatToRegistryMigration {

    /** Prefix of the placeholder artifact_uri of migrated versions. */
    public static final String ARTIFACT_PREFIX = "migrated://tracking/";

    /** Prefix of the placeholder storage_location of migrated datasets. */
    public static final String DATASET_PREFIX = "migrated://tracking/datasets/";

    /** The audit_log action of the rows this migration records. */
    public static final String AUDIT_ACTION = "migrate";

    /** What the audit rows and descriptions name as the source. */
    static final String SOURCE = "tracking.training_runs";

    private static final String LOCK_KEY = "mlregistry.migration.flat-to-registry";

    private static final org.mlregistry.schema.jooq.tracking.tables.TrainingRuns SRC =
            org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;
    private static final org.mlregistry.schema.jooq.registry.tables.TrainingRuns DST =
            org.mlregistry.schema.jooq.registry.Tables.TRAINING_RUNS;

    private final Registry registry;
    private final String actor;
    private final UUID teamId;
    private final boolean strict;
    private final boolean includeArchived;

    private FlatToRegistryMigration(Registry registry, String actor, UUID teamId, boolean strict, boolean includeArchived) {
        this.registry = registry;
        this.actor = actor;
        this.teamId = teamId;
        this.strict = strict;
        this.includeArchived = includeArchived;
    }

    /**
     * The migration for registry, without actor, team, strictness or archived runs.
     *
     * @param registry the registry whose {@code tracking} runs move into its {@code registry} schema
     * @return a migration that still needs an {@link #actor(String) actor} before it can run
     */
    public static FlatToRegistryMigration of(Registry registry) {
        return new FlatToRegistryMigration(Objects.requireNonNull(registry, "registry"), null, null, false, false);
    }

    /**
     * Who migrates: stamped on created rows (created_by, registered_by) and on the audit rows.
     *
     * @param actor the migrating user's name, not blank
     * @return a copy of this migration with the actor set
     * @throws InvalidValueException when actor is null or blank
     */
    public FlatToRegistryMigration actor(String actor) {
        if (actor == null || actor.isBlank()) {
            throw new InvalidValueException("actor", actor, "is required");
        }
        return new FlatToRegistryMigration(registry, actor, teamId, strict, includeArchived);
    }

    /**
     * The team owning the models and datasets this migration creates (null: none, the default).
     *
     * @param teamId the id of an existing {@code registry.teams} row, or null
     * @return a copy of this migration with the team set
     */
    public FlatToRegistryMigration team(UUID teamId) {
        return new FlatToRegistryMigration(registry, actor, teamId, strict, includeArchived);
    }

    /**
     * Refuse instead of skipping: when any tracking run cannot be migrated (see {@link SkipReason}),
     * {@link #run()} throws {@link MigrationRefusedException} and writes nothing.
     *
     * @return a strict copy of this migration
     */
    public FlatToRegistryMigration strict() {
        return new FlatToRegistryMigration(registry, actor, teamId, true, includeArchived);
    }

    /**
     * Migrate archived (soft-deleted) tracking runs too; by default they are skipped as
     * {@link SkipReason#ARCHIVED}.
     *
     * @return a copy of this migration that includes archived runs
     */
    public FlatToRegistryMigration includeArchived() {
        return new FlatToRegistryMigration(registry, actor, teamId, strict, true);
    }

    /**
     * Runs the migration in one transaction.
     *
     * @return what was created, reused and skipped
     * @throws InvalidValueException when no actor was set
     * @throws NotFoundException when the default team does not exist
     * @throws MigrationRefusedException when {@link #strict()} and a run cannot be migrated
     * @throws org.mlregistry.core.error.ConstraintViolationException when the database refuses a row
     *     (nothing is written then)
     */
    public FlatToRegistryReport run() {
        if (actor == null) {
            throw new InvalidValueException("actor", null, "must be set with actor(String) before run()");
        }
        return registry.inTransaction(ctx -> new Work(ctx).migrate());
    }

    // ------------------------------------------------------------------ mapping rules

    /**
     * Lab 02's framework for lab 01's, or empty when there is none ({@code mxnet}).
     *
     * @param framework a framework of {@code tracking.training_runs}, not null
     * @return the {@code registry.model_versions} framework of the same name, or empty
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
     * The placeholder artifact_uri of a migrated version: {@code migrated://tracking/<model>/<semver>}.
     *
     * @param modelName the model's name
     * @param semver the version, e.g. {@code 1.0.0}
     * @return {@value #ARTIFACT_PREFIX} followed by the model's name and the version
     */
    public static String artifactUri(String modelName, String semver) {
        return ARTIFACT_PREFIX + modelName + "/" + semver;
    }

    /**
     * The placeholder storage_location of a migrated dataset: {@code migrated://tracking/datasets/<dataset>}.
     *
     * @param datasetName the dataset's name
     * @return {@value #DATASET_PREFIX} followed by the dataset's name
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

    /** Why run cannot be migrated, or null when it can. */
    private SkippedRun skipReason(TrainingRunsRecord run) {
        if (run.getArchivedAt() != null && !includeArchived) {
            return skipped(run, SkipReason.ARCHIVED, "archived at " + run.getArchivedAt());
        }
        if (framework(run.getFramework()).isEmpty()) {
            return skipped(run, SkipReason.UNMAPPED_FRAMEWORK,
                    "framework '" + run.getFramework().getLiteral() + "' has no lab 02 counterpart");
        }
        if (!Validation.MODEL_NAME.matcher(run.getModelName()).matches()) {
            return skipped(run, SkipReason.INVALID_MODEL_NAME, "model_name '" + run.getModelName() + "' is not kebab-case");
        }
        if (!Validation.DATASET_NAME.matcher(run.getDataset()).matches()) {
            return skipped(run, SkipReason.INVALID_DATASET_NAME,
                    "dataset '" + run.getDataset() + "' breaks ^[a-z0-9_-]+$");
        }
        return null;
    }

    private static SkippedRun skipped(TrainingRunsRecord run, SkipReason reason, String detail) {
        return new SkippedRun(run.getRunId(), run.getModelName(), reason, detail);
    }

    /** One execution, in one transaction. */
    private final class Work {
        private final DSLContext ctx;
        private final Map<String, UUID> models = new HashMap<>();
        private final Map<String, UUID> versions = new HashMap<>();
        private final Map<String, UUID> datasets = new HashMap<>();
        private final Map<String, UUID> experiments = new HashMap<>();
        private final Set<UUID> createdModels = new LinkedHashSet<>();
        private final Set<UUID> createdVersions = new LinkedHashSet<>();
        private final Set<UUID> createdDatasets = new LinkedHashSet<>();
        private final Set<UUID> createdRuns = new LinkedHashSet<>();
        private int experimentsCreated;
        private int runDatasetsCreated;

        Work(DSLContext ctx) {
            this.ctx = ctx;
        }

        FlatToRegistryReport migrate() {
            ctx.fetch("SELECT pg_advisory_xact_lock(hashtext(?))::text", LOCK_KEY);
            if (teamId != null && !ctx.fetchExists(TEAMS, TEAMS.TEAM_ID.eq(teamId))) {
                throw new NotFoundException("team", teamId);
            }
            int trackingRuns = ctx.fetchCount(SRC);
            int alreadyMigrated = ctx.fetchCount(SRC, DSL.exists(selectOne().from(DST).where(DST.RUN_ID.eq(SRC.RUN_ID))));
            List<TrainingRunsRecord> pending = ctx.selectFrom(SRC)
                    .whereNotExists(selectOne().from(DST).where(DST.RUN_ID.eq(SRC.RUN_ID)))
                    .orderBy(SRC.CREATED_AT.asc().nullsLast(), SRC.RUN_ID)
                    .fetch();
            List<SkippedRun> skipped = new ArrayList<>();
            List<TrainingRunsRecord> migratable = new ArrayList<>();
            for (TrainingRunsRecord run : pending) {
                SkippedRun skip = skipReason(run);
                if (skip == null) {
                    migratable.add(run);
                } else {
                    skipped.add(skip);
                }
            }
            if (strict && !skipped.isEmpty()) {
                throw new MigrationRefusedException(skipped);
            }
            for (TrainingRunsRecord run : migratable) {
                migrateRun(run);
            }
            int audit = audit("model", MODELS, MODELS.MODEL_ID, createdModels)
                    + audit("version", MODEL_VERSIONS, MODEL_VERSIONS.VERSION_ID, createdVersions)
                    + audit("dataset", DATASETS, DATASETS.DATASET_ID, createdDatasets)
                    + audit("training_run", DST, DST.RUN_ID, createdRuns);
            return new FlatToRegistryReport(trackingRuns, createdRuns.size(), alreadyMigrated,
                    createdModels.size(), models.size() - createdModels.size(),
                    createdVersions.size(), versions.size() - createdVersions.size(),
                    createdDatasets.size(), datasets.size() - createdDatasets.size(),
                    experimentsCreated, runDatasetsCreated, audit, skipped);
        }

        private void migrateRun(TrainingRunsRecord run) {
            ModelFramework framework = framework(run.getFramework()).orElseThrow();
            UUID modelId = model(run.getModelName());
            UUID versionId = version(modelId, run.getModelName(), framework);
            UUID datasetId = dataset(run.getDataset());
            UUID experimentId = experiment(modelId, run.getExperimentName(), run.getCreatedAt());
            Integer duration = run.getStartedAt() == null || run.getCompletedAt() == null ? null
                    : Math.toIntExact(Duration.between(run.getStartedAt(), run.getCompletedAt()).getSeconds());
            int inserted = ctx.insertInto(DST)
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
                    .execute();
            if (inserted == 1) {
                createdRuns.add(run.getRunId());
            }
            runDatasetsCreated += ctx.insertInto(RUN_DATASETS)
                    .set(RUN_DATASETS.RUN_ID, run.getRunId())
                    .set(RUN_DATASETS.DATASET_ID, datasetId)
                    .set(RUN_DATASETS.DATASET_ROLE, DatasetRole.TRAINING)
                    .onConflictDoNothing()
                    .execute();
        }

        private UUID model(String name) {
            return models.computeIfAbsent(name, n -> {
                Optional<UUID> created = ctx.insertInto(MODELS)
                        .set(MODELS.MODEL_NAME, n)
                        .set(MODELS.DISPLAY_NAME, displayName(n))
                        .set(MODELS.DESCRIPTION, "Migrated from " + SOURCE)
                        .set(MODELS.TEAM_ID, teamId)
                        .set(MODELS.CREATED_BY, actor)
                        .onConflict(MODELS.MODEL_NAME).doNothing()
                        .returningResult(MODELS.MODEL_ID)
                        .fetchOptional(MODELS.MODEL_ID);
                created.ifPresent(createdModels::add);
                return created.orElseGet(() -> ctx.select(MODELS.MODEL_ID).from(MODELS)
                        .where(MODELS.MODEL_NAME.eq(n)).fetchSingle(MODELS.MODEL_ID));
            });
        }

        private UUID version(UUID modelId, String modelName, ModelFramework framework) {
            return versions.computeIfAbsent(modelId + "/" + framework.getLiteral(), key -> {
                Optional<UUID> existing = ctx.select(MODEL_VERSIONS.VERSION_ID).from(MODEL_VERSIONS)
                        .where(MODEL_VERSIONS.MODEL_ID.eq(modelId))
                        .and(MODEL_VERSIONS.FRAMEWORK.eq(framework))
                        .and(MODEL_VERSIONS.ARTIFACT_URI.startsWith(ARTIFACT_PREFIX))
                        .orderBy(MODEL_VERSIONS.SEMVER_MAJOR, MODEL_VERSIONS.SEMVER_MINOR, MODEL_VERSIONS.SEMVER_PATCH,
                                MODEL_VERSIONS.VERSION_ID)
                        .limit(1)
                        .fetchOptional(MODEL_VERSIONS.VERSION_ID);
                if (existing.isPresent()) {
                    return existing.get();
                }
                BigDecimal highest = ctx.select(DSL.max(MODEL_VERSIONS.SEMVER_MAJOR)).from(MODEL_VERSIONS)
                        .where(MODEL_VERSIONS.MODEL_ID.eq(modelId)).fetchOne(0, BigDecimal.class);
                String semver = (highest == null ? BigDecimal.ONE : highest.add(BigDecimal.ONE)).toBigInteger() + ".0.0";
                UUID id = ctx.insertInto(MODEL_VERSIONS)
                        .set(MODEL_VERSIONS.MODEL_ID, modelId)
                        .set(MODEL_VERSIONS.SEMVER, semver)
                        .set(MODEL_VERSIONS.ARTIFACT_URI, artifactUri(modelName, semver))
                        .set(MODEL_VERSIONS.FRAMEWORK, framework)
                        .set(MODEL_VERSIONS.DESCRIPTION, "Runs of " + modelName + " with " + framework.getLiteral()
                                + ", migrated from " + SOURCE)
                        .set(MODEL_VERSIONS.REGISTERED_BY, actor)
                        .set(MODEL_VERSIONS.STATUS, VersionStatus.REGISTERED)
                        .set(MODEL_VERSIONS.STATUS_CHANGED_AT, DSL.currentOffsetDateTime())
                        .set(MODEL_VERSIONS.STATUS_REASON, "migrated from " + SOURCE)
                        .returningResult(MODEL_VERSIONS.VERSION_ID)
                        .fetchSingle(MODEL_VERSIONS.VERSION_ID);
                createdVersions.add(id);
                return id;
            });
        }

        private UUID dataset(String name) {
            return datasets.computeIfAbsent(name, n -> {
                Optional<UUID> created = ctx.insertInto(DATASETS)
                        .set(DATASETS.DATASET_NAME, n)
                        .set(DATASETS.DISPLAY_NAME, displayName(n))
                        .set(DATASETS.DESCRIPTION, "Migrated from " + SOURCE)
                        .set(DATASETS.STORAGE_LOCATION, datasetLocation(n))
                        .set(DATASETS.TEAM_ID, teamId)
                        .set(DATASETS.CREATED_BY, actor)
                        .onConflict(DATASETS.DATASET_NAME).doNothing()
                        .returningResult(DATASETS.DATASET_ID)
                        .fetchOptional(DATASETS.DATASET_ID);
                created.ifPresent(createdDatasets::add);
                return created.orElseGet(() -> ctx.select(DATASETS.DATASET_ID).from(DATASETS)
                        .where(DATASETS.DATASET_NAME.eq(n)).fetchSingle(DATASETS.DATASET_ID));
            });
        }

        private UUID experiment(UUID modelId, String name, OffsetDateTime firstRunCreatedAt) {
            return experiments.computeIfAbsent(modelId + "/" + name, key -> {
                Optional<UUID> created = ctx.insertInto(EXPERIMENTS)
                        .set(EXPERIMENTS.MODEL_ID, modelId)
                        .set(EXPERIMENTS.EXPERIMENT_NAME, name)
                        .set(EXPERIMENTS.DESCRIPTION, "Migrated from " + SOURCE)
                        .set(EXPERIMENTS.STATUS, "active")
                        .set(EXPERIMENTS.CREATED_AT, firstRunCreatedAt == null
                                ? DSL.currentOffsetDateTime() : DSL.val(firstRunCreatedAt))
                        .onConflict(EXPERIMENTS.MODEL_ID, EXPERIMENTS.EXPERIMENT_NAME).doNothing()
                        .returningResult(EXPERIMENTS.EXPERIMENT_ID)
                        .fetchOptional(EXPERIMENTS.EXPERIMENT_ID);
                if (created.isPresent()) {
                    experimentsCreated++;
                    return created.get();
                }
                return ctx.select(EXPERIMENTS.EXPERIMENT_ID).from(EXPERIMENTS)
                        .where(EXPERIMENTS.MODEL_ID.eq(modelId)).and(EXPERIMENTS.EXPERIMENT_NAME.eq(name))
                        .fetchSingle(EXPERIMENTS.EXPERIMENT_ID);
            });
        }

        /** One audit row per created row of table, in one INSERT … SELECT. */
        private int audit(String entityType, Table<?> table, Field<UUID> idField, Collection<UUID> ids) {
            if (ids.isEmpty()) {
                return 0;
            }
            Table<?> t = table.as("t");
            Field<UUID> id = t.field(idField);
            return ctx.insertInto(AUDIT_LOG, AUDIT_LOG.ACTOR, AUDIT_LOG.ENTITY_TYPE, AUDIT_LOG.ENTITY_ID,
                            AUDIT_LOG.ACTION, AUDIT_LOG.AFTER_STATE)
                    .select(select(DSL.val(actor), inline(entityType), id, inline(AUDIT_ACTION),
                            DSL.field("to_jsonb(t) || jsonb_build_object('migrated_from', {0})", JSONB.class,
                                    inline(SOURCE)))
                            .from(t)
                            .where(id.in(ids))
                            .orderBy(id))
                    .execute();
        }
    }
}
