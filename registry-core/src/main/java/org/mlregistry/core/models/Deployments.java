package org.mlregistry.core.models;

import static org.mlregistry.schema.jooq.registry.Tables.DEPLOYMENTS;
import static org.mlregistry.schema.jooq.registry.Tables.ENVIRONMENTS;
import static org.mlregistry.schema.jooq.registry.Tables.MODELS;
import static org.mlregistry.schema.jooq.registry.Tables.MODEL_VERSIONS;
import static org.mlregistry.schema.jooq.registry.Tables.VW_PRODUCTION_DEPLOYMENTS;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.Select;
import org.jooq.impl.DSL;
import org.mlregistry.core.error.ApprovalRequiredException;
import org.mlregistry.core.error.InvalidTransitionException;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.core.error.TrafficLimitExceededException;
import org.mlregistry.core.error.UnsupportedIsolationLevelException;
import org.mlregistry.core.internal.AuditWriter;
import org.mlregistry.core.internal.Validator;
import org.mlregistry.schema.jooq.registry.tables.records.EnvironmentsRecord;
import org.mlregistry.schema.jooq.registry.tables.records.ModelVersionsRecord;
import org.mlregistry.schema.jooq.registry.tables.records.ModelsRecord;
import org.mlregistry.schema.types.ApprovalType;
import org.mlregistry.schema.types.AuditEntityType;
import org.mlregistry.schema.types.DeploymentStatus;
import org.mlregistry.schema.types.EnvironmentType;
import org.mlregistry.schema.types.VersionStatus;

/**
 * Deployments of versions to environments, with a 100 % traffic cap per model and environment and
 * the approval gate for production. Obtain it from {@link ModelRegistry#deployments()}.
 *
 * <p>Deploys and traffic changes of one model serialize on the model's row
 * ({@code SELECT … FOR NO KEY UPDATE}); the traffic check that follows is race-free only under
 * {@code READ COMMITTED} (PostgreSQL's default), since after waiting for the lock it must see what
 * the previous holder committed. Both are therefore refused inside a caller's transaction at
 * another isolation level.
 */
public final class Deployments {

    /** Deployment statuses that receive traffic. */
    static final Set<DeploymentStatus> SERVING = EnumSet.of(DeploymentStatus.ACTIVE, DeploymentStatus.DEGRADED);

    private final Scope scope;

    Deployments(Scope scope) {
        this.scope = scope;
    }

