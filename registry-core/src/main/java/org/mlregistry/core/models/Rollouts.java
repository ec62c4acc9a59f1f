package org.mlregistry.core.models;

import static org.mlregistry.schema.jooq.registry.Tables.DEPLOYMENTS;
import static org.mlregistry.schema.jooq.registry.Tables.MODEL_VERSIONS;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.mlregistry.core.error.ApprovalRequiredException;
import org.mlregistry.core.error.ConcurrentChangeException;
import org.mlregistry.core.error.InvalidTransitionException;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.core.error.UnsupportedIsolationLevelException;
import org.mlregistry.core.internal.AuditWriter;
import org.mlregistry.core.internal.Validator;
import org.mlregistry.schema.jooq.registry.tables.records.EnvironmentsRecord;
import org.mlregistry.schema.jooq.registry.tables.records.ModelsRecord;
import org.mlregistry.schema.types.AuditEntityType;
import org.mlregistry.schema.types.DeploymentStatus;
import org.mlregistry.schema.types.VersionStatus;

/**
 * Promotion and rollback of a model's versions in one environment, each a single transaction.
 * Obtain it from {@link ModelRegistry#rollouts()}.
 *
 * <p>Both work on the model's <em>serving set</em> in the environment: its active and degraded
 * deployments. They read it, take the model's lock ({@code FOR NO KEY UPDATE}, the lock of
 * {@link Deployments#deploy}), and read it again: when it changed in between, another promote,
 * rollback or deploy committed while this one waited, and it is refused with
 * {@link ConcurrentChangeException}, nothing written. Of two concurrent promotes exactly one wins.
 * Like deploy, both need {@code READ COMMITTED}; the approval gate applies to the version that
 * starts serving in production; every change is audited in the same transaction; and each
 * version's status follows whether it serves ({@link VersionLifecycle}).
 */
public final class Rollouts {

    private final Scope scope;

    Rollouts(Scope scope) {
        this.scope = scope;
    }

    /**
     * Gives the version all of the model's traffic in the environment: the other serving
     * deployments end (status {@code inactive}), the version's newest serving deployment gets
     * 100 % or, when it has none, a new one is created. Same as {@code promote(versionId, environment, 100)}.
     *
     * @param versionId the version, status {@code validated} or {@code deployed}
     * @param environment the environment's name, e.g. {@code prod}
     * @return the serving deployments of the model in the environment afterwards, newest first
     * @see #promote(UUID, String, int)
     */
    public List<Deployment> promote(UUID versionId, String environment) {
        return promote(versionId, environment, 100);
    }

