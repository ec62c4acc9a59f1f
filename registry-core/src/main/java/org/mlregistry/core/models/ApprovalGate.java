package org.mlregistry.core.models;

import static org.mlregistry.schema.jooq.registry.Tables.APPROVALS;
import static org.mlregistry.schema.jooq.registry.Tables.ENVIRONMENTS;
import static org.mlregistry.schema.jooq.registry.Tables.MODEL_VERSIONS;

import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.UpdateSetMoreStep;
import org.jooq.impl.DSL;
import org.mlregistry.core.error.InvalidTransitionException;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.SeparationOfDutiesException;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.core.internal.AuditWriter;
import org.mlregistry.core.internal.Validator;
import org.mlregistry.schema.jooq.registry.tables.records.ApprovalsRecord;
import org.mlregistry.schema.jooq.registry.tables.records.EnvironmentsRecord;
import org.mlregistry.schema.types.ApprovalStatus;
import org.mlregistry.schema.types.ApprovalType;
import org.mlregistry.schema.types.AuditEntityType;

/**
 * Approvals of versions and the gate they form for production deployments of models that require
 * compliance. Obtain it from {@link ModelRegistry#approvals()}.
 */
public final class ApprovalGate {

    /** The rule for required_for_env, in words. */
    static final String REQUIRED_FOR_ENV_RULE = "must be the name or the type of an environment of registry.environments";

    /** environment_type as the text column it is, to compare with a name the caller gave. */
    private static final Field<String> ENVIRONMENT_TYPE_TEXT = DSL.field(ENVIRONMENTS.ENVIRONMENT_TYPE.getQualifiedName(), String.class);

    private final Scope scope;

    ApprovalGate(Scope scope) {
        this.scope = scope;
    }

