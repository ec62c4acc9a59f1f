package org.mlregistry.core.models;

import static org.jooq.impl.DSL.multiset;
import static org.jooq.impl.DSL.select;
import static org.mlregistry.schema.jooq.registry.Tables.APPROVALS;
import static org.mlregistry.schema.jooq.registry.Tables.DATASETS;
import static org.mlregistry.schema.jooq.registry.Tables.DATASET_TAGS;
import static org.mlregistry.schema.jooq.registry.Tables.DEPLOYMENTS;
import static org.mlregistry.schema.jooq.registry.Tables.ENVIRONMENTS;
import static org.mlregistry.schema.jooq.registry.Tables.MODELS;
import static org.mlregistry.schema.jooq.registry.Tables.MODEL_TAGS;
import static org.mlregistry.schema.jooq.registry.Tables.MODEL_VERSIONS;
import static org.mlregistry.schema.jooq.registry.Tables.RUN_DATASETS;
import static org.mlregistry.schema.jooq.registry.Tables.TAGS;
import static org.mlregistry.schema.jooq.registry.Tables.TEAMS;
import static org.mlregistry.schema.jooq.registry.Tables.TRAINING_RUNS;
import static org.mlregistry.schema.jooq.registry.Tables.VW_LATEST_MODEL_VERSIONS;
import static org.mlregistry.schema.jooq.registry.Tables.VW_PRODUCTION_DEPLOYMENTS;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.SortField;
import org.jooq.impl.DSL;
import org.mlregistry.core.Registry;
import org.mlregistry.core.error.InvalidTransitionException;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.core.error.UnsupportedIsolationLevelException;
import org.mlregistry.core.internal.JsonText;
import org.mlregistry.schema.jooq.registry.tables.pojos.Approvals;
import org.mlregistry.schema.jooq.registry.tables.pojos.Datasets;
import org.mlregistry.schema.jooq.registry.tables.pojos.Deployments;
import org.mlregistry.schema.jooq.registry.tables.pojos.ModelVersions;
import org.mlregistry.schema.jooq.registry.tables.pojos.Models;
import org.mlregistry.schema.jooq.registry.tables.pojos.Teams;
import org.mlregistry.schema.jooq.registry.tables.pojos.TrainingRuns;
import org.mlregistry.schema.jooq.registry.tables.pojos.VwLatestModelVersions;
import org.mlregistry.schema.jooq.registry.tables.pojos.VwProductionDeployments;
import org.mlregistry.schema.jooq.registry.tables.records.EnvironmentsRecord;
import org.mlregistry.schema.jooq.registry.tables.records.ModelVersionsRecord;
import org.mlregistry.schema.jooq.registry.tables.records.ModelsRecord;
import org.mlregistry.schema.types.ApprovalStatus;
import org.mlregistry.schema.types.ApprovalType;
import org.mlregistry.schema.types.DataClassification;
import org.mlregistry.schema.types.DeploymentStatus;
import org.mlregistry.schema.types.EnvironmentType;
import org.mlregistry.schema.types.RiskLevel;
import org.mlregistry.schema.types.RunStatus;
import org.mlregistry.schema.types.VersionStatus;

/**
 * The model registry API: teams, models, datasets, semantic versions and their lifecycle,
 * training lineage, deployments with traffic split, the approval gate for production, tags and
 * the audit trail.
 *
 * <pre>{@code
 * ModelRegistry models = registry.models().actor("alice");
 * Models m = models.createModel(NewModel.of("fraud-detector", "Fraud detector"));
 * }</pre>
 *
 * Immutable and thread-safe. Every method is one transaction (see
 * {@link Registry#inTransaction(Function)}); every write records a row of
 * {@code registry.audit_log} naming the {@linkplain #actor(String) actor} in the same transaction.
 * Constraint violations surface as {@link org.mlregistry.core.error.ConstraintViolationException}.
 */
public final class ModelRegistry {

    /** Deployment statuses that receive traffic. */
    static final Set<DeploymentStatus> SERVING = EnumSet.of(DeploymentStatus.ACTIVE, DeploymentStatus.DEGRADED);

    private final Registry registry;
    private final String actor;

    private ModelRegistry(Registry registry, String actor) {
        this.registry = registry;
        this.actor = actor;
    }

    /**
     * The model registry of registry, without actor: set one with {@link #actor(String)} before writing.
     *
     * @param registry the registry whose transactions every operation runs in
     * @return a model registry that can read but not yet write
     */
    public static ModelRegistry of(Registry registry) {
        return new ModelRegistry(Objects.requireNonNull(registry, "registry"), null);
    }

    /**
     * This registry acting as actor: writes are audited in its name and stamped with it.
     *
     * @param actor who writes, e.g. a user name; not blank
     * @return a copy of this model registry acting as actor
     * @throws InvalidValueException when actor is null or blank
     */
    public ModelRegistry actor(String actor) {
        return new ModelRegistry(registry, Validation.required("actor", actor));
    }

    /**
     * The actor writes are recorded for, or null.
     *
     * @return the actor's name, or null when none was set
     */
    public String actor() {
        return actor;
    }

    private String writer() {
        if (actor == null) {
            throw new InvalidValueException("actor", null, "must be set with ModelRegistry.actor(String) before a write");
        }
        return actor;
    }

    private <T> T tx(Function<DSLContext, T> work) {
        return registry.inTransaction(work);
    }

    // ------------------------------------------------------------------ teams, models, datasets

    /**
     * Creates a team; team_email, when given, must be an e-mail address.
     *
     * @param name the team's name, not blank
     * @param email the team's e-mail address, or null
     * @return the team as stored, with its generated id
     */
    public Teams createTeam(String name, String email) {
        String who = writer();
        Validation.required("team_name", name);
        Validation.email(email);
        return tx(ctx -> {
            Teams team = ctx.insertInto(TEAMS).set(TEAMS.TEAM_NAME, name).set(TEAMS.TEAM_EMAIL, email)
                    .returning().fetchOneInto(Teams.class);
            Audit.record(ctx, who, "team", team.teamId(), "create", null,
                    Audit.snapshot(ctx, TEAMS, TEAMS.TEAM_ID, team.teamId()));
            return team;
        });
    }

    /**
     * Creates a model. The name is checked to be kebab-case before the round trip.
     *
     * @param spec the model to create
     * @return the model as stored, with its generated id and created_by the actor
     * @throws InvalidValueException when the name is not kebab-case or a value is missing
     * @throws org.mlregistry.core.error.ConstraintViolationException when the name is taken
     */
    public Models createModel(NewModel spec) {
        String who = writer();
        Validation.modelName(spec.name());
        Validation.required("display_name", spec.displayName());
        return tx(ctx -> {
            Models model = ctx.insertInto(MODELS)
                    .set(MODELS.MODEL_NAME, spec.name())
                    .set(MODELS.DISPLAY_NAME, spec.displayName())
                    .set(MODELS.TEAM_ID, spec.teamId())
                    .set(MODELS.RISK_LEVEL, spec.riskLevel() == null ? RiskLevel.MEDIUM : spec.riskLevel())
                    .set(MODELS.COMPLIANCE_REQUIRED, spec.complianceRequired())
                    .set(MODELS.DESCRIPTION, spec.description())
                    .set(MODELS.CREATED_BY, who)
                    .returning().fetchOneInto(Models.class);
            Audit.record(ctx, who, "model", model.modelId(), "create", null,
                    Audit.snapshot(ctx, MODELS, MODELS.MODEL_ID, model.modelId()));
            return model;
        });
    }