    /**
     * One stage of a promotion: the version gets trafficPercentage of the model's traffic in the
     * environment, the other serving versions keep the rest, at most what they had: together
     * {@code min(their total, 100 - trafficPercentage)}, split in proportion to their shares
     * (largest remainder; ties to the newer). At 100 % the others end. The version's newest
     * serving deployment carries the share (its other serving deployments end); when it has none,
     * a new deployment is created with the replicas and endpoint of the newest other serving
     * deployment (1 replica, no endpoint when there is none). Promoting to the share it already
     * has, with nothing to adjust, writes nothing.
     *
     * @param versionId the version, status {@code validated} or {@code deployed}
     * @param environment the environment's name, e.g. {@code prod}
     * @param trafficPercentage the version's share, within [1, 100]
     * @return the serving deployments of the model in the environment afterwards, newest first
     * @throws InvalidValueException when trafficPercentage is outside [1, 100]
     * @throws ConcurrentChangeException when the serving set changed while the promote waited for the model's lock
     * @throws ApprovalRequiredException when the environment is production, the model requires
     *     compliance and approvals are missing
     * @throws InvalidTransitionException when the version is neither validated nor deployed
     * @throws UnsupportedIsolationLevelException when the transaction is not {@code read committed}
     * @throws NotFoundException when the version or environment does not exist
     */
    public List<Deployment> promote(UUID versionId, String environment, int trafficPercentage) {
        AuditWriter audit = scope.audit();
        Validator.required("version_id", versionId);
        Validator.required("environment", environment);
        if (trafficPercentage < 1 || trafficPercentage > 100) {
            throw new InvalidValueException("traffic_percentage", trafficPercentage, "must be within [1, 100]");
        }
        return scope.tx(ctx -> {
            Deployments.requireReadCommitted(ctx, "promote");
            EnvironmentsRecord env = Deployments.environment(ctx, environment);
            UUID modelId = ctx.select(MODEL_VERSIONS.MODEL_ID).from(MODEL_VERSIONS)
                    .where(MODEL_VERSIONS.VERSION_ID.eq(versionId)).fetchOptional(MODEL_VERSIONS.MODEL_ID)
                    .orElseThrow(() -> new NotFoundException("model version", versionId));
            ModelsRecord model = lockUnchanged(ctx, modelId, env);
            List<Deployment> serving = serving(ctx, modelId, env);
            requireDeployable(ctx, versionId);
            Deployments.requireApprovals(ctx, model, env, versionId);

            List<Deployment> mine = serving.stream().filter(d -> d.versionId().equals(versionId)).toList();
            List<Deployment> others = serving.stream().filter(d -> !d.versionId().equals(versionId)).toList();
            if (trafficPercentage == 100) {
                for (Deployment d : others) {
                    Deployments.end(ctx, audit, scope.actor(), "promote", d.deploymentId());
                }
            } else {
                int[] shares = split(others, 100 - trafficPercentage);
                for (int i = 0; i < shares.length; i++) {
                    setTraffic(ctx, audit, "traffic", others.get(i), shares[i]);
                }
            }
            if (mine.isEmpty()) {
                Deployment like = others.isEmpty() ? null : others.get(0);
                insert(ctx, audit, "promote", versionId, env, like == null ? 1 : like.replicas(),
                        like == null ? null : like.endpointUrl(), trafficPercentage);
            } else {
                setTraffic(ctx, audit, "promote", mine.get(0), trafficPercentage);
                for (Deployment d : mine.subList(1, mine.size())) {
                    Deployments.end(ctx, audit, scope.actor(), "promote", d.deploymentId());
                }
            }
            String reason = "promoted to " + trafficPercentage + " % in " + env.getEnvironmentName();
            VersionLifecycle.followServing(ctx, audit, versionId, reason, Deployments.isProduction(env));
            others.stream().map(Deployment::versionId).distinct().forEach(other ->
                    VersionLifecycle.followServing(ctx, audit, other, "traffic moved to another version in "
                            + env.getEnvironmentName(), false));
            return serving(ctx, modelId, env);
        });
    }

