package org.mlregistry.core.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mlregistry.schema.jooq.registry.Tables.APPROVALS;
import static org.mlregistry.schema.jooq.registry.Tables.AUDIT_LOG;
import static org.mlregistry.schema.jooq.registry.Tables.DEPLOYMENTS;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.error.ApprovalRequiredException;
import org.mlregistry.core.error.ConstraintViolationException;
import org.mlregistry.core.error.InvalidTransitionException;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.core.error.RegistryException;
import org.mlregistry.schema.types.ApprovalStatus;
import org.mlregistry.schema.types.ApprovalType;
import org.mlregistry.schema.types.RiskLevel;
import org.mlregistry.schema.types.VersionStatus;

class ApprovalGateTest extends ModelsTestSupport {

    private static Model compliantModel(ModelRegistry models) {
        return models.catalog().createModel(NewModel.of(unique("credit"), "Credit").risk(RiskLevel.HIGH, true));
    }

    @Test
    void productionDeployWithoutApprovalIsRefusedAndNothingIsWritten() {
        inRollback((models, ctx) -> {
            ModelVersion v = validated(models, compliantModel(models), "1.0.0");
            int audits = ctx.fetchCount(AUDIT_LOG);
            ApprovalRequiredException e = catchThrowableOfType(ApprovalRequiredException.class,
                    () -> models.deployments().deploy(NewDeployment.of(v.versionId(), "prod-eu", 100)));
            assertThat(e).isInstanceOf(RegistryException.class);
            assertThat(e.missing()).containsExactly(ApprovalType.COMPLIANCE);
            assertThat(e.environment()).isEqualTo("prod-eu");
            assertThat(e.versionId()).isEqualTo(v.versionId());
            assertThat(ctx.fetchCount(DEPLOYMENTS, DEPLOYMENTS.VERSION_ID.eq(v.versionId()))).isZero();
            assertThat(models.versions().get(v.versionId()).status()).isEqualTo(VersionStatus.VALIDATED);
            assertThat(ctx.fetchCount(AUDIT_LOG)).isEqualTo(audits);
            // non-production environments need no approval
            assertThat(models.deployments().deploy(NewDeployment.of(v.versionId(), "staging", 100)).trafficPercentage()).isEqualTo(100);
            return null;
        });
    }

    @Test
    void modelWithoutComplianceNeedsNoApprovalInProduction() {
        inRollback((models, ctx) -> {
            ModelVersion v = validated(models, model(models), "1.0.0");
            assertThat(models.deployments().deploy(NewDeployment.of(v.versionId(), "prod", 100)).deployedBy()).isEqualTo(ACTOR);
            return null;
        });
    }

    @Test
    void requestedTypesBecomeRequiredAndApprovalsOpenTheGate() {
        inRollback((models, ctx) -> {
            ModelVersion v = validated(models, compliantModel(models), "1.0.0");
            Approval compliance = models.approvals().request(v.versionId(), ApprovalType.COMPLIANCE, "production", "GDPR review");
            Approval security = models.approvals().request(v.versionId(), ApprovalType.SECURITY, "production", null);
            assertThat(compliance.status()).isEqualTo(ApprovalStatus.PENDING);
            assertThat(compliance.requestedBy()).isEqualTo(ACTOR);
            assertThat(models.approvals().required(v.versionId(), "prod"))
                    .containsExactlyInAnyOrder(ApprovalType.COMPLIANCE, ApprovalType.SECURITY);

            Approval approved = models.actor("compliance-officer").approvals().approve(compliance.approvalId(),
                    OffsetDateTime.now().plusDays(30), "ok");
            assertThat(approved.status()).isEqualTo(ApprovalStatus.APPROVED);
            assertThat(approved.approvedBy()).isEqualTo("compliance-officer");
            assertThat(approved.approvedAt()).isNotNull();
            assertThat(approved.rejectedBy()).isNull();
            assertThat(catchThrowableOfType(ApprovalRequiredException.class,
                    () -> models.deployments().deploy(NewDeployment.of(v.versionId(), "prod", 100))).missing())
                    .containsExactly(ApprovalType.SECURITY);

            Approval rejected = models.actor("secops").approvals().reject(security.approvalId(), "pen test pending");
            assertThat(rejected.status()).isEqualTo(ApprovalStatus.REJECTED);
            assertThat(rejected.rejectedBy()).isEqualTo("secops");
            assertThat(rejected.rejectionReason()).isEqualTo("pen test pending");
            assertThat(rejected.approvedBy()).isNull();
            assertThat(models.approvals().missing(v.versionId(), "prod")).containsExactly(ApprovalType.SECURITY);

            Approval retry = models.approvals().request(v.versionId(), ApprovalType.SECURITY, "production", "pen test done");
            models.actor("secops").approvals().approve(retry.approvalId(), null, null);
            assertThat(models.approvals().missing(v.versionId(), "prod")).isEmpty();

            var d = models.deployments().deploy(NewDeployment.of(v.versionId(), "prod", 100));
            assertThat(d.trafficPercentage()).isEqualTo(100);
            ModelVersion deployed = models.versions().get(v.versionId());
            assertThat(deployed.status()).isEqualTo(VersionStatus.DEPLOYED);
            assertThat(deployed.promotedToProductionAt()).isNotNull();
            assertThat(models.approvals().of(v.versionId())).hasSize(3);
            assertThat(models.audit().of(compliance.approvalId())).extracting(AuditEntry::action)
                    .containsExactly("request", "approved");
            return null;
        });
    }