    /**
     * Changes a model's risk level and compliance flag.
     *
     * @param modelId the model
     * @param riskLevel the new business risk, not null
     * @param complianceRequired whether production deployments of the model need approvals from now on
     * @return the model as stored, with its new classification
     * @throws NotFoundException when the model does not exist
     */
    public Models classifyModel(UUID modelId, RiskLevel riskLevel, boolean complianceRequired) {
        String who = writer();
        Validation.required("risk_level", riskLevel);
        return tx(ctx -> {
            JSONB before = Audit.snapshot(ctx, MODELS, MODELS.MODEL_ID, modelId);
            if (before == null) {
                throw new NotFoundException("model", modelId);
            }
            Models model = ctx.update(MODELS).set(MODELS.RISK_LEVEL, riskLevel)
                    .set(MODELS.COMPLIANCE_REQUIRED, complianceRequired)
                    .where(MODELS.MODEL_ID.eq(modelId)).returning().fetchOneInto(Models.class);
            Audit.record(ctx, who, "model", modelId, "classify", before, Audit.snapshot(ctx, MODELS, MODELS.MODEL_ID, modelId));
            return model;
        });
    }

    /**
     * The model with this name, if any.
     *
     * @param name the model's unique name
     * @return the model, or empty when no model has this name
     */
    public Optional<Models> model(String name) {
        return tx(ctx -> ctx.selectFrom(MODELS).where(MODELS.MODEL_NAME.eq(name)).fetchOptionalInto(Models.class));
    }

    /**
     * Adds a dataset to the catalog. The name is checked before the round trip.
     *
     * @param spec the dataset to add
     * @return the dataset as stored, with its generated id and created_by the actor
     * @throws InvalidValueException when the name breaks valid_dataset_name or a value is missing
     */
    public Datasets createDataset(NewDataset spec) {
        String who = writer();
        Validation.datasetName(spec.name());
        Validation.required("display_name", spec.displayName());
        Validation.required("storage_location", spec.storageLocation());
        return tx(ctx -> {
            Datasets dataset = ctx.insertInto(DATASETS)
                    .set(DATASETS.DATASET_NAME, spec.name())
                    .set(DATASETS.DISPLAY_NAME, spec.displayName())
                    .set(DATASETS.STORAGE_LOCATION, spec.storageLocation())
                    .set(DATASETS.STORAGE_FORMAT, spec.format())
                    .set(DATASETS.TEAM_ID, spec.teamId())
                    .set(DATASETS.CONTAINS_PII, spec.containsPii())
                    .set(DATASETS.DATA_CLASSIFICATION,
                            spec.classification() == null ? DataClassification.INTERNAL : spec.classification())
                    .set(DATASETS.CREATED_BY, who)
                    .returning().fetchOneInto(Datasets.class);
            Audit.record(ctx, who, "dataset", dataset.datasetId(), "create", null,
                    Audit.snapshot(ctx, DATASETS, DATASETS.DATASET_ID, dataset.datasetId()));
            return dataset;
        });
    }

    /**
     * The dataset with this name, if any.
     *
     * @param name the dataset's unique name
     * @return the dataset, or empty when no dataset has this name
     */
    public Optional<Datasets> dataset(String name) {
        return tx(ctx -> ctx.selectFrom(DATASETS).where(DATASETS.DATASET_NAME.eq(name)).fetchOptionalInto(Datasets.class));
    }

    // ------------------------------------------------------------------ versions

    /**
     * Registers a version in status {@code registered}, stamped with the actor. The semantic version
     * is checked before the round trip with the rule of the database's valid_semver CHECK.
     *
     * @param spec the version to register
     * @return the version as stored, status {@code registered}, with its generated id
     * @throws InvalidValueException when semver is not a semantic version or a value is missing
     * @throws org.mlregistry.core.error.ConstraintViolationException when the model already has it
     */
    public ModelVersions registerVersion(NewVersion spec) {
        String who = writer();
        Validation.required("model_id", spec.modelId());
        Validation.semver(spec.semver());
        Validation.required("artifact_uri", spec.artifactUri());
        Validation.required("framework", spec.framework());
        return tx(ctx -> {
            ModelVersions version = ctx.insertInto(MODEL_VERSIONS)
                    .set(MODEL_VERSIONS.MODEL_ID, spec.modelId())
                    .set(MODEL_VERSIONS.SEMVER, spec.semver())
                    .set(MODEL_VERSIONS.ARTIFACT_URI, spec.artifactUri())
                    .set(MODEL_VERSIONS.FRAMEWORK, spec.framework())
                    .set(MODEL_VERSIONS.DESCRIPTION, spec.description())
                    .set(MODEL_VERSIONS.REGISTERED_BY, who)
                    .set(MODEL_VERSIONS.STATUS, VersionStatus.REGISTERED)
                    .set(MODEL_VERSIONS.STATUS_CHANGED_AT, DSL.currentOffsetDateTime())
                    .set(MODEL_VERSIONS.STATUS_REASON, "registered")
                    .returning().fetchOneInto(ModelVersions.class);
            Audit.record(ctx, who, "version", version.versionId(), "register", null,
                    Audit.snapshot(ctx, MODEL_VERSIONS, MODEL_VERSIONS.VERSION_ID, version.versionId()));
            return version;
        });
    }

    /** Semantic-version order, highest first (numeric MAJOR.MINOR.PATCH, release above pre-release). */
    static List<SortField<?>> semverDesc() {
        return List.of(MODEL_VERSIONS.SEMVER_MAJOR.desc(), MODEL_VERSIONS.SEMVER_MINOR.desc(),
                MODEL_VERSIONS.SEMVER_PATCH.desc(), MODEL_VERSIONS.SEMVER_IS_RELEASE.desc(),
                MODEL_VERSIONS.SEMVER_PRERELEASE.desc(), MODEL_VERSIONS.SEMVER.desc());
    }

    /**
     * Every version of a model, highest semantic version first (1.10.0 above 1.9.0).
     *
     * @param modelId the model
     * @return its versions, archived ones included; empty when it has none or does not exist
     */
    public List<ModelVersions> versions(UUID modelId) {
        return tx(ctx -> ctx.selectFrom(MODEL_VERSIONS).where(MODEL_VERSIONS.MODEL_ID.eq(modelId))
                .orderBy(semverDesc()).fetchInto(ModelVersions.class));
    }

    /**
     * The version with this id.
     *
     * @param versionId the version's id
     * @return the version as stored
     * @throws NotFoundException when there is none
     */
    public ModelVersions version(UUID versionId) {
        return tx(ctx -> ctx.selectFrom(MODEL_VERSIONS).where(MODEL_VERSIONS.VERSION_ID.eq(versionId))
                .fetchOptionalInto(ModelVersions.class)
                .orElseThrow(() -> new NotFoundException("model version", versionId)));
    }

    /**
     * The latest non-archived version of a model by semantic version or by registration time.
     *
     * @param modelId the model
     * @param order {@link VersionOrder#REGISTRATION} for the newest registration (ties by semantic version);
     *     otherwise the highest semantic version
     * @return that version, or empty when the model has no version that is not archived
     */
    public Optional<ModelVersions> latestVersion(UUID modelId, VersionOrder order) {
        List<SortField<?>> sort = new ArrayList<>();
        if (order == VersionOrder.REGISTRATION) {
            sort.add(MODEL_VERSIONS.REGISTERED_AT.desc());
        }
        sort.addAll(semverDesc());
        return tx(ctx -> ctx.selectFrom(MODEL_VERSIONS)
                .where(MODEL_VERSIONS.MODEL_ID.eq(modelId))
                .and(MODEL_VERSIONS.STATUS.ne(VersionStatus.ARCHIVED))
                .orderBy(sort).limit(1).fetchOptionalInto(ModelVersions.class));
    }