    /**
     * Returns the model's traffic in the environment to the previous serving version and ends the
     * current one. The <em>current</em> version is the version of the newest serving deployment;
     * all its serving deployments end (status {@code inactive}). The <em>previous</em> version is
     * the version of the newest deployment of the model in the environment (any status but
     * {@code failed}) of another version that was deployed before the current deployment, i.e.
     * the version that served just before the current one took traffic. It receives the current
     * version's traffic: added to its newest serving deployment when it still serves (a staged
     * promotion undone), or in a new deployment with the replicas and endpoint of its last one,
     * subject to the approval gate like a deploy. Rolling back twice returns to where it started.
     *
     * @param modelId the model
     * @param environment the environment's name, e.g. {@code prod}
     * @return the serving deployments of the model in the environment afterwards, newest first
     * @throws InvalidTransitionException when nothing serves, when no other version served before
     *     the current one, or when the previous version is no longer validated or deployed
     * @throws ConcurrentChangeException when the serving set changed while the rollback waited for the model's lock
     * @throws ApprovalRequiredException when the previous version needs a new production
     *     deployment and its approvals are missing (e.g. expired)
     * @throws UnsupportedIsolationLevelException when the transaction is not {@code read committed}
     * @throws NotFoundException when the model or environment does not exist
     */
    public List<Deployment> rollback(UUID modelId, String environment) {
        AuditWriter audit = scope.audit();
        Validator.required("model_id", modelId);
        Validator.required("environment", environment);
        return scope.tx(ctx -> {
            Deployments.requireReadCommitted(ctx, "rollback");
            EnvironmentsRecord env = Deployments.environment(ctx, environment);
            ModelsRecord model = lockUnchanged(ctx, modelId, env);
            List<Deployment> serving = serving(ctx, modelId, env);
            if (serving.isEmpty()) {
                throw new InvalidTransitionException("model", modelId, "nothing serving in " + environment, "rollback");
            }
            Deployment current = serving.get(0);
            Deployment previous = ctx.select(DEPLOYMENTS.fields()).from(DEPLOYMENTS)
                    .join(MODEL_VERSIONS).on(MODEL_VERSIONS.VERSION_ID.eq(DEPLOYMENTS.VERSION_ID))
                    .where(MODEL_VERSIONS.MODEL_ID.eq(modelId))
                    .and(DEPLOYMENTS.ENVIRONMENT_ID.eq(env.getEnvironmentId()))
                    .and(DEPLOYMENTS.VERSION_ID.ne(current.versionId()))
                    .and(DEPLOYMENTS.DEPLOYED_AT.lt(current.deployedAt()))
                    .and(DEPLOYMENTS.STATUS.ne(DeploymentStatus.FAILED))
                    .orderBy(DEPLOYMENTS.DEPLOYED_AT.desc(), DEPLOYMENTS.DEPLOYMENT_ID)
                    .limit(1)
                    .fetchOptional(Rows.DEPLOYMENT)
                    .orElseThrow(() -> new InvalidTransitionException("model", modelId,
                            "no other version served in " + environment + " before " + current.versionId(), "rollback"));
            List<Deployment> ending = serving.stream().filter(d -> d.versionId().equals(current.versionId())).toList();
            List<Deployment> previousServing = serving.stream().filter(d -> d.versionId().equals(previous.versionId())).toList();
            int freed = ending.stream().mapToInt(Deployment::trafficPercentage).sum();
            if (previousServing.isEmpty()) {
                requireDeployable(ctx, previous.versionId());
                Deployments.requireApprovals(ctx, model, env, previous.versionId());
            }
            for (Deployment d : ending) {
                Deployments.end(ctx, audit, scope.actor(), "rollback", d.deploymentId());
            }
            if (previousServing.isEmpty()) {
                insert(ctx, audit, "rollback", previous.versionId(), env, previous.replicas(), previous.endpointUrl(), freed);
            } else {
                Deployment back = previousServing.get(0);
                setTraffic(ctx, audit, "rollback", back, back.trafficPercentage() + freed);
            }
            VersionLifecycle.followServing(ctx, audit, current.versionId(), "rolled back in " + environment, false);
            VersionLifecycle.followServing(ctx, audit, previous.versionId(), "restored by rollback in " + environment,
                    Deployments.isProduction(env));
            return serving(ctx, modelId, env);
        });
    }

    /**
     * Reads the serving set, locks the model, reads it again: refuses when a concurrent change
     * committed in between (this transaction waited for the lock behind it).
     */
    private static ModelsRecord lockUnchanged(DSLContext ctx, UUID modelId, EnvironmentsRecord env) {
        List<String> seen = shares(serving(ctx, modelId, env));
        ModelsRecord model = Deployments.lockModel(ctx, modelId);
        List<String> found = shares(serving(ctx, modelId, env));
        if (!seen.equals(found)) {
            throw new ConcurrentChangeException(modelId, env.getEnvironmentName(), seen, found);
        }
        return model;
    }

    private static List<String> shares(List<Deployment> serving) {
        return serving.stream().map(d -> d.deploymentId() + "@" + d.trafficPercentage()).toList();
    }

