package org.mlregistry.core.models;

import static org.mlregistry.schema.jooq.registry.Tables.MODEL_VERSIONS;
import static org.mlregistry.schema.jooq.registry.Tables.VW_LATEST_MODEL_VERSIONS;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.SortField;
import org.jooq.impl.DSL;
import org.mlregistry.core.error.InvalidTransitionException;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.core.error.VersionServingException;
import org.mlregistry.core.internal.AuditWriter;
import org.mlregistry.core.internal.Validator;
import org.mlregistry.schema.types.AuditEntityType;
import org.mlregistry.schema.types.VersionStatus;

/**
 * Semantic versions of models and their lifecycle ({@link VersionLifecycle}). Obtain it from
 * {@link ModelRegistry#versions()}.
 */
public final class Versions {

    private final Scope scope;

    Versions(Scope scope) {
        this.scope = scope;
    }

    /**
     * Registers a version in status {@code registered}, stamped with the actor. The semantic version
     * is checked before the round trip with the rule of the database's valid_semver CHECK.
     *
     * @param spec the version to register
     * @return the version as stored, status {@code registered}, with its generated id
     * @throws InvalidValueException when semver is not a semantic version or a value is missing
     * @throws org.mlregistry.core.error.ConstraintViolationException when the model already has it
     */
    public ModelVersion register(NewVersion spec) {
        Validator.required("spec", spec);
        AuditWriter audit = scope.audit();
        Validator.required("model_id", spec.modelId());
        Validator.semver(spec.semver());
        Validator.required("artifact_uri", spec.artifactUri());
        Validator.required("framework", spec.framework());
        return scope.write(ctx -> audit.audited(ctx, AuditEntityType.VERSION, "register", MODEL_VERSIONS.VERSION_ID, null,
                ctx.insertInto(MODEL_VERSIONS)
                        .set(MODEL_VERSIONS.MODEL_ID, spec.modelId())
                        .set(MODEL_VERSIONS.SEMVER, spec.semver())
                        .set(MODEL_VERSIONS.ARTIFACT_URI, spec.artifactUri())
                        .set(MODEL_VERSIONS.FRAMEWORK, spec.framework())
                        .set(MODEL_VERSIONS.DESCRIPTION, spec.description())
                        .set(MODEL_VERSIONS.REGISTERED_BY, scope.actor())
                        .set(MODEL_VERSIONS.STATUS, VersionStatus.REGISTERED)
                        .set(MODEL_VERSIONS.STATUS_CHANGED_AT, DSL.currentOffsetDateTime())
                        .set(MODEL_VERSIONS.STATUS_REASON, "registered")
                        .returning())
                .fetchSingle(Rows.VERSION));
    }

    /**
     * Registers a version from a succeeded tracking run ({@code tracking.training_runs}), in one
     * transaction: the registry model and dataset of the run's names (found, or created as the lab 01 →
     * lab 02 migration creates them), the version (status {@code registered}, framework mapped from the
     * run's, {@link org.mlregistry.core.tracking.RunFrameworks names beyond lab 01's six} included), and
     * the run as the version's training run under the same run_id with its dataset in role training, so
     * the lineage shows the run once. Every creation is audited in the actor's name.
     *
     * @param runId the tracking run that trained the version
     * @param semver the version, e.g. {@code 1.0.0}
     * @param artifactUri where the artifact is stored
     * @return the version as stored
     * @throws NotFoundException when there is no such tracking run
     * @throws InvalidValueException when semver is not a semantic version, the run has not succeeded,
     *     its model or dataset name breaks the registry's rule, its framework has no lab 02 counterpart
     *     ({@code mxnet}), or it already is the training run of a version
     * @throws org.mlregistry.core.error.ConstraintViolationException when the model already has the version
     */
    public ModelVersion registerFromRun(UUID runId, String semver, String artifactUri) {
        AuditWriter audit = scope.audit();
        Validator.required("run_id", runId);
        Validator.semver(semver);
        Validator.required("artifact_uri", artifactUri);
        return scope.tx(ctx -> VersionFromRun.register(ctx, scope, audit, runId, semver, artifactUri));
    }