    /**
     * Moves a version to target through the lifecycle (see {@link VersionLifecycle}), recording the
     * reason and the time.
     *
     * @param versionId the version
     * @param target the status to move to, not null
     * @param reason why, stored as status_reason (and as deprecation_reason for {@code deprecated});
     *     may be null
     * @return the version as stored, with its new status
     * @throws InvalidTransitionException when the current status does not allow target
     * @throws NotFoundException when the version does not exist
     */
    public ModelVersions transition(UUID versionId, VersionStatus target, String reason) {
        String who = writer();
        Validation.required("target", target);
        return tx(ctx -> VersionLifecycle.transition(ctx, who, versionId, target, reason, false));
    }

    /**
     * {@code registered → validated}.
     *
     * @param versionId the version
     * @param reason why, stored as status_reason; may be null
     * @return the version as stored, status {@code validated}
     * @see #transition(UUID, VersionStatus, String)
     */
    public ModelVersions validate(UUID versionId, String reason) {
        return transition(versionId, VersionStatus.VALIDATED, reason);
    }

    /**
     * {@code validated|deployed → deprecated}; sets deprecated_at and deprecation_reason.
     *
     * @param versionId the version
     * @param reason why, stored as deprecation_reason and status_reason; not blank
     * @return the version as stored, status {@code deprecated}
     * @throws InvalidTransitionException when the version is neither validated nor deployed
     */
    public ModelVersions deprecate(UUID versionId, String reason) {
        Validation.required("deprecation_reason", reason);
        return transition(versionId, VersionStatus.DEPRECATED, reason);
    }

    /**
     * {@code deprecated → archived}, refused while deployments of the version are active or
     * degraded. Takes the model's lock first, like {@link #deploy(NewDeployment)}, so a concurrent
     * deploy cannot slip in between the check and the archive.
     *
     * @param versionId the version
     * @param reason why, stored as status_reason; may be null
     * @return the version as stored, status {@code archived}
     * @throws VersionServingException when deployments of the version still serve traffic
     */
    public ModelVersions archive(UUID versionId, String reason) {
        return transition(versionId, VersionStatus.ARCHIVED, reason);
    }

    // ------------------------------------------------------------------ lineage

    /**
     * Records a training run of a version together with the datasets it used by role, in one
     * transaction. A finished status (succeeded, failed, cancelled, timeout) is stamped completed now.
     *
     * @param spec the run and its datasets; a null status means {@code succeeded}
     * @return the run as stored, with its generated id and started_by the actor
     * @throws InvalidValueException when the hyperparameters are not a JSON object
     * @throws NotFoundException when the version or a dataset does not exist
     */
    public TrainingRuns recordTrainingRun(NewTrainingRun spec) {
        String who = writer();
        Validation.required("version_id", spec.versionId());
        RunStatus status = spec.status() == null ? RunStatus.SUCCEEDED : spec.status();
        Validation.range("accuracy", spec.accuracy(), BigDecimal.ZERO, BigDecimal.ONE);
        Validation.range("f1_score", spec.f1Score(), BigDecimal.ZERO, BigDecimal.ONE);
        Validation.jsonObject("hyperparameters", spec.hyperparametersJson());
        for (DatasetUsage usage : spec.datasets()) {
            Validation.required("dataset_id", usage.datasetId());
            Validation.required("dataset_role", usage.role());
        }
        boolean finished = status != RunStatus.QUEUED && status != RunStatus.RUNNING;
        return tx(ctx -> {
            if (!ctx.fetchExists(MODEL_VERSIONS, MODEL_VERSIONS.VERSION_ID.eq(spec.versionId()))) {
                throw new NotFoundException("model version", spec.versionId());
            }
            Set<UUID> wanted = new LinkedHashSet<>();
            spec.datasets().forEach(u -> wanted.add(u.datasetId()));
            Set<UUID> found = new LinkedHashSet<>(ctx.select(DATASETS.DATASET_ID).from(DATASETS)
                    .where(DATASETS.DATASET_ID.in(wanted)).fetch(DATASETS.DATASET_ID));
            for (UUID id : wanted) {
                if (!found.contains(id)) {
                    throw new NotFoundException("dataset", id);
                }
            }
            TrainingRuns run = ctx.insertInto(TRAINING_RUNS)
                    .set(TRAINING_RUNS.VERSION_ID, spec.versionId())
                    .set(TRAINING_RUNS.RUN_NAME, spec.runName())
                    .set(TRAINING_RUNS.EXPERIMENT_NAME, spec.experimentName())
                    .set(TRAINING_RUNS.STATUS, status)
                    .set(TRAINING_RUNS.ACCURACY, spec.accuracy())
                    .set(TRAINING_RUNS.F1_SCORE, spec.f1Score())
                    .set(TRAINING_RUNS.HYPERPARAMETERS,
                            spec.hyperparametersJson() == null ? JSONB.jsonb("{}") : JSONB.jsonb(spec.hyperparametersJson()))
                    .set(TRAINING_RUNS.STARTED_BY, who)
                    .set(TRAINING_RUNS.COMPLETED_AT, finished ? DSL.currentOffsetDateTime() : DSL.inline((OffsetDateTime) null))
                    .returning().fetchOneInto(TrainingRuns.class);
            for (DatasetUsage usage : spec.datasets()) {
                ctx.insertInto(RUN_DATASETS)
                        .set(RUN_DATASETS.RUN_ID, run.runId())
                        .set(RUN_DATASETS.DATASET_ID, usage.datasetId())
                        .set(RUN_DATASETS.DATASET_ROLE, usage.role())
                        .set(RUN_DATASETS.SAMPLE_COUNT, usage.sampleCount())
                        .execute();
            }
            JSONB after = ctx.select(DSL.field("to_jsonb(t) || jsonb_build_object('datasets', "
                            + "(SELECT coalesce(jsonb_agg(to_jsonb(rd)), '[]') FROM registry.run_datasets rd WHERE rd.run_id = t.run_id))",
                            JSONB.class))
                    .from(TRAINING_RUNS.as("t")).where(DSL.field(DSL.name("t", "run_id"), UUID.class).eq(run.runId()))
                    .fetchOne(0, JSONB.class);
            Audit.record(ctx, who, "training_run", run.runId(), "record", null, after);
            return run;
        });
    }

