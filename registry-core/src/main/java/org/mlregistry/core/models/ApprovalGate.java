package org.mlregistry.core.models;

import static org.mlregistry.schema.jooq.registry.Tables.APPROVALS;
import static org.mlregistry.schema.jooq.registry.Tables.MODEL_VERSIONS;

import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.UpdateSetMoreStep;
import org.jooq.impl.DSL;
import org.mlregistry.core.error.InvalidTransitionException;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.core.internal.AuditWriter;
import org.mlregistry.core.internal.Validator;
import org.mlregistry.schema.jooq.registry.tables.records.ApprovalsRecord;
import org.mlregistry.schema.types.ApprovalStatus;
import org.mlregistry.schema.types.ApprovalType;
import org.mlregistry.schema.types.AuditEntityType;

/**
 * Approvals of versions and the gate they form for production deployments of models that require
 * compliance. Obtain it from {@link ModelRegistry#approvals()}.
 */
public final class ApprovalGate {

    private final Scope scope;

    ApprovalGate(Scope scope) {
        this.scope = scope;
    }

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
    public Approval request(UUID versionId, ApprovalType type, String requiredForEnv, String notes) {
        AuditWriter audit = scope.audit();
        Validator.required("version_id", versionId);
        Validator.required("approval_type", type);
        return scope.tx(ctx -> {
            if (!ctx.fetchExists(MODEL_VERSIONS, MODEL_VERSIONS.VERSION_ID.eq(versionId))) {
                throw new NotFoundException("model version", versionId);
            }
            return audit.audited(ctx, AuditEntityType.APPROVAL, "request", APPROVALS.APPROVAL_ID, null,
                    ctx.insertInto(APPROVALS)
                            .set(APPROVALS.VERSION_ID, versionId)
                            .set(APPROVALS.APPROVAL_TYPE, type)
                            .set(APPROVALS.REQUIRED_FOR_ENV, requiredForEnv)
                            .set(APPROVALS.STATUS, ApprovalStatus.PENDING)
                            .set(APPROVALS.REQUESTED_BY, scope.actor())
                            .set(APPROVALS.APPROVAL_NOTES, notes)
                            .returning())
                    .fetchSingle(Rows.APPROVAL);
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
    public Approval approve(UUID approvalId, OffsetDateTime expiresAt, String notes) {
        String who = scope.writer();
        return decide(approvalId, ApprovalStatus.APPROVED, Set.of(ApprovalStatus.PENDING), ctx -> ctx.update(APPROVALS)
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
    public Approval reject(UUID approvalId, String reason) {
        String who = scope.writer();
        Validator.required("rejection_reason", reason);
        return decide(approvalId, ApprovalStatus.REJECTED, Set.of(ApprovalStatus.PENDING), ctx -> ctx.update(APPROVALS)
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
    public Approval expire(UUID approvalId) {
        scope.writer();
        return decide(approvalId, ApprovalStatus.EXPIRED, Set.of(ApprovalStatus.PENDING, ApprovalStatus.APPROVED),
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
    public int expireOverdue() {
        AuditWriter audit = scope.audit();
        return scope.tx(ctx -> {
            List<UUID> ids = ctx.select(APPROVALS.APPROVAL_ID).from(APPROVALS)
                    .where(APPROVALS.STATUS.eq(ApprovalStatus.APPROVED))
                    .and(APPROVALS.EXPIRES_AT.le(DSL.currentOffsetDateTime()))
                    .orderBy(APPROVALS.APPROVAL_ID)
                    .forUpdate().fetch(APPROVALS.APPROVAL_ID);
            for (UUID id : ids) {
                audit.audited(ctx, AuditEntityType.APPROVAL, "expire", APPROVALS.APPROVAL_ID, id,
                        ctx.update(APPROVALS).set(APPROVALS.STATUS, ApprovalStatus.EXPIRED)
                                .where(APPROVALS.APPROVAL_ID.eq(id)).returning())
                        .execute();
            }
            return ids.size();
        });
    }

    /**
     * Every approval of a version, oldest request first.
     *
     * @param versionId the version
     * @return its approvals in every status; empty when it has none
     */
    public List<Approval> of(UUID versionId) {
        return scope.read(ctx -> ctx.selectFrom(APPROVALS).where(APPROVALS.VERSION_ID.eq(versionId))
                .orderBy(APPROVALS.REQUESTED_AT, APPROVALS.APPROVAL_ID).fetch(Rows.APPROVAL));
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
    public Set<ApprovalType> required(UUID versionId, String environment) {
        return scope.read(ctx -> required(ctx, versionId, environment));
    }

    /**
     * The required approval types that lack an approved, unexpired approval; empty when the gate is open.
     *
     * @param versionId the version
     * @param environment the production environment's name
     * @return the missing types, a subset of {@link #required(UUID, String)}
     */
    public Set<ApprovalType> missing(UUID versionId, String environment) {
        return scope.tx(ctx -> missing(ctx, versionId, environment));
    }

    private Approval decide(UUID approvalId, ApprovalStatus target, Set<ApprovalStatus> from,
            Function<DSLContext, UpdateSetMoreStep<ApprovalsRecord>> update) {
        AuditWriter audit = scope.audit();
        return scope.tx(ctx -> audit.audited(ctx, AuditEntityType.APPROVAL, target.getLiteral(), APPROVALS.APPROVAL_ID, approvalId,
                        update.apply(ctx).where(APPROVALS.APPROVAL_ID.eq(approvalId)).and(APPROVALS.STATUS.in(from)).returning())
                .fetchOptional(Rows.APPROVAL)
                .orElseThrow(() -> {
                    ApprovalStatus current = ctx.select(APPROVALS.STATUS).from(APPROVALS).where(APPROVALS.APPROVAL_ID.eq(approvalId))
                            .fetchOptional(APPROVALS.STATUS).orElseThrow(() -> new NotFoundException("approval", approvalId));
                    return new InvalidTransitionException("approval", approvalId, current, target);
                }));
    }

    private static Set<ApprovalType> required(DSLContext ctx, UUID versionId, String environment) {
        Set<ApprovalType> required = EnumSet.of(ApprovalType.COMPLIANCE);
        required.addAll(ctx.selectDistinct(APPROVALS.APPROVAL_TYPE).from(APPROVALS)
                .where(APPROVALS.VERSION_ID.eq(versionId))
                .and(APPROVALS.REQUIRED_FOR_ENV.in("production", environment))
                .fetch(APPROVALS.APPROVAL_TYPE));
        return required;
    }

    /** The missing types, read in ctx's transaction; the approvals that open the gate stay locked until it ends. */
    static Set<ApprovalType> missing(DSLContext ctx, UUID versionId, String environment) {
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

    private static Condition forEnvironment(String environment) {
        return APPROVALS.REQUIRED_FOR_ENV.isNull().or(APPROVALS.REQUIRED_FOR_ENV.in("production", environment));
    }
}