    /**
     * Every version of a model, highest semantic version first (1.10.0 above 1.9.0).
     *
     * @param modelId the model
     * @return its versions, archived ones included; empty when it has none or does not exist
     */
    public List<ModelVersion> of(UUID modelId) {
        return scope.read(ctx -> ctx.selectFrom(MODEL_VERSIONS).where(MODEL_VERSIONS.MODEL_ID.eq(modelId))
                .orderBy(semverDesc()).fetch(Rows.VERSION));
    }

    /**
     * The version with this id.
     *
     * @param versionId the version's id
     * @return the version as stored
     * @throws NotFoundException when there is none
     */
    public ModelVersion get(UUID versionId) {
        return scope.read(ctx -> ctx.selectFrom(MODEL_VERSIONS).where(MODEL_VERSIONS.VERSION_ID.eq(versionId))
                .fetchOptional(Rows.VERSION)
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
    public Optional<ModelVersion> latest(UUID modelId, VersionOrder order) {
        List<SortField<?>> sort = new ArrayList<>();
        if (order == VersionOrder.REGISTRATION) {
            sort.add(MODEL_VERSIONS.REGISTERED_AT.desc());
        }
        sort.addAll(semverDesc());
        return scope.read(ctx -> ctx.selectFrom(MODEL_VERSIONS)
                .where(MODEL_VERSIONS.MODEL_ID.eq(modelId))
                .and(MODEL_VERSIONS.STATUS.ne(VersionStatus.ARCHIVED))
                .orderBy(sort).limit(1).fetchOptional(Rows.VERSION));
    }

    /**
     * The latest non-archived version of every model by registration ({@code vw_latest_model_versions}).
     *
     * @return one row per model that has a non-archived version, ordered by model name
     */
    public List<LatestVersion> latestPerModel() {
        return scope.read(ctx -> ctx.selectFrom(VW_LATEST_MODEL_VERSIONS).orderBy(VW_LATEST_MODEL_VERSIONS.MODEL_NAME)
                .fetch(Rows.LATEST_VERSION));
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
     * @throws InvalidTransitionException when the current status does not allow target, or target is
     *     {@code deployed}: that status follows serving and only a deployment that starts serving sets it
     * @throws VersionServingException when target is {@code archived} and deployments of the version serve
     * @throws NotFoundException when the version does not exist
     */
    public ModelVersion transition(UUID versionId, VersionStatus target, String reason) {
        AuditWriter audit = scope.audit();
        Validator.required("target", target);
        return scope.tx(ctx -> VersionLifecycle.byHand(ctx, audit, versionId, target, reason));
    }

    /**
     * {@code registered → validated}.
     *
     * @param versionId the version
     * @param reason why, stored as status_reason; may be null
     * @return the version as stored, status {@code validated}
     * @see #transition(UUID, VersionStatus, String)
     */
    public ModelVersion validate(UUID versionId, String reason) {
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
    public ModelVersion deprecate(UUID versionId, String reason) {
        Validator.required("deprecation_reason", reason);
        return transition(versionId, VersionStatus.DEPRECATED, reason);
    }

    /**
     * {@code deprecated → archived}, refused while deployments of the version are active or
     * degraded. Takes the model's lock first, like {@link Deployments#deploy(NewDeployment)}, so a
     * concurrent deploy cannot slip in between the check and the archive.
     *
     * @param versionId the version
     * @param reason why, stored as status_reason; may be null
     * @return the version as stored, status {@code archived}
     * @throws VersionServingException when deployments of the version still serve traffic
     */
    public ModelVersion archive(UUID versionId, String reason) {
        return transition(versionId, VersionStatus.ARCHIVED, reason);
    }

    /** Semantic-version order, highest first (numeric MAJOR.MINOR.PATCH, release above pre-release). */
    static List<SortField<?>> semverDesc() {
        return List.of(MODEL_VERSIONS.SEMVER_MAJOR.desc(), MODEL_VERSIONS.SEMVER_MINOR.desc(),
                MODEL_VERSIONS.SEMVER_PATCH.desc(), MODEL_VERSIONS.SEMVER_IS_RELEASE.desc(),
                MODEL_VERSIONS.SEMVER_PRERELEASE.desc(), MODEL_VERSIONS.SEMVER.desc());
    }
}