    /**
     * The lineage tree of a model in one query (jOOQ MULTISET): its versions (highest semantic
     * version first) → training runs (oldest first) → datasets by role (training, validation, test,
     * calibration), and each version's deployments (newest first).
     *
     * @param modelId the model
     * @return the model with its versions, their runs, datasets and deployments
     * @throws NotFoundException when the model does not exist
     */
    public Lineage.ModelLineage lineage(UUID modelId) {
        Field<List<Lineage.DatasetNode>> datasets = multiset(
                select(RUN_DATASETS.DATASET_ROLE, RUN_DATASETS.SAMPLE_COUNT, DATASETS)
                        .from(RUN_DATASETS).join(DATASETS).on(DATASETS.DATASET_ID.eq(RUN_DATASETS.DATASET_ID))
                        .where(RUN_DATASETS.RUN_ID.eq(TRAINING_RUNS.RUN_ID))
                        .orderBy(RUN_DATASETS.DATASET_ROLE.sortAsc(org.mlregistry.schema.types.DatasetRole.values()),
                                DATASETS.DATASET_NAME))
                .convertFrom(r -> r.map(rec -> new Lineage.DatasetNode(rec.value1(), rec.value2(),
                        rec.value3().into(Datasets.class))));
        Field<List<Lineage.RunLineage>> runs = multiset(
                select(TRAINING_RUNS, datasets)
                        .from(TRAINING_RUNS)
                        .where(TRAINING_RUNS.VERSION_ID.eq(MODEL_VERSIONS.VERSION_ID))
                        .orderBy(TRAINING_RUNS.CREATED_AT, TRAINING_RUNS.RUN_ID))
                .convertFrom(r -> r.map(rec -> new Lineage.RunLineage(rec.value1().into(TrainingRuns.class), rec.value2())));
        Field<List<Lineage.DeploymentNode>> deployments = multiset(
                select(ENVIRONMENTS.ENVIRONMENT_NAME, DEPLOYMENTS)
                        .from(DEPLOYMENTS).join(ENVIRONMENTS).on(ENVIRONMENTS.ENVIRONMENT_ID.eq(DEPLOYMENTS.ENVIRONMENT_ID))
                        .where(DEPLOYMENTS.VERSION_ID.eq(MODEL_VERSIONS.VERSION_ID))
                        .orderBy(DEPLOYMENTS.DEPLOYED_AT.desc(), DEPLOYMENTS.DEPLOYMENT_ID))
                .convertFrom(r -> r.map(rec -> new Lineage.DeploymentNode(rec.value1(), rec.value2().into(Deployments.class))));
        Field<List<Lineage.VersionLineage>> versions = multiset(
                select(MODEL_VERSIONS, runs, deployments)
                        .from(MODEL_VERSIONS)
                        .where(MODEL_VERSIONS.MODEL_ID.eq(MODELS.MODEL_ID))
                        .orderBy(semverDesc()))
                .convertFrom(r -> r.map(rec -> new Lineage.VersionLineage(rec.value1().into(ModelVersions.class),
                        rec.value2(), rec.value3())));
        return tx(ctx -> ctx.select(MODELS, versions).from(MODELS).where(MODELS.MODEL_ID.eq(modelId))
                .fetchOptional(rec -> new Lineage.ModelLineage(rec.value1().into(Models.class), rec.value2()))
                .orElseThrow(() -> new NotFoundException("model", modelId)));
    }

    // ------------------------------------------------------------------ deployments

    /**
     * Deploys a version to an environment. In one transaction, with the model's row locked
     * ({@code SELECT … FOR NO KEY UPDATE}) so that concurrent deploys of the model serialize: the
     * version must be {@code validated} or {@code deployed} (a validated one becomes deployed); for
     * a {@code production} environment and a model with compliance_required, the version needs
     * approved, unexpired approvals (see {@link #requiredApprovals(UUID, String)}); and the model's
     * active deployments in the environment must keep their traffic within 100 % together.
     *
     * <p>The traffic check is race-free only under {@code READ COMMITTED} (PostgreSQL's default):
     * after waiting for the model's lock it must see the deployments the previous holder committed,
     * which a {@code REPEATABLE READ} or {@code SERIALIZABLE} snapshot hides. A deploy inside a
     * caller's transaction at another isolation level is therefore refused.
     *
     * @param spec the version, environment, replicas, traffic share and endpoint
     * @return the deployment as stored, status {@code active}
     * @throws UnsupportedIsolationLevelException when the transaction is not {@code read committed}
     * @throws ApprovalRequiredException when approvals are missing
     * @throws TrafficLimitExceededException when the traffic would exceed 100 %
     * @throws InvalidTransitionException when the version is not validated or deployed
     * @throws NotFoundException when the version or environment does not exist
     */
    public Deployments deploy(NewDeployment spec) {
        String who = writer();
        Validation.required("version_id", spec.versionId());
        Validation.required("environment", spec.environment());
        Validation.percentage("traffic_percentage", spec.trafficPercentage());
        if (spec.replicas() < 1) {
            throw new InvalidValueException("replicas", spec.replicas(), "must be at least 1");
        }
        return tx(ctx -> {
            requireReadCommitted(ctx, "deploy");
            EnvironmentsRecord env = environment(ctx, spec.environment());
            UUID modelId = ctx.select(MODEL_VERSIONS.MODEL_ID).from(MODEL_VERSIONS)
                    .where(MODEL_VERSIONS.VERSION_ID.eq(spec.versionId())).fetchOptional(MODEL_VERSIONS.MODEL_ID)
                    .orElseThrow(() -> new NotFoundException("model version", spec.versionId()));
            ModelsRecord model = lockModel(ctx, modelId);
            // read under the model lock: status and traffic are checked against what concurrent deploys committed;
            // FOR SHARE keeps the version's status from changing under the deploy until it commits
            ModelVersionsRecord version = ctx.selectFrom(MODEL_VERSIONS)
                    .where(MODEL_VERSIONS.VERSION_ID.eq(spec.versionId())).forShare().fetchOne();
            VersionStatus status = version.getStatus();
            if (status != VersionStatus.VALIDATED && status != VersionStatus.DEPLOYED) {
                throw new InvalidTransitionException("model version", version.getVersionId(), status, VersionStatus.DEPLOYED);
            }
            boolean production = env.getEnvironmentType() == EnvironmentType.PRODUCTION;
            if (production && Boolean.TRUE.equals(model.getComplianceRequired())) {
                Set<ApprovalType> missing = missingApprovals(ctx, version.getVersionId(), env.getEnvironmentName());
                if (!missing.isEmpty()) {
                    throw new ApprovalRequiredException(version.getVersionId(), env.getEnvironmentName(), missing);
                }
            }
            checkTraffic(ctx, model, env, null, spec.trafficPercentage());
            Deployments deployment = ctx.insertInto(DEPLOYMENTS)
                    .set(DEPLOYMENTS.VERSION_ID, version.getVersionId())
                    .set(DEPLOYMENTS.ENVIRONMENT_ID, env.getEnvironmentId())
                    .set(DEPLOYMENTS.REPLICAS, spec.replicas())
                    .set(DEPLOYMENTS.TRAFFIC_PERCENTAGE, spec.trafficPercentage())
                    .set(DEPLOYMENTS.ENDPOINT_URL, spec.endpointUrl())
                    .set(DEPLOYMENTS.DEPLOYED_BY, who)
                    .set(DEPLOYMENTS.DEPLOYED_AT, DSL.field("clock_timestamp()", OffsetDateTime.class))
                    .set(DEPLOYMENTS.STATUS, DeploymentStatus.ACTIVE)
                    .returning().fetchOneInto(Deployments.class);
            Audit.record(ctx, who, "deployment", deployment.deploymentId(), "deploy", null,
                    Audit.snapshot(ctx, DEPLOYMENTS, DEPLOYMENTS.DEPLOYMENT_ID, deployment.deploymentId()));
            if (status == VersionStatus.VALIDATED) {
                VersionLifecycle.transition(ctx, who, version.getVersionId(), VersionStatus.DEPLOYED,
                        "deployed to " + env.getEnvironmentName(), production);
            } else if (production && version.getPromotedToProductionAt() == null) {
                JSONB before = Audit.snapshot(ctx, MODEL_VERSIONS, MODEL_VERSIONS.VERSION_ID, version.getVersionId());
                ctx.update(MODEL_VERSIONS).set(MODEL_VERSIONS.PROMOTED_TO_PRODUCTION_AT, DSL.currentOffsetDateTime())
                        .where(MODEL_VERSIONS.VERSION_ID.eq(version.getVersionId())).execute();
                Audit.record(ctx, who, "version", version.getVersionId(), "promote", before,
                        Audit.snapshot(ctx, MODEL_VERSIONS, MODEL_VERSIONS.VERSION_ID, version.getVersionId()));
            }
            return deployment;
        });
    }