    /**
     * Requests an approval of a version (status {@code pending}), requested by the actor.
     *
     * @param versionId the version to approve
     * @param type what kind of approval is requested
     * @param requiredForEnv the name or the type of an environment of {@code registry.environments}
     *     the approval is for, e.g. {@code prod-eu} (that environment) or {@code production} (every
     *     production environment); null for any
     * @param notes free text stored as approval_notes, or null
     * @return the approval as stored, status {@code pending}
     * @throws InvalidValueException (field {@code required_for_env}) when it names neither an
     *     environment nor an environment type of {@code registry.environments}
     * @throws NotFoundException when the version does not exist
     */
    public Approval request(UUID versionId, ApprovalType type, String requiredForEnv, String notes) {
        AuditWriter audit = scope.audit();
        Validator.required("version_id", versionId);
        Validator.required("approval_type", type);
        return scope.tx(ctx -> {
            if (requiredForEnv != null && !ctx.fetchExists(ENVIRONMENTS,
                    ENVIRONMENTS.ENVIRONMENT_NAME.eq(requiredForEnv).or(ENVIRONMENT_TYPE_TEXT.eq(requiredForEnv)))) {
                throw new InvalidValueException("required_for_env", requiredForEnv, REQUIRED_FOR_ENV_RULE);
            }
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
     * Separation of duties: the actor must not be the approval's requester.
     *
     * @param approvalId the approval
     * @param expiresAt until when the approval holds, in the future, or null for no expiry
     * @param notes notes that replace the approval's notes, or null to keep them
     * @return the approval as stored, status {@code approved}
     * @throws InvalidValueException (field {@code expires_at}) when expiresAt is not in the future
     * @throws SeparationOfDutiesException when the actor requested the approval
     * @throws InvalidTransitionException when it is not pending, or its expires_at has passed
     *     (current {@code expired})
     * @throws NotFoundException when it does not exist
     */
    public Approval approve(UUID approvalId, OffsetDateTime expiresAt, String notes) {
        String who = scope.writer();
        if (expiresAt != null && !expiresAt.isAfter(OffsetDateTime.now())) {
            throw new InvalidValueException("expires_at", expiresAt, "must be in the future");
        }
        return decide(approvalId, who, ApprovalStatus.APPROVED, Set.of(ApprovalStatus.PENDING), ctx -> ctx.update(APPROVALS)
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
        return decide(approvalId, null, ApprovalStatus.REJECTED, Set.of(ApprovalStatus.PENDING), ctx -> ctx.update(APPROVALS)
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
        return decide(approvalId, null, ApprovalStatus.EXPIRED, Set.of(ApprovalStatus.PENDING, ApprovalStatus.APPROVED),
                ctx -> ctx.update(APPROVALS)
                        .set(APPROVALS.STATUS, ApprovalStatus.EXPIRED)
                        .set(APPROVALS.EXPIRES_AT, DSL.least(DSL.coalesce(APPROVALS.EXPIRES_AT, DSL.currentOffsetDateTime()),
                                DSL.currentOffsetDateTime())));
    }

    /**
     * Marks every approved or pending approval whose expires_at has passed as expired; returns how
     * many. (The gate does not wait for this: an approval past its expires_at never opens it.)
     *
     * @return the number of approvals expired, each with an audit row
     */
    public int expireOverdue() {
        AuditWriter audit = scope.audit();
        return scope.tx(ctx -> {
            List<UUID> ids = ctx.select(APPROVALS.APPROVAL_ID).from(APPROVALS)
                    .where(APPROVALS.STATUS.in(ApprovalStatus.APPROVED, ApprovalStatus.PENDING))
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
     * The approval types the gate requires for deploying the version to the named environment:
     * {@code compliance}, plus every type that was requested for the version for that environment's
     * name or its type (a request, whatever its outcome, is a requirement). The gate applies to
     * production environments of models with compliance_required.
     *
     * @param versionId the version
     * @param environment the environment's name, as deploy takes it, e.g. {@code prod}
     * @return the required types, always including {@code compliance}
     * @throws NotFoundException when no environment has that name
     */
    public Set<ApprovalType> required(UUID versionId, String environment) {
        Validator.required("environment", environment);
        return scope.tx(ctx -> required(ctx, versionId, Deployments.environment(ctx, environment)));
    }

    /**
     * The required approval types that lack an approved approval whose expires_at, if any, is
     * still ahead; empty when the gate is open.
     *
     * @param versionId the version
     * @param environment the environment's name, as deploy takes it, e.g. {@code prod}
     * @return the missing types, a subset of {@link #required(UUID, String)}
     * @throws NotFoundException when no environment has that name
     */
    public Set<ApprovalType> missing(UUID versionId, String environment) {
        Validator.required("environment", environment);
        return scope.tx(ctx -> missing(ctx, versionId, Deployments.environment(ctx, environment)));
    }

    /** approver: the actor approving, checked against the requester and the expiry under the row's lock; null for other decisions. */
    private Approval decide(UUID approvalId, String approver, ApprovalStatus target, Set<ApprovalStatus> from,
            Function<DSLContext, UpdateSetMoreStep<ApprovalsRecord>> update) {
        AuditWriter audit = scope.audit();
        return scope.tx(ctx -> {
            if (approver != null) {
                checkApprover(ctx, approvalId, approver);
            }
            return audit.audited(ctx, AuditEntityType.APPROVAL, target.getLiteral(), APPROVALS.APPROVAL_ID, approvalId,
                        update.apply(ctx).where(APPROVALS.APPROVAL_ID.eq(approvalId)).and(APPROVALS.STATUS.in(from)).returning())
                .fetchOptional(Rows.APPROVAL)
                .orElseThrow(() -> {
                    ApprovalStatus current = ctx.select(APPROVALS.STATUS).from(APPROVALS).where(APPROVALS.APPROVAL_ID.eq(approvalId))
                            .fetchOptional(APPROVALS.STATUS).orElseThrow(() -> new NotFoundException("approval", approvalId));
                    return new InvalidTransitionException("approval", approvalId, current, target);
                });
        });
    }

    private static void checkApprover(DSLContext ctx, UUID approvalId, String approver) {
        Field<Boolean> overdue = DSL.field(APPROVALS.EXPIRES_AT.le(DSL.currentOffsetDateTime()));
        Record2<String, Boolean> approval = ctx.select(APPROVALS.REQUESTED_BY, overdue).from(APPROVALS)
                .where(APPROVALS.APPROVAL_ID.eq(approvalId)).forUpdate()
                .fetchOptional().orElseThrow(() -> new NotFoundException("approval", approvalId));
        if (approver.equals(approval.value1())) {
            throw new SeparationOfDutiesException(approvalId, approver);
        }
        if (Boolean.TRUE.equals(approval.value2())) {
            throw new InvalidTransitionException("approval", approvalId, ApprovalStatus.EXPIRED, ApprovalStatus.APPROVED);
        }
    }

    private static Set<ApprovalType> required(DSLContext ctx, UUID versionId, EnvironmentsRecord environment) {
        Set<ApprovalType> required = EnumSet.of(ApprovalType.COMPLIANCE);
        required.addAll(ctx.selectDistinct(APPROVALS.APPROVAL_TYPE).from(APPROVALS)
                .where(APPROVALS.VERSION_ID.eq(versionId))
                .and(APPROVALS.REQUIRED_FOR_ENV.in(environment.getEnvironmentName(), environment.getEnvironmentType().getLiteral()))
                .fetch(APPROVALS.APPROVAL_TYPE));
        return required;
    }

    /** The missing types, read in ctx's transaction; the approvals that open the gate stay locked until it ends. */
    static Set<ApprovalType> missing(DSLContext ctx, UUID versionId, EnvironmentsRecord environment) {
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

    private static Condition forEnvironment(EnvironmentsRecord environment) {
        return APPROVALS.REQUIRED_FOR_ENV.isNull().or(APPROVALS.REQUIRED_FOR_ENV.in(environment.getEnvironmentName(),
                environment.getEnvironmentType().getLiteral()));
    }
}