    /**
     * Deploys a version to an environment, in one transaction with the model's row locked: the
     * version must be {@code validated} or {@code deployed} (a validated one becomes deployed); for
     * a {@code production} environment and a model with compliance_required, the version needs
     * approved, unexpired approvals (see {@link ApprovalGate#required(UUID, String)}); and the model's
     * serving deployments in the environment must keep their traffic within 100 % together.
     *
     * @param spec the version, environment, replicas, traffic share and endpoint
     * @return the deployment as stored, status {@code active}
     * @throws UnsupportedIsolationLevelException when the transaction is not {@code read committed}
     * @throws ApprovalRequiredException when approvals are missing
     * @throws TrafficLimitExceededException when the traffic would exceed 100 %
     * @throws InvalidTransitionException when the version is not validated or deployed
     * @throws NotFoundException when the version or environment does not exist
     * @throws InvalidValueException when spec or one of its required values is missing
     */
    public Deployment deploy(NewDeployment spec) {
        Validator.required("spec", spec);
        AuditWriter audit = scope.audit();
        Validator.required("version_id", spec.versionId());
        Validator.required("environment", spec.environment());
        Validator.percentage("traffic_percentage", spec.trafficPercentage());
        if (spec.replicas() < 1) {
            throw new InvalidValueException("replicas", spec.replicas(), "must be at least 1");
        }
        return scope.tx(ctx -> {
            requireReadCommitted(ctx, "deploy");
            EnvironmentsRecord env = environment(ctx, spec.environment());
            ModelsRecord model = lockModelOfVersion(ctx, spec.versionId());
            // read under the model lock: status and traffic are checked against what concurrent deploys committed;
            // FOR SHARE keeps the version's status from changing under the deploy until it commits
            ModelVersionsRecord version = ctx.selectFrom(MODEL_VERSIONS)
                    .where(MODEL_VERSIONS.VERSION_ID.eq(spec.versionId())).forShare().fetchSingle();
            VersionStatus status = version.getStatus();
            if (status != VersionStatus.VALIDATED && status != VersionStatus.DEPLOYED) {
                throw new InvalidTransitionException("model version", version.getVersionId(), status, VersionStatus.DEPLOYED);
            }
            requireApprovals(ctx, model, env, version.getVersionId());
            checkTraffic(ctx, model, env, null, spec.trafficPercentage());
            Deployment deployment = audit.audited(ctx, AuditEntityType.DEPLOYMENT, "deploy", DEPLOYMENTS.DEPLOYMENT_ID, null,
                    ctx.insertInto(DEPLOYMENTS)
                            .set(DEPLOYMENTS.VERSION_ID, version.getVersionId())
                            .set(DEPLOYMENTS.ENVIRONMENT_ID, env.getEnvironmentId())
                            .set(DEPLOYMENTS.REPLICAS, spec.replicas())
                            .set(DEPLOYMENTS.TRAFFIC_PERCENTAGE, spec.trafficPercentage())
                            .set(DEPLOYMENTS.ENDPOINT_URL, spec.endpointUrl())
                            .set(DEPLOYMENTS.DEPLOYED_BY, scope.actor())
                            .set(DEPLOYMENTS.DEPLOYED_AT, DSL.field("clock_timestamp()", OffsetDateTime.class))
                            .set(DEPLOYMENTS.STATUS, DeploymentStatus.ACTIVE)
                            .returning())
                    .fetchSingle(Rows.DEPLOYMENT);
            VersionLifecycle.followServing(ctx, audit, version.getVersionId(), "deployed to " + env.getEnvironmentName(),
                    isProduction(env));
            return deployment;
        });
    }

    /**
     * Changes the traffic share of a serving deployment, with the same race-safe 100 % check as
     * {@link #deploy(NewDeployment)}; like it, refused in a transaction that is not {@code READ COMMITTED}.
     *
     * @param deploymentId the deployment
     * @param trafficPercentage the new share of the model's traffic in the environment, within [0, 100]
     * @return the deployment as stored, with its new traffic share
     * @throws UnsupportedIsolationLevelException when the transaction is not {@code read committed}
     * @throws TrafficLimitExceededException when the traffic would exceed 100 %
     * @throws InvalidTransitionException when the deployment is not active or degraded
     */
    public Deployment changeTraffic(UUID deploymentId, int trafficPercentage) {
        AuditWriter audit = scope.audit();
        Validator.percentage("traffic_percentage", trafficPercentage);
        return scope.tx(ctx -> {
            requireReadCommitted(ctx, "changeTraffic");
            ModelsRecord model = lockModelOfDeployment(ctx, deploymentId);
            Deployment current = deployment(ctx, deploymentId); // read under the lock
            if (!SERVING.contains(current.status())) {
                throw new InvalidTransitionException("deployment", deploymentId, current.status(), "traffic " + trafficPercentage + " %");
            }
            EnvironmentsRecord env = ctx.selectFrom(ENVIRONMENTS)
                    .where(ENVIRONMENTS.ENVIRONMENT_ID.eq(current.environmentId())).fetchSingle();
            checkTraffic(ctx, model, env, deploymentId, trafficPercentage);
            return audit.audited(ctx, AuditEntityType.DEPLOYMENT, "traffic", DEPLOYMENTS.DEPLOYMENT_ID, deploymentId,
                    ctx.update(DEPLOYMENTS).set(DEPLOYMENTS.TRAFFIC_PERCENTAGE, trafficPercentage)
                            .where(DEPLOYMENTS.DEPLOYMENT_ID.eq(deploymentId)).returning())
                    .fetchSingle(Rows.DEPLOYMENT);
        });
    }