    /**
     * Changes the traffic share of an active deployment, with the same race-safe 100 % check as
     * {@link #deploy(NewDeployment)}; like it, refused in a transaction that is not {@code READ COMMITTED}.
     *
     * @param deploymentId the deployment
     * @param trafficPercentage the new share of the model's traffic in the environment, within [0, 100]
     * @return the deployment as stored, with its new traffic share
     * @throws UnsupportedIsolationLevelException when the transaction is not {@code read committed}
     * @throws TrafficLimitExceededException when the traffic would exceed 100 %
     * @throws InvalidTransitionException when the deployment is not active or degraded
     */
    public Deployments changeTraffic(UUID deploymentId, int trafficPercentage) {
        String who = writer();
        Validation.percentage("traffic_percentage", trafficPercentage);
        return tx(ctx -> {
            requireReadCommitted(ctx, "changeTraffic");
            Deployments current = deployment(ctx, deploymentId);
            UUID modelId = ctx.select(MODEL_VERSIONS.MODEL_ID).from(MODEL_VERSIONS)
                    .where(MODEL_VERSIONS.VERSION_ID.eq(current.versionId())).fetchOne(MODEL_VERSIONS.MODEL_ID);
            ModelsRecord model = lockModel(ctx, modelId);
            current = deployment(ctx, deploymentId); // re-read under the lock
            if (!SERVING.contains(current.status())) {
                throw new InvalidTransitionException("deployment", deploymentId, current.status(), "traffic " + trafficPercentage + " %");
            }
            EnvironmentsRecord env = ctx.selectFrom(ENVIRONMENTS)
                    .where(ENVIRONMENTS.ENVIRONMENT_ID.eq(current.environmentId())).fetchOne();
            checkTraffic(ctx, model, env, deploymentId, trafficPercentage);
            JSONB before = Audit.snapshot(ctx, DEPLOYMENTS, DEPLOYMENTS.DEPLOYMENT_ID, deploymentId);
            Deployments updated = ctx.update(DEPLOYMENTS).set(DEPLOYMENTS.TRAFFIC_PERCENTAGE, trafficPercentage)
                    .where(DEPLOYMENTS.DEPLOYMENT_ID.eq(deploymentId)).returning().fetchOneInto(Deployments.class);
            Audit.record(ctx, who, "deployment", deploymentId, "traffic", before,
                    Audit.snapshot(ctx, DEPLOYMENTS, DEPLOYMENTS.DEPLOYMENT_ID, deploymentId));
            return updated;
        });
    }

    /**
     * Takes a deployment out of service: status {@code inactive}, undeployed_at now, undeployed_by
     * the actor.
     *
     * @param deploymentId the deployment
     * @return the deployment as stored, status {@code inactive}
     * @throws InvalidTransitionException when it is already inactive or failed
     */
    public Deployments undeploy(UUID deploymentId) {
        String who = writer();
        return tx(ctx -> {
            JSONB before = Audit.snapshot(ctx, DEPLOYMENTS, DEPLOYMENTS.DEPLOYMENT_ID, deploymentId);
            Deployments updated = ctx.update(DEPLOYMENTS)
                    .set(DEPLOYMENTS.STATUS, DeploymentStatus.INACTIVE)
                    .set(DEPLOYMENTS.UNDEPLOYED_AT, DSL.currentOffsetDateTime())
                    .set(DEPLOYMENTS.UNDEPLOYED_BY, who)
                    .where(DEPLOYMENTS.DEPLOYMENT_ID.eq(deploymentId))
                    .and(DEPLOYMENTS.STATUS.in(SERVING))
                    .returning().fetchOptionalInto(Deployments.class).orElse(null);
            if (updated == null) {
                Deployments current = deployment(ctx, deploymentId);
                throw new InvalidTransitionException("deployment", deploymentId, current.status(), DeploymentStatus.INACTIVE);
            }
            Audit.record(ctx, who, "deployment", deploymentId, "undeploy", before,
                    Audit.snapshot(ctx, DEPLOYMENTS, DEPLOYMENTS.DEPLOYMENT_ID, deploymentId));
            return updated;
        });
    }

    /**
     * Records measured latency, availability and throughput of a deployment; null values stay as
     * they are.
     *
     * @param deploymentId the deployment
     * @param metrics the measured values; null ones leave their column unchanged
     * @return the deployment as stored, with the measured values
     * @throws InvalidValueException when availability is outside [0, 100], a value is negative or
     *     does not fit its column after rounding (latencies NUMERIC(8,2), throughput NUMERIC(10,2))
     */
    public Deployments recordMetrics(UUID deploymentId, DeploymentMetrics metrics) {
        String who = writer();
        Validation.range("actual_latency_p50_ms", metrics.latencyP50Ms(), BigDecimal.ZERO, null);
        Validation.range("actual_latency_p95_ms", metrics.latencyP95Ms(), BigDecimal.ZERO, null);
        Validation.range("actual_latency_p99_ms", metrics.latencyP99Ms(), BigDecimal.ZERO, null);
        Validation.range("actual_availability_percent", metrics.availabilityPercent(), BigDecimal.ZERO, BigDecimal.valueOf(100));
        Validation.range("actual_throughput_qps", metrics.throughputQps(), BigDecimal.ZERO, null);
        Validation.numeric("actual_latency_p50_ms", metrics.latencyP50Ms(), 8, 2);
        Validation.numeric("actual_latency_p95_ms", metrics.latencyP95Ms(), 8, 2);
        Validation.numeric("actual_latency_p99_ms", metrics.latencyP99Ms(), 8, 2);
        Validation.numeric("actual_availability_percent", metrics.availabilityPercent(), 5, 2);
        Validation.numeric("actual_throughput_qps", metrics.throughputQps(), 10, 2);
        return tx(ctx -> {
            JSONB before = Audit.snapshot(ctx, DEPLOYMENTS, DEPLOYMENTS.DEPLOYMENT_ID, deploymentId);
            if (before == null) {
                throw new NotFoundException("deployment", deploymentId);
            }
            Deployments updated = ctx.update(DEPLOYMENTS)
                    .set(DEPLOYMENTS.ACTUAL_LATENCY_P50_MS, DSL.coalesce(DSL.val(metrics.latencyP50Ms()), DEPLOYMENTS.ACTUAL_LATENCY_P50_MS))
                    .set(DEPLOYMENTS.ACTUAL_LATENCY_P95_MS, DSL.coalesce(DSL.val(metrics.latencyP95Ms()), DEPLOYMENTS.ACTUAL_LATENCY_P95_MS))
                    .set(DEPLOYMENTS.ACTUAL_LATENCY_P99_MS, DSL.coalesce(DSL.val(metrics.latencyP99Ms()), DEPLOYMENTS.ACTUAL_LATENCY_P99_MS))
                    .set(DEPLOYMENTS.ACTUAL_AVAILABILITY_PERCENT,
                            DSL.coalesce(DSL.val(metrics.availabilityPercent()), DEPLOYMENTS.ACTUAL_AVAILABILITY_PERCENT))
                    .set(DEPLOYMENTS.ACTUAL_THROUGHPUT_QPS, DSL.coalesce(DSL.val(metrics.throughputQps()), DEPLOYMENTS.ACTUAL_THROUGHPUT_QPS))
                    .where(DEPLOYMENTS.DEPLOYMENT_ID.eq(deploymentId))
                    .returning().fetchOneInto(Deployments.class);
            Audit.record(ctx, who, "deployment", deploymentId, "metrics", before,
                    Audit.snapshot(ctx, DEPLOYMENTS, DEPLOYMENTS.DEPLOYMENT_ID, deploymentId));
            return updated;
        });
    }

