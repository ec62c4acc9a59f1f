package org.mlregistry.core.models;

import static org.mlregistry.schema.jooq.registry.Tables.DEPLOYMENTS;
import static org.mlregistry.schema.jooq.registry.Tables.MODEL_VERSIONS;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.mlregistry.core.error.InvalidTransitionException;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.core.error.VersionServingException;
import org.mlregistry.core.internal.AuditWriter;
import org.mlregistry.schema.types.AuditEntityType;
import org.mlregistry.schema.types.VersionStatus;

/**
 * The one state machine of model versions:
 * {@code registered → validated → deployed → deprecated → archived}, and
 * {@code validated → deprecated} for a version withdrawn before any deployment.
 * A transition is one conditional {@code UPDATE … WHERE status IN (allowed) RETURNING}, so two
 * concurrent transitions cannot both succeed from the same state. A version is not archived while
 * deployments of it serve traffic ({@link VersionServingException}).
 *
 * <p>{@code deployed} follows serving: a validated version becomes {@code deployed} when a
 * deployment of it starts serving (active or degraded), and a deployed version goes back to
 * {@code validated} when its last serving deployment ends (undeploy, promote away, rollback), in
 * the transaction that changes the deployments. Neither step is taken by hand: a transition to
 * {@code deployed} through {@link Versions#transition} is refused. A {@code deprecated} version
 * may still serve while it is phased out and stays deprecated when it stops.
 */
public final class VersionLifecycle {

    private static final Map<VersionStatus, Set<VersionStatus>> ALLOWED_FROM = new EnumMap<>(VersionStatus.class);

    static {
        ALLOWED_FROM.put(VersionStatus.REGISTERED, EnumSet.noneOf(VersionStatus.class));
        ALLOWED_FROM.put(VersionStatus.VALIDATED, EnumSet.of(VersionStatus.REGISTERED));
        // deployed ⇄ validated follow serving, see followServing
        ALLOWED_FROM.put(VersionStatus.DEPLOYED, EnumSet.of(VersionStatus.VALIDATED));
        ALLOWED_FROM.put(VersionStatus.DEPRECATED, EnumSet.of(VersionStatus.VALIDATED, VersionStatus.DEPLOYED));
        ALLOWED_FROM.put(VersionStatus.ARCHIVED, EnumSet.of(VersionStatus.DEPRECATED));
    }

    private VersionLifecycle() {
    }

    /**
     * The statuses from which a version may move to target.
     *
     * @param target the status to move to
     * @return those statuses, empty for {@code registered}
     */
    public static Set<VersionStatus> allowedFrom(VersionStatus target) {
        return Set.copyOf(ALLOWED_FROM.get(target));
    }

    /**
     * Whether a version may move from one status to another.
     *
     * @param from the version's current status
     * @param to the status to move to
     * @return whether the state machine allows the step
     */
    public static boolean allows(VersionStatus from, VersionStatus to) {
        return ALLOWED_FROM.get(to).contains(from);
    }

    /**
     * A transition asked for by hand: refuses {@code deployed}, which only a deployment that
     * starts serving sets, then moves the version like {@link #transition}.
     *
     * @throws InvalidTransitionException when target is {@code deployed} or the current status does not allow target
     */
    static ModelVersion byHand(DSLContext ctx, AuditWriter audit, UUID versionId, VersionStatus target, String reason) {
        if (target == VersionStatus.DEPLOYED) {
            VersionStatus current = ctx.select(MODEL_VERSIONS.STATUS).from(MODEL_VERSIONS)
                    .where(MODEL_VERSIONS.VERSION_ID.eq(versionId)).fetchOptional(MODEL_VERSIONS.STATUS)
                    .orElseThrow(() -> new NotFoundException("model version", versionId));
            throw new InvalidTransitionException("model version", versionId, current, VersionStatus.DEPLOYED);
        }
        return transition(ctx, audit, versionId, target, reason, false);
    }