    @Test
    void expiredApprovalsDoNotOpenTheGate() {
        inRollback((models, ctx) -> {
            ModelVersion v = validated(models, compliantModel(models), "1.0.0");
            Approval a = models.approvals().request(v.versionId(), ApprovalType.COMPLIANCE, "production", null);
            models.actor("officer").approvals().approve(a.approvalId(), OffsetDateTime.now().plusDays(1), null);
            // a day passes: the approval's expiry is behind us, its status still says approved
            ctx.execute("UPDATE registry.approvals SET expires_at = now() - interval '1 hour' WHERE approval_id = ?", a.approvalId());
            assertThat(models.approvals().missing(v.versionId(), "prod")).containsExactly(ApprovalType.COMPLIANCE);
            assertThat(catchThrowableOfType(ApprovalRequiredException.class,
                    () -> models.deployments().deploy(NewDeployment.of(v.versionId(), "prod", 100))).missing())
                    .containsExactly(ApprovalType.COMPLIANCE);
            assertThat(models.approvals().expireOverdue()).isGreaterThanOrEqualTo(1);
            assertThat(models.approvals().of(v.versionId())).extracting(Approval::status).containsExactly(ApprovalStatus.EXPIRED);

            Approval b = models.approvals().request(v.versionId(), ApprovalType.COMPLIANCE, null, null);
            models.actor("officer").approvals().approve(b.approvalId(), null, null);
            assertThat(models.approvals().missing(v.versionId(), "prod")).isEmpty();
            Approval expired = models.approvals().expire(b.approvalId());
            assertThat(expired.status()).isEqualTo(ApprovalStatus.EXPIRED);
            assertThat(expired.approvedBy()).isEqualTo("officer");
            assertThat(models.approvals().missing(v.versionId(), "prod")).containsExactly(ApprovalType.COMPLIANCE);
            assertThat(catchThrowableOfType(InvalidTransitionException.class, () -> models.approvals().expire(b.approvalId())).current())
                    .isEqualTo(ApprovalStatus.EXPIRED);
            return null;
        });
    }

    @Test
    void decisionsOnlyFromPendingAndTheXorConstraintHolds() {
        inRollback((models, ctx) -> {
            ModelVersion v = validated(models, compliantModel(models), "1.0.0");
            Approval a = models.approvals().request(v.versionId(), ApprovalType.LEGAL, "production", null);
            models.actor("counsel").approvals().approve(a.approvalId(), null, null);
            InvalidTransitionException e = catchThrowableOfType(InvalidTransitionException.class,
                    () -> models.approvals().reject(a.approvalId(), "changed my mind"));
            assertThat(e.current()).isEqualTo(ApprovalStatus.APPROVED);
            assertThat(e.attempted()).isEqualTo(ApprovalStatus.REJECTED);
            assertThat(models.approvals().of(v.versionId()).get(0).rejectedBy()).isNull();
            assertThat(catchThrowableOfType(NotFoundException.class, () -> models.actor("counsel").approvals().approve(UUID.randomUUID(), null, null)).entity())
                    .isEqualTo("approval");

            ConstraintViolationException xor = catchThrowableOfType(ConstraintViolationException.class,
                    () -> Registry.configure().dsl(ctx).load().inTransaction(c -> c.update(APPROVALS)
                            .set(APPROVALS.REJECTED_BY, "someone").where(APPROVALS.APPROVAL_ID.eq(a.approvalId())).execute()));
            assertThat(xor.constraint()).isEqualTo("approval_xor");
            assertThat(xor.field()).isEqualTo("status");
            return null;
        });
    }
}