    /**
     * Active and degraded deployments of a model in an environment, newest first.
     *
     * @param modelId the model
     * @param environment the environment's name
     * @return the deployments that serve traffic; empty when there are none
     */
    public List<Deployments> activeDeployments(UUID modelId, String environment) {
        return tx(ctx -> ctx.select(DEPLOYMENTS.fields()).from(DEPLOYMENTS)
                .join(MODEL_VERSIONS).on(MODEL_VERSIONS.VERSION_ID.eq(DEPLOYMENTS.VERSION_ID))
                .join(ENVIRONMENTS).on(ENVIRONMENTS.ENVIRONMENT_ID.eq(DEPLOYMENTS.ENVIRONMENT_ID))
                .where(MODEL_VERSIONS.MODEL_ID.eq(modelId))
                .and(ENVIRONMENTS.ENVIRONMENT_NAME.eq(environment))
                .and(DEPLOYMENTS.STATUS.in(SERVING))
                .orderBy(DEPLOYMENTS.DEPLOYED_AT.desc())
                .fetchInto(Deployments.class));
    }

    /**
     * Rows of {@code registry.vw_production_deployments} (active production deployments).
     *
     * @return every row of the view, in no particular order
     */
    public List<VwProductionDeployments> productionDeployments() {
        return tx(ctx -> ctx.selectFrom(VW_PRODUCTION_DEPLOYMENTS).fetchInto(VwProductionDeployments.class));
    }

    /**
     * Rows of {@code registry.vw_production_deployments} for one model.
     *
     * @param modelName the model's name
     * @return the view's rows of that model; empty when it has no active production deployment
     */
    public List<VwProductionDeployments> productionDeployments(String modelName) {
        return tx(ctx -> ctx.selectFrom(VW_PRODUCTION_DEPLOYMENTS)
                .where(VW_PRODUCTION_DEPLOYMENTS.MODEL_NAME.eq(modelName))
                .fetchInto(VwProductionDeployments.class));
    }

    /**
     * Rows of {@code registry.vw_latest_model_versions} (latest non-archived version per model by
     * registration), by model name.
     *
     * @return one row per model that has a non-archived version, ordered by model name
     */
    public List<VwLatestModelVersions> latestVersions() {
        return tx(ctx -> ctx.selectFrom(VW_LATEST_MODEL_VERSIONS).orderBy(VW_LATEST_MODEL_VERSIONS.MODEL_NAME)
                .fetchInto(VwLatestModelVersions.class));
    }

    private static EnvironmentsRecord environment(DSLContext ctx, String name) {
        return ctx.selectFrom(ENVIRONMENTS).where(ENVIRONMENTS.ENVIRONMENT_NAME.eq(name)).fetchOptional()
                .orElseThrow(() -> new NotFoundException("environment", name));
    }

    private static Deployments deployment(DSLContext ctx, UUID deploymentId) {
        return ctx.selectFrom(DEPLOYMENTS).where(DEPLOYMENTS.DEPLOYMENT_ID.eq(deploymentId))
                .fetchOptionalInto(Deployments.class)
                .orElseThrow(() -> new NotFoundException("deployment", deploymentId));
    }

    /**
     * Refuses to go on unless the transaction is READ COMMITTED: the lock-then-sum traffic check
     * relies on each statement seeing what was committed before it, not the transaction's snapshot.
     */
    private static void requireReadCommitted(DSLContext ctx, String operation) {
        String level = ctx.fetchValue(DSL.field("current_setting('transaction_isolation')", String.class));
        if (!"read committed".equals(level)) {
            throw new UnsupportedIsolationLevelException(operation, level, "read committed");
        }
    }

    /** Locks the model row against concurrent deploys and traffic changes (not against new versions). */
    static ModelsRecord lockModel(DSLContext ctx, UUID modelId) {
        return ctx.selectFrom(MODELS).where(MODELS.MODEL_ID.eq(modelId)).forNoKeyUpdate().fetchOptional()
                .orElseThrow(() -> new NotFoundException("model", modelId));
    }

    private static void checkTraffic(DSLContext ctx, ModelsRecord model, EnvironmentsRecord env, UUID except, int requested) {
        Condition others = except == null ? DSL.noCondition() : DEPLOYMENTS.DEPLOYMENT_ID.ne(except);
        int allocated = ctx.select(DSL.coalesce(DSL.sum(DEPLOYMENTS.TRAFFIC_PERCENTAGE), BigDecimal.ZERO))
                .from(DEPLOYMENTS).join(MODEL_VERSIONS).on(MODEL_VERSIONS.VERSION_ID.eq(DEPLOYMENTS.VERSION_ID))
                .where(MODEL_VERSIONS.MODEL_ID.eq(model.getModelId()))
                .and(DEPLOYMENTS.ENVIRONMENT_ID.eq(env.getEnvironmentId()))
                .and(DEPLOYMENTS.STATUS.in(SERVING))
                .and(others)
                .fetchOne(0, BigDecimal.class).intValue();
        if (allocated + requested > 100) {
            throw new TrafficLimitExceededException(model.getModelName(), env.getEnvironmentName(), allocated, requested);
        }
    }

    // ------------------------------------------------------------------ approvals

    /**
     * Requests an approval of a version (status {@code pending}), requested by the actor.
     *
     * @param versionId the version to approve
     * @param type what kind of approval is requested
     * @param requiredForEnv environment name or type the approval is for, e.g. {@code production};
     *     null for any
     * @param notes free text stored as approval_notes, or null
     * @return the approval as stored, status {@code pending}
     * @throws NotFoundException when the version does not exist
     */
    public Approvals requestApproval(UUID versionId, ApprovalType type, String requiredForEnv, String notes) {
        String who = writer();
        Validation.required("version_id", versionId);
        Validation.required("approval_type", type);
        return tx(ctx -> {
            if (!ctx.fetchExists(MODEL_VERSIONS, MODEL_VERSIONS.VERSION_ID.eq(versionId))) {
                throw new NotFoundException("model version", versionId);
            }
            Approvals approval = ctx.insertInto(APPROVALS)
                    .set(APPROVALS.VERSION_ID, versionId)
                    .set(APPROVALS.APPROVAL_TYPE, type)
                    .set(APPROVALS.REQUIRED_FOR_ENV, requiredForEnv)
                    .set(APPROVALS.STATUS, ApprovalStatus.PENDING)
                    .set(APPROVALS.REQUESTED_BY, who)
                    .set(APPROVALS.APPROVAL_NOTES, notes)
                    .returning().fetchOneInto(Approvals.class);
            Audit.record(ctx, who, "approval", approval.approvalId(), "request", null,
                    Audit.snapshot(ctx, APPROVALS, APPROVALS.APPROVAL_ID, approval.approvalId()));
            return approval;
        });
    }

    /**
     * Approves a pending approval in the actor's name, valid until expiresAt (null: no expiry).
     *
     * @param approvalId the approval
     * @param expiresAt until when the approval holds, or null for no expiry
     * @param notes notes that replace the approval's notes, or null to keep them
     * @return the approval as stored, status {@code approved}
     * @throws InvalidTransitionException when it is not pending
     */
    public Approvals approve(UUID approvalId, OffsetDateTime expiresAt, String notes) {
        String who = writer();
        return decide(who, approvalId, ApprovalStatus.APPROVED, Set.of(ApprovalStatus.PENDING), ctx -> ctx.update(APPROVALS)
                .set(APPROVALS.STATUS, ApprovalStatus.APPROVED)
                .set(APPROVALS.APPROVED_BY, who)
                .set(APPROVALS.APPROVED_AT, DSL.currentOffsetDateTime())
                .set(APPROVALS.EXPIRES_AT, expiresAt)
                .set(APPROVALS.APPROVAL_NOTES, DSL.coalesce(DSL.val(notes), APPROVALS.APPROVAL_NOTES)));
    }