    /**
     * Takes a deployment out of service: status {@code inactive}, undeployed_at now, undeployed_by
     * the actor. With the model's row locked, like {@link #deploy(NewDeployment)}: when it was the
     * version's last serving deployment, a {@code deployed} version goes back to {@code validated}
     * in the same transaction (see {@link VersionLifecycle}). Like deploy, refused in a transaction
     * that is not {@code READ COMMITTED} (the check whether the version still serves must see what
     * concurrent deploys committed).
     *
     * @param deploymentId the deployment
     * @return the deployment as stored, status {@code inactive}
     * @throws UnsupportedIsolationLevelException when the transaction is not {@code read committed}
     * @throws InvalidTransitionException when it is already inactive or failed
     * @throws NotFoundException when it does not exist
     */
    public Deployment undeploy(UUID deploymentId) {
        AuditWriter audit = scope.audit();
        return scope.tx(ctx -> {
            requireReadCommitted(ctx, "undeploy");
            lockModelOfDeployment(ctx, deploymentId);
            Deployment ended = end(ctx, audit, scope.actor(), "undeploy", deploymentId)
                    .orElseThrow(() -> new InvalidTransitionException("deployment", deploymentId,
                            deployment(ctx, deploymentId).status(), DeploymentStatus.INACTIVE));
            VersionLifecycle.followServing(ctx, audit, ended.versionId(), "undeployed", false);
            return ended;
        });
    }