    /**
     * Makes the version's status match whether it serves, in ctx's transaction: {@code validated}
     * and serving becomes {@code deployed}; {@code deployed} and not serving goes back to
     * {@code validated}; any other status stays. The caller holds the model's lock
     * ({@link Deployments#lockModel}), so no deployment of the version changes meanwhile.
     *
     * @param production whether the deployment that starts serving is in a production environment
     *     (sets promoted_to_production_at once)
     */
    static void followServing(DSLContext ctx, AuditWriter audit, UUID versionId, String reason, boolean production) {
        boolean serving = ctx.fetchExists(DEPLOYMENTS, DEPLOYMENTS.VERSION_ID.eq(versionId)
                .and(DEPLOYMENTS.STATUS.in(Deployments.SERVING)));
        VersionStatus from = serving ? VersionStatus.VALIDATED : VersionStatus.DEPLOYED;
        VersionStatus to = serving ? VersionStatus.DEPLOYED : VersionStatus.VALIDATED;
        var update = ctx.update(MODEL_VERSIONS)
                .set(MODEL_VERSIONS.STATUS, to)
                .set(MODEL_VERSIONS.STATUS_CHANGED_AT, DSL.currentOffsetDateTime())
                .set(MODEL_VERSIONS.STATUS_REASON, reason);
        if (serving && production) {
            update = update.set(MODEL_VERSIONS.PROMOTED_TO_PRODUCTION_AT,
                    DSL.coalesce(MODEL_VERSIONS.PROMOTED_TO_PRODUCTION_AT, DSL.currentOffsetDateTime()));
        }
        audit.audited(ctx, AuditEntityType.VERSION, "status:" + to.getLiteral(), MODEL_VERSIONS.VERSION_ID, versionId,
                        update.where(MODEL_VERSIONS.VERSION_ID.eq(versionId)).and(MODEL_VERSIONS.STATUS.eq(from)).returning())
                .execute();
        if (serving && production) {
            audit.audited(ctx, AuditEntityType.VERSION, "promote", MODEL_VERSIONS.VERSION_ID, versionId,
                            ctx.update(MODEL_VERSIONS).set(MODEL_VERSIONS.PROMOTED_TO_PRODUCTION_AT, DSL.currentOffsetDateTime())
                                    .where(MODEL_VERSIONS.VERSION_ID.eq(versionId))
                                    .and(MODEL_VERSIONS.PROMOTED_TO_PRODUCTION_AT.isNull()).returning())
                    .execute();
        }
    }

    /**
     * Moves the version to target in ctx's transaction, records when and why, and writes the audit
     * row in the same statement.
     *
     * @throws NotFoundException when the version does not exist
     * @throws InvalidTransitionException when its current status does not allow target
     */
    static ModelVersion transition(DSLContext ctx, AuditWriter audit, UUID versionId, VersionStatus target,
            String reason, boolean production) {
        if (target == VersionStatus.ARCHIVED) {
            refuseWhileServing(ctx, versionId, target);
        }
        var update = ctx.update(MODEL_VERSIONS)
                .set(MODEL_VERSIONS.STATUS, target)
                .set(MODEL_VERSIONS.STATUS_CHANGED_AT, DSL.currentOffsetDateTime())
                .set(MODEL_VERSIONS.STATUS_REASON, reason);
        if (target == VersionStatus.DEPRECATED) {
            update = update.set(MODEL_VERSIONS.DEPRECATED_AT, DSL.currentOffsetDateTime())
                    .set(MODEL_VERSIONS.DEPRECATION_REASON, reason);
        }
        if (target == VersionStatus.DEPLOYED && production) {
            update = update.set(MODEL_VERSIONS.PROMOTED_TO_PRODUCTION_AT,
                    DSL.coalesce(MODEL_VERSIONS.PROMOTED_TO_PRODUCTION_AT, DSL.currentOffsetDateTime()));
        }
        var change = update
                .where(MODEL_VERSIONS.VERSION_ID.eq(versionId))
                .and(MODEL_VERSIONS.STATUS.in(ALLOWED_FROM.get(target)))
                .returning();
        return audit.audited(ctx, AuditEntityType.VERSION, "status:" + target.getLiteral(), MODEL_VERSIONS.VERSION_ID,
                        versionId, change)
                .fetchOptional(Rows.VERSION)
                .orElseThrow(() -> {
                    VersionStatus current = ctx.select(MODEL_VERSIONS.STATUS).from(MODEL_VERSIONS)
                            .where(MODEL_VERSIONS.VERSION_ID.eq(versionId))
                            .fetchOptional(MODEL_VERSIONS.STATUS)
                            .orElseThrow(() -> new NotFoundException("model version", versionId));
                    return new InvalidTransitionException("model version", versionId, current, target);
                });
    }

    /**
     * Refuses target while deployments of the version serve traffic. Locks the model's row first,
     * the lock deploy takes, so no deploy of the version can commit between this check and the
     * status change.
     */
    private static void refuseWhileServing(DSLContext ctx, UUID versionId, VersionStatus target) {
        Deployments.lockModelOfVersion(ctx, versionId);
        List<UUID> serving = ctx.select(DEPLOYMENTS.DEPLOYMENT_ID).from(DEPLOYMENTS)
                .where(DEPLOYMENTS.VERSION_ID.eq(versionId))
                .and(DEPLOYMENTS.STATUS.in(Deployments.SERVING))
                .orderBy(DEPLOYMENTS.DEPLOYED_AT, DEPLOYMENTS.DEPLOYMENT_ID)
                .fetch(DEPLOYMENTS.DEPLOYMENT_ID);
        if (!serving.isEmpty()) {
            VersionStatus current = ctx.select(MODEL_VERSIONS.STATUS).from(MODEL_VERSIONS)
                    .where(MODEL_VERSIONS.VERSION_ID.eq(versionId)).fetchOne(MODEL_VERSIONS.STATUS);
            throw new VersionServingException(versionId, current, target, serving);
        }
    }
}