    /**
     * Rejects a pending approval in the actor's name with a reason.
     *
     * @param approvalId the approval
     * @param reason why, stored as rejection_reason; not blank
     * @return the approval as stored, status {@code rejected}
     * @throws InvalidTransitionException when it is not pending
     */
    public Approvals reject(UUID approvalId, String reason) {
        String who = writer();
        Validation.required("rejection_reason", reason);
        return decide(who, approvalId, ApprovalStatus.REJECTED, Set.of(ApprovalStatus.PENDING), ctx -> ctx.update(APPROVALS)
                .set(APPROVALS.STATUS, ApprovalStatus.REJECTED)
                .set(APPROVALS.REJECTED_BY, who)
                .set(APPROVALS.REJECTED_AT, DSL.currentOffsetDateTime())
                .set(APPROVALS.REJECTION_REASON, reason));
    }

    /**
     * Expires a pending or approved approval now: it no longer satisfies the gate.
     *
     * @param approvalId the approval
     * @return the approval as stored, status {@code expired}, expires_at at the latest now
     * @throws InvalidTransitionException when it is rejected or already expired
     */
    public Approvals expire(UUID approvalId) {
        String who = writer();
        return decide(who, approvalId, ApprovalStatus.EXPIRED, Set.of(ApprovalStatus.PENDING, ApprovalStatus.APPROVED),
                ctx -> ctx.update(APPROVALS)
                        .set(APPROVALS.STATUS, ApprovalStatus.EXPIRED)
                        .set(APPROVALS.EXPIRES_AT, DSL.least(DSL.coalesce(APPROVALS.EXPIRES_AT, DSL.currentOffsetDateTime()),
                                DSL.currentOffsetDateTime())));
    }

    /**
     * Marks every approved approval whose expires_at has passed as expired; returns how many.
     *
     * @return the number of approvals expired, each with an audit row
     */
    public int expireOverdueApprovals() {
        String who = writer();
        return tx(ctx -> {
            List<UUID> ids = ctx.select(APPROVALS.APPROVAL_ID).from(APPROVALS)
                    .where(APPROVALS.STATUS.eq(ApprovalStatus.APPROVED))
                    .and(APPROVALS.EXPIRES_AT.le(DSL.currentOffsetDateTime()))
                    .forUpdate().fetch(APPROVALS.APPROVAL_ID);
            for (UUID id : ids) {
                JSONB before = Audit.snapshot(ctx, APPROVALS, APPROVALS.APPROVAL_ID, id);
                ctx.update(APPROVALS).set(APPROVALS.STATUS, ApprovalStatus.EXPIRED).where(APPROVALS.APPROVAL_ID.eq(id)).execute();
                Audit.record(ctx, who, "approval", id, "expire", before, Audit.snapshot(ctx, APPROVALS, APPROVALS.APPROVAL_ID, id));
            }
            return ids.size();
        });
    }

    private Approvals decide(String who, UUID approvalId, ApprovalStatus target, Set<ApprovalStatus> from,
            Function<DSLContext, org.jooq.UpdateSetMoreStep<org.mlregistry.schema.jooq.registry.tables.records.ApprovalsRecord>> update) {
        return tx(ctx -> {
            JSONB before = Audit.snapshot(ctx, APPROVALS, APPROVALS.APPROVAL_ID, approvalId);
            Approvals updated = update.apply(ctx)
                    .where(APPROVALS.APPROVAL_ID.eq(approvalId))
                    .and(APPROVALS.STATUS.in(from))
                    .returning().fetchOptionalInto(Approvals.class).orElse(null);
            if (updated == null) {
                ApprovalStatus current = ctx.select(APPROVALS.STATUS).from(APPROVALS).where(APPROVALS.APPROVAL_ID.eq(approvalId))
                        .fetchOptional(APPROVALS.STATUS).orElseThrow(() -> new NotFoundException("approval", approvalId));
                throw new InvalidTransitionException("approval", approvalId, current, target);
            }
            Audit.record(ctx, who, "approval", approvalId, target.getLiteral(), before,
                    Audit.snapshot(ctx, APPROVALS, APPROVALS.APPROVAL_ID, approvalId));
            return updated;
        });
    }

    /**
     * Every approval of a version, oldest request first.
     *
     * @param versionId the version
     * @return its approvals in every status; empty when it has none
     */
    public List<Approvals> approvals(UUID versionId) {
        return tx(ctx -> ctx.selectFrom(APPROVALS).where(APPROVALS.VERSION_ID.eq(versionId))
                .orderBy(APPROVALS.REQUESTED_AT, APPROVALS.APPROVAL_ID).fetchInto(Approvals.class));
    }

    /**
     * The approval types the gate requires for deploying the version to the named production
     * environment: {@code compliance}, plus every type that was requested for the version for
     * {@code production} or that environment (a request, whatever its outcome, is a requirement).
     *
     * @param versionId the version
     * @param environment the production environment's name
     * @return the required types, always including {@code compliance}
     */
    public Set<ApprovalType> requiredApprovals(UUID versionId, String environment) {
        return tx(ctx -> required(ctx, versionId, environment));
    }

    /**
     * The required approval types that lack an approved, unexpired approval; empty when the gate is open.
     *
     * @param versionId the version
     * @param environment the production environment's name
     * @return the missing types, a subset of {@link #requiredApprovals(UUID, String)}
     */
    public Set<ApprovalType> missingApprovals(UUID versionId, String environment) {
        return tx(ctx -> missingApprovals(ctx, versionId, environment));
    }

    private static Condition forEnvironment(String environment) {
        return APPROVALS.REQUIRED_FOR_ENV.isNull().or(APPROVALS.REQUIRED_FOR_ENV.in("production", environment));
    }

    private static Set<ApprovalType> required(DSLContext ctx, UUID versionId, String environment) {
        Set<ApprovalType> required = EnumSet.of(ApprovalType.COMPLIANCE);
        required.addAll(ctx.selectDistinct(APPROVALS.APPROVAL_TYPE).from(APPROVALS)
                .where(APPROVALS.VERSION_ID.eq(versionId))
                .and(APPROVALS.REQUIRED_FOR_ENV.in("production", environment))
                .fetch(APPROVALS.APPROVAL_TYPE));
        return required;
    }

    private static Set<ApprovalType> missingApprovals(DSLContext ctx, UUID versionId, String environment) {
        Set<ApprovalType> missing = required(ctx, versionId, environment);
        // FOR SHARE: an approval that opens the gate cannot be expired or changed until the deploy commits.
        missing.removeAll(ctx.select(APPROVALS.APPROVAL_TYPE).from(APPROVALS)
                .where(APPROVALS.VERSION_ID.eq(versionId))
                .and(APPROVALS.STATUS.eq(ApprovalStatus.APPROVED))
                .and(APPROVALS.EXPIRES_AT.isNull().or(APPROVALS.EXPIRES_AT.gt(DSL.currentOffsetDateTime())))
                .and(forEnvironment(environment))
                .forShare()
                .fetch(APPROVALS.APPROVAL_TYPE));
        return missing;
    }

    // ------------------------------------------------------------------ tags