    /** The serving deployments of the model in the environment, newest first. */
    private static List<Deployment> serving(DSLContext ctx, UUID modelId, EnvironmentsRecord env) {
        return ctx.select(DEPLOYMENTS.fields()).from(DEPLOYMENTS)
                .join(MODEL_VERSIONS).on(MODEL_VERSIONS.VERSION_ID.eq(DEPLOYMENTS.VERSION_ID))
                .where(MODEL_VERSIONS.MODEL_ID.eq(modelId))
                .and(DEPLOYMENTS.ENVIRONMENT_ID.eq(env.getEnvironmentId()))
                .and(DEPLOYMENTS.STATUS.in(Deployments.SERVING))
                .orderBy(DEPLOYMENTS.DEPLOYED_AT.desc(), DEPLOYMENTS.DEPLOYMENT_ID)
                .fetch(Rows.DEPLOYMENT);
    }

    /** Locks the version's row for share (its status cannot change until commit) and requires validated or deployed. */
    private static void requireDeployable(DSLContext ctx, UUID versionId) {
        VersionStatus status = ctx.select(MODEL_VERSIONS.STATUS).from(MODEL_VERSIONS)
                .where(MODEL_VERSIONS.VERSION_ID.eq(versionId)).forShare().fetchSingle(MODEL_VERSIONS.STATUS);
        if (status != VersionStatus.VALIDATED && status != VersionStatus.DEPLOYED) {
            throw new InvalidTransitionException("model version", versionId, status, VersionStatus.DEPLOYED);
        }
    }

    /**
     * The others' new shares: together min(their total, rest), in proportion to their shares,
     * the largest remainders rounded up first, ties to the newer (lower index).
     */
    static int[] split(List<Deployment> others, int rest) {
        int[] shares = new int[others.size()];
        int total = others.stream().mapToInt(Deployment::trafficPercentage).sum();
        if (total == 0) {
            return shares;
        }
        int target = Math.min(total, rest);
        int[] remainders = new int[shares.length];
        int given = 0;
        for (int i = 0; i < shares.length; i++) {
            int weighted = target * others.get(i).trafficPercentage();
            shares[i] = weighted / total;
            remainders[i] = weighted % total;
            given += shares[i];
        }
        List<Integer> byRemainder = new ArrayList<>(IntStream.range(0, shares.length).boxed().toList());
        byRemainder.sort(Comparator.<Integer>comparingInt(i -> -remainders[i]).thenComparingInt(i -> i));
        for (int k = 0; k < target - given; k++) {
            shares[byRemainder.get(k)]++;
        }
        return shares;
    }

    private static void setTraffic(DSLContext ctx, AuditWriter audit, String action, Deployment d, int traffic) {
        if (d.trafficPercentage() == traffic) {
            return;
        }
        audit.audited(ctx, AuditEntityType.DEPLOYMENT, action, DEPLOYMENTS.DEPLOYMENT_ID, d.deploymentId(),
                        ctx.update(DEPLOYMENTS).set(DEPLOYMENTS.TRAFFIC_PERCENTAGE, traffic)
                                .where(DEPLOYMENTS.DEPLOYMENT_ID.eq(d.deploymentId())).returning())
                .execute();
    }

    private void insert(DSLContext ctx, AuditWriter audit, String action, UUID versionId, EnvironmentsRecord env,
            int replicas, String endpointUrl, int traffic) {
        audit.audited(ctx, AuditEntityType.DEPLOYMENT, action, DEPLOYMENTS.DEPLOYMENT_ID, null,
                        ctx.insertInto(DEPLOYMENTS)
                                .set(DEPLOYMENTS.VERSION_ID, versionId)
                                .set(DEPLOYMENTS.ENVIRONMENT_ID, env.getEnvironmentId())
                                .set(DEPLOYMENTS.REPLICAS, replicas)
                                .set(DEPLOYMENTS.TRAFFIC_PERCENTAGE, traffic)
                                .set(DEPLOYMENTS.ENDPOINT_URL, endpointUrl)
                                .set(DEPLOYMENTS.DEPLOYED_BY, scope.actor())
                                .set(DEPLOYMENTS.DEPLOYED_AT, DSL.field("clock_timestamp()", OffsetDateTime.class))
                                .set(DEPLOYMENTS.STATUS, DeploymentStatus.ACTIVE)
                                .returning())
                .execute();
    }
}