    /** Ends a serving deployment in ctx's transaction (status inactive, undeployed now by actor), audited as action; empty when it was not serving. */
    static Optional<Deployment> end(DSLContext ctx, AuditWriter audit, String actor, String action, UUID deploymentId) {
        return audit.audited(ctx, AuditEntityType.DEPLOYMENT, action, DEPLOYMENTS.DEPLOYMENT_ID, deploymentId,
                        ctx.update(DEPLOYMENTS)
                                .set(DEPLOYMENTS.STATUS, DeploymentStatus.INACTIVE)
                                .set(DEPLOYMENTS.UNDEPLOYED_AT, DSL.currentOffsetDateTime())
                                .set(DEPLOYMENTS.UNDEPLOYED_BY, actor)
                                .where(DEPLOYMENTS.DEPLOYMENT_ID.eq(deploymentId))
                                .and(DEPLOYMENTS.STATUS.in(SERVING))
                                .returning())
                .fetchOptional(Rows.DEPLOYMENT);
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
     * @throws NotFoundException when the deployment does not exist
     */
    public Deployment recordMetrics(UUID deploymentId, DeploymentMetrics metrics) {
        AuditWriter audit = scope.audit();
        Validator.range("actual_latency_p50_ms", metrics.latencyP50Ms(), BigDecimal.ZERO, null);
        Validator.range("actual_latency_p95_ms", metrics.latencyP95Ms(), BigDecimal.ZERO, null);
        Validator.range("actual_latency_p99_ms", metrics.latencyP99Ms(), BigDecimal.ZERO, null);
        Validator.range("actual_availability_percent", metrics.availabilityPercent(), BigDecimal.ZERO, BigDecimal.valueOf(100));
        Validator.range("actual_throughput_qps", metrics.throughputQps(), BigDecimal.ZERO, null);
        Validator.numeric("actual_latency_p50_ms", metrics.latencyP50Ms(), 8, 2);
        Validator.numeric("actual_latency_p95_ms", metrics.latencyP95Ms(), 8, 2);
        Validator.numeric("actual_latency_p99_ms", metrics.latencyP99Ms(), 8, 2);
        Validator.numeric("actual_availability_percent", metrics.availabilityPercent(), 5, 2);
        Validator.numeric("actual_throughput_qps", metrics.throughputQps(), 10, 2);
        return scope.write(ctx -> audit.audited(ctx, AuditEntityType.DEPLOYMENT, "metrics", DEPLOYMENTS.DEPLOYMENT_ID, deploymentId,
                        ctx.update(DEPLOYMENTS)
                                .set(DEPLOYMENTS.ACTUAL_LATENCY_P50_MS, DSL.coalesce(DSL.val(metrics.latencyP50Ms()), DEPLOYMENTS.ACTUAL_LATENCY_P50_MS))
                                .set(DEPLOYMENTS.ACTUAL_LATENCY_P95_MS, DSL.coalesce(DSL.val(metrics.latencyP95Ms()), DEPLOYMENTS.ACTUAL_LATENCY_P95_MS))
                                .set(DEPLOYMENTS.ACTUAL_LATENCY_P99_MS, DSL.coalesce(DSL.val(metrics.latencyP99Ms()), DEPLOYMENTS.ACTUAL_LATENCY_P99_MS))
                                .set(DEPLOYMENTS.ACTUAL_AVAILABILITY_PERCENT,
                                        DSL.coalesce(DSL.val(metrics.availabilityPercent()), DEPLOYMENTS.ACTUAL_AVAILABILITY_PERCENT))
                                .set(DEPLOYMENTS.ACTUAL_THROUGHPUT_QPS, DSL.coalesce(DSL.val(metrics.throughputQps()), DEPLOYMENTS.ACTUAL_THROUGHPUT_QPS))
                                .where(DEPLOYMENTS.DEPLOYMENT_ID.eq(deploymentId))
                                .returning())
                .fetchOptional(Rows.DEPLOYMENT)
                .orElseThrow(() -> new NotFoundException("deployment", deploymentId)));
    }

    /**
     * Active and degraded deployments of a model in an environment, newest first.
     *
     * @param modelId the model
     * @param environment the environment's name
     * @return the deployments that serve traffic; empty when there are none
     * @throws InvalidValueException when modelId or environment is null, or environment blank
     */
    public List<Deployment> active(UUID modelId, String environment) {
        Validator.required("model_id", modelId);
        Validator.required("environment", environment);
        return scope.read(ctx -> ctx.select(DEPLOYMENTS.fields()).from(DEPLOYMENTS)
                .join(MODEL_VERSIONS).on(MODEL_VERSIONS.VERSION_ID.eq(DEPLOYMENTS.VERSION_ID))
                .join(ENVIRONMENTS).on(ENVIRONMENTS.ENVIRONMENT_ID.eq(DEPLOYMENTS.ENVIRONMENT_ID))
                .where(MODEL_VERSIONS.MODEL_ID.eq(modelId))
                .and(ENVIRONMENTS.ENVIRONMENT_NAME.eq(environment))
                .and(DEPLOYMENTS.STATUS.in(SERVING))
                .orderBy(DEPLOYMENTS.DEPLOYED_AT.desc(), DEPLOYMENTS.DEPLOYMENT_ID)
                .fetch(Rows.DEPLOYMENT));
    }

    /**
     * Every active production deployment ({@code vw_production_deployments}).
     *
     * @return the view's rows, by model name, then environment
     */
    public List<ProductionDeployment> production() {
        return scope.read(ctx -> ctx.selectFrom(VW_PRODUCTION_DEPLOYMENTS)
                .orderBy(VW_PRODUCTION_DEPLOYMENTS.MODEL_NAME, VW_PRODUCTION_DEPLOYMENTS.ENVIRONMENT_NAME,
                        VW_PRODUCTION_DEPLOYMENTS.DEPLOYED_AT)
                .fetch(Rows.PRODUCTION_DEPLOYMENT));
    }

    /**
     * The active production deployments of one model ({@code vw_production_deployments}).
     *
     * @param modelName the model's name
     * @return its rows, by environment; empty when it has no active production deployment
     */
    public List<ProductionDeployment> production(String modelName) {
        return scope.read(ctx -> ctx.selectFrom(VW_PRODUCTION_DEPLOYMENTS)
                .where(VW_PRODUCTION_DEPLOYMENTS.MODEL_NAME.eq(modelName))
                .orderBy(VW_PRODUCTION_DEPLOYMENTS.ENVIRONMENT_NAME, VW_PRODUCTION_DEPLOYMENTS.DEPLOYED_AT)
                .fetch(Rows.PRODUCTION_DEPLOYMENT));
    }

    /** Finds the model of a version and locks it ({@link #lockModel}), in one statement. */
    static ModelsRecord lockModelOfVersion(DSLContext ctx, UUID versionId) {
        return lockModelOf(ctx, DSL.select(MODEL_VERSIONS.MODEL_ID).from(MODEL_VERSIONS)
                .where(MODEL_VERSIONS.VERSION_ID.eq(versionId)))
                .orElseThrow(() -> new NotFoundException("model version", versionId));
    }

    /** Finds the model of a deployment and locks it ({@link #lockModel}), in one statement. */
    private static ModelsRecord lockModelOfDeployment(DSLContext ctx, UUID deploymentId) {
        return lockModelOf(ctx, DSL.select(MODEL_VERSIONS.MODEL_ID).from(DEPLOYMENTS)
                .join(MODEL_VERSIONS).on(MODEL_VERSIONS.VERSION_ID.eq(DEPLOYMENTS.VERSION_ID))
                .where(DEPLOYMENTS.DEPLOYMENT_ID.eq(deploymentId)))
                .orElseThrow(() -> new NotFoundException("deployment", deploymentId));
    }

    private static Optional<ModelsRecord> lockModelOf(DSLContext ctx, Select<Record1<UUID>> modelId) {
        return ctx.selectFrom(MODELS).where(MODELS.MODEL_ID.eq(modelId)).forNoKeyUpdate().fetchOptional();
    }

    static boolean isProduction(EnvironmentsRecord env) {
        return env.getEnvironmentType() == EnvironmentType.PRODUCTION;
    }

    /**
     * The approval gate: for a production environment and a model with compliance_required, the
     * version needs approved, unexpired approvals (they stay locked until the transaction ends).
     */
    static void requireApprovals(DSLContext ctx, ModelsRecord model, EnvironmentsRecord env, UUID versionId) {
        if (isProduction(env) && Boolean.TRUE.equals(model.getComplianceRequired())) {
            Set<ApprovalType> missing = ApprovalGate.missing(ctx, versionId, env);
            if (!missing.isEmpty()) {
                throw new ApprovalRequiredException(versionId, env.getEnvironmentName(), missing);
            }
        }
    }

    /** Locks the model row against concurrent deploys and traffic changes (not against new versions). */
    static ModelsRecord lockModel(DSLContext ctx, UUID modelId) {
        return ctx.selectFrom(MODELS).where(MODELS.MODEL_ID.eq(modelId)).forNoKeyUpdate().fetchOptional()
                .orElseThrow(() -> new NotFoundException("model", modelId));
    }

    static EnvironmentsRecord environment(DSLContext ctx, String name) {
        return ctx.selectFrom(ENVIRONMENTS).where(ENVIRONMENTS.ENVIRONMENT_NAME.eq(name)).fetchOptional()
                .orElseThrow(() -> new NotFoundException("environment", name));
    }

    private static Deployment deployment(DSLContext ctx, UUID deploymentId) {
        return ctx.selectFrom(DEPLOYMENTS).where(DEPLOYMENTS.DEPLOYMENT_ID.eq(deploymentId))
                .fetchOptional(Rows.DEPLOYMENT)
                .orElseThrow(() -> new NotFoundException("deployment", deploymentId));
    }

    static void requireReadCommitted(DSLContext ctx, String operation) {
        String level = ctx.fetchValue(DSL.field("current_setting('transaction_isolation')", String.class));
        if (!"read committed".equals(level)) {
            throw new UnsupportedIsolationLevelException(operation, level, "read committed");
        }
    }

    private static void checkTraffic(DSLContext ctx, ModelsRecord model, EnvironmentsRecord env, UUID except, int requested) {
        Condition others = except == null ? DSL.noCondition() : DEPLOYMENTS.DEPLOYMENT_ID.ne(except);
        int allocated = ctx.select(DSL.coalesce(DSL.sum(DEPLOYMENTS.TRAFFIC_PERCENTAGE), BigDecimal.ZERO))
                .from(DEPLOYMENTS).join(MODEL_VERSIONS).on(MODEL_VERSIONS.VERSION_ID.eq(DEPLOYMENTS.VERSION_ID))
                .where(MODEL_VERSIONS.MODEL_ID.eq(model.getModelId()))
                .and(DEPLOYMENTS.ENVIRONMENT_ID.eq(env.getEnvironmentId()))
                .and(DEPLOYMENTS.STATUS.in(SERVING))
                .and(others)
                .fetchSingle(0, BigDecimal.class).intValue();
        if (allocated + requested > 100) {
            throw new TrafficLimitExceededException(model.getModelName(), env.getEnvironmentName(), allocated, requested);
        }
    }
}