    /**
     * Tags a model (the tag is created when new); tagging twice is a no-op.
     *
     * @param modelId the model
     * @param tag the category and value to tag it with
     * @throws NotFoundException when the model does not exist
     */
    public void tagModel(UUID modelId, TagRef tag) {
        String who = writer();
        tx(ctx -> {
            if (!ctx.fetchExists(MODELS, MODELS.MODEL_ID.eq(modelId))) {
                throw new NotFoundException("model", modelId);
            }
            UUID tagId = tagId(ctx, tag);
            int added = ctx.insertInto(MODEL_TAGS).set(MODEL_TAGS.MODEL_ID, modelId).set(MODEL_TAGS.TAG_ID, tagId)
                    .set(MODEL_TAGS.TAGGED_BY, who).onConflictDoNothing().execute();
            if (added > 0) {
                Audit.record(ctx, who, "model", modelId, "tag", null, tagJson(tag));
            }
            return null;
        });
    }

    /**
     * Removes a tag from a model; returns whether it had it.
     *
     * @param modelId the model
     * @param tag the category and value to remove
     * @return true when the model had the tag (an audit row is written then), false otherwise
     */
    public boolean untagModel(UUID modelId, TagRef tag) {
        String who = writer();
        return tx(ctx -> {
            int removed = ctx.deleteFrom(MODEL_TAGS).where(MODEL_TAGS.MODEL_ID.eq(modelId))
                    .and(MODEL_TAGS.TAG_ID.in(select(TAGS.TAG_ID).from(TAGS).where(tagIs(tag)))).execute();
            if (removed > 0) {
                Audit.record(ctx, who, "model", modelId, "untag", tagJson(tag), null);
            }
            return removed > 0;
        });
    }

    /**
     * Tags a dataset (the tag is created when new); tagging twice is a no-op.
     *
     * @param datasetId the dataset
     * @param tag the category and value to tag it with
     * @throws NotFoundException when the dataset does not exist
     */
    public void tagDataset(UUID datasetId, TagRef tag) {
        String who = writer();
        tx(ctx -> {
            if (!ctx.fetchExists(DATASETS, DATASETS.DATASET_ID.eq(datasetId))) {
                throw new NotFoundException("dataset", datasetId);
            }
            UUID tagId = tagId(ctx, tag);
            int added = ctx.insertInto(DATASET_TAGS).set(DATASET_TAGS.DATASET_ID, datasetId).set(DATASET_TAGS.TAG_ID, tagId)
                    .set(DATASET_TAGS.TAGGED_BY, who).onConflictDoNothing().execute();
            if (added > 0) {
                Audit.record(ctx, who, "dataset", datasetId, "tag", null, tagJson(tag));
            }
            return null;
        });
    }

    /**
     * The tags of a model, by category and value.
     *
     * @param modelId the model
     * @return its tags, ordered by category, then value
     */
    public List<TagRef> modelTags(UUID modelId) {
        return tx(ctx -> ctx.select(TAGS.TAG_CATEGORY, TAGS.TAG_VALUE).from(MODEL_TAGS).join(TAGS).on(TAGS.TAG_ID.eq(MODEL_TAGS.TAG_ID))
                .where(MODEL_TAGS.MODEL_ID.eq(modelId)).orderBy(TAGS.TAG_CATEGORY, TAGS.TAG_VALUE)
                .fetch(r -> new TagRef(r.value1(), r.value2())));
    }

    /**
     * The tags of a dataset, by category and value.
     *
     * @param datasetId the dataset
     * @return its tags, ordered by category, then value
     */
    public List<TagRef> datasetTags(UUID datasetId) {
        return tx(ctx -> ctx.select(TAGS.TAG_CATEGORY, TAGS.TAG_VALUE).from(DATASET_TAGS).join(TAGS).on(TAGS.TAG_ID.eq(DATASET_TAGS.TAG_ID))
                .where(DATASET_TAGS.DATASET_ID.eq(datasetId)).orderBy(TAGS.TAG_CATEGORY, TAGS.TAG_VALUE)
                .fetch(r -> new TagRef(r.value1(), r.value2())));
    }

    /**
     * Models that carry every one of the tags, by name; all models for an empty set.
     *
     * @param tags the tags each model must carry; duplicates count once
     * @return the matching models, ordered by name
     */
    public List<Models> findModelsByTags(Collection<TagRef> tags) {
        Set<TagRef> wanted = Set.copyOf(tags);
        if (wanted.isEmpty()) {
            return tx(ctx -> ctx.selectFrom(MODELS).orderBy(MODELS.MODEL_NAME).fetchInto(Models.class));
        }
        Condition anyOf = DSL.or(wanted.stream().map(ModelRegistry::tagIs).toList());
        return tx(ctx -> ctx.selectFrom(MODELS)
                .where(MODELS.MODEL_ID.in(select(MODEL_TAGS.MODEL_ID).from(MODEL_TAGS)
                        .join(TAGS).on(TAGS.TAG_ID.eq(MODEL_TAGS.TAG_ID))
                        .where(anyOf)
                        .groupBy(MODEL_TAGS.MODEL_ID)
                        .having(DSL.countDistinct(MODEL_TAGS.TAG_ID).eq(wanted.size()))))
                .orderBy(MODELS.MODEL_NAME).fetchInto(Models.class));
    }

    private static Condition tagIs(TagRef tag) {
        return TAGS.TAG_CATEGORY.eq(tag.category()).and(TAGS.TAG_VALUE.eq(tag.value()));
    }

    private static JSONB tagJson(TagRef tag) {
        return JSONB.jsonb("{\"tag_category\":\"" + tag.category().getLiteral() + "\",\"tag_value\":"
                + JsonText.quote(tag.value()) + "}");
    }

    private static UUID tagId(DSLContext ctx, TagRef tag) {
        Validation.required("tag_category", tag.category());
        Validation.required("tag_value", tag.value());
        ctx.insertInto(TAGS).set(TAGS.TAG_CATEGORY, tag.category()).set(TAGS.TAG_VALUE, tag.value())
                .onConflict(TAGS.TAG_CATEGORY, TAGS.TAG_VALUE).doNothing().execute();
        return ctx.select(TAGS.TAG_ID).from(TAGS).where(tagIs(tag)).fetchOne(TAGS.TAG_ID);
    }

    // ------------------------------------------------------------------ audit

    /**
     * One entry of the audit trail.
     *
     * @param entityType team, model, version, dataset, training_run, deployment or approval
     * @param entityId the entity's id
     * @param action what happened, e.g. {@code create}, {@code status:validated}, {@code deploy}
     * @param actor who did it
     * @param occurredAt when
     * @param before the row before (JSON), or null
     * @param after the row after (JSON), or null
     */
    public record AuditEntry(String entityType, UUID entityId, String action, String actor, OffsetDateTime occurredAt,
            String before, String after) {
    }

    /**
     * The audit trail of one entity, oldest first.
     *
     * @param entityId the id of the team, model, version, dataset, run, deployment or approval
     * @return its audit entries in the order they were written; empty when there are none
     */
    public List<AuditEntry> auditTrail(UUID entityId) {
        var a = org.mlregistry.schema.jooq.registry.Tables.AUDIT_LOG;
        return tx(ctx -> ctx.selectFrom(a).where(a.ENTITY_ID.eq(entityId)).orderBy(a.AUDIT_ID)
                .fetch(r -> new AuditEntry(r.getEntityType(), r.getEntityId(), r.getAction(), r.getActor(), r.getOccurredAt(),
                        r.getBeforeState() == null ? null : r.getBeforeState().data(),
                        r.getAfterState() == null ? null : r.getAfterState().data())));
    }
}
