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
import org.mlregistry.core.error.ConstraintViolationException;
import org.mlregistry.core.error.InvalidTransitionException;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.core.error.RegistryException;
import org.mlregistry.schema.jooq.registry.tables.pojos.Approvals;
import org.mlregistry.schema.jooq.registry.tables.pojos.ModelVersions;
import org.mlregistry.schema.jooq.registry.tables.pojos.Models;
import org.mlregistry.schema.types.ApprovalStatus;
import org.mlregistry.schema.types.ApprovalType;
import org.mlregistry.schema.types.RiskLevel;
import org.mlregistry.schema.types.VersionStatus;

class ApprovalGateTest extends ModelsTestSupport {

    private static Models compliantModel(ModelRegistry models) {
        return models.createModel(NewModel.of(unique("credit"), "Credit").risk(RiskLevel.HIGH, true));
    }

    @Test
    void productionDeployWithoutApprovalIsRefusedAndNothingIsWritten() {
        inRollback((models, ctx) -> {
            ModelVersions v = validated(models, compliantModel(models), "1.0.0");
            int audits = ctx.fetchCount(AUDIT_LOG);
            ApprovalRequiredException e = catchThrowableOfType(ApprovalRequiredException.class,
                    () -> models.deploy(NewDeployment.of(v.versionId(), "prod-eu", 100)));
            assertThat(e).isInstanceOf(RegistryException.class);
            assertThat(e.missing()).containsExactly(ApprovalType.COMPLIANCE);
            assertThat(e.environment()).isEqualTo("prod-eu");
            assertThat(e.versionId()).isEqualTo(v.versionId());
            assertThat(ctx.fetchCount(DEPLOYMENTS, DEPLOYMENTS.VERSION_ID.eq(v.versionId()))).isZero();
            assertThat(models.version(v.versionId()).status()).isEqualTo(VersionStatus.VALIDATED);
            assertThat(ctx.fetchCount(AUDIT_LOG)).isEqualTo(audits);
            // non-production environments need no approval
            assertThat(models.deploy(NewDeployment.of(v.versionId(), "staging", 100)).trafficPercentage()).isEqualTo(100);
            return null;
        });
    }

    @Test
    void modelWithoutComplianceNeedsNoApprovalInProduction() {
        inRollback((models, ctx) -> {
            ModelVersions v = validated(models, model(models), "1.0.0");
            assertThat(models.deploy(NewDeployment.of(v.versionId(), "prod", 100)).deployedBy()).isEqualTo(ACTOR);
            return null;
        });
    }

    @Test
    void requestedTypesBecomeRequiredAndApprovalsOpenTheGate() {
        inRollback((models, ctx) -> {
            ModelVersions v = validated(models, compliantModel(models), "1.0.0");
            Approvals compliance = models.requestApproval(v.versionId(), ApprovalType.COMPLIANCE, "production", "GDPR review");
            Approvals security = models.requestApproval(v.versionId(), ApprovalType.SECURITY, "production", null);
            assertThat(compliance.status()).isEqualTo(ApprovalStatus.PENDING);
            assertThat(compliance.requestedBy()).isEqualTo(ACTOR);
            assertThat(models.requiredApprovals(v.versionId(), "prod"))
                    .containsExactlyInAnyOrder(ApprovalType.COMPLIANCE, ApprovalType.SECURITY);

            Approvals approved = models.actor("compliance-officer").approve(compliance.approvalId(),
                    OffsetDateTime.now().plusDays(30), "ok");
            assertThat(approved.status()).isEqualTo(ApprovalStatus.APPROVED);
            assertThat(approved.approvedBy()).isEqualTo("compliance-officer");
            assertThat(approved.approvedAt()).isNotNull();
            assertThat(approved.rejectedBy()).isNull();
            assertThat(catchThrowableOfType(ApprovalRequiredException.class,
                    () -> models.deploy(NewDeployment.of(v.versionId(), "prod", 100))).missing())
                    .containsExactly(ApprovalType.SECURITY);

            Approvals rejected = models.actor("secops").reject(security.approvalId(), "pen test pending");
            assertThat(rejected.status()).isEqualTo(ApprovalStatus.REJECTED);
            assertThat(rejected.rejectedBy()).isEqualTo("secops");
            assertThat(rejected.rejectionReason()).isEqualTo("pen test pending");
            assertThat(rejected.approvedBy()).isNull();
            assertThat(models.missingApprovals(v.versionId(), "prod")).containsExactly(ApprovalType.SECURITY);

            Approvals retry = models.requestApproval(v.versionId(), ApprovalType.SECURITY, "production", "pen test done");
            models.actor("secops").approve(retry.approvalId(), null, null);
            assertThat(models.missingApprovals(v.versionId(), "prod")).isEmpty();

            var d = models.deploy(NewDeployment.of(v.versionId(), "prod", 100));
            assertThat(d.trafficPercentage()).isEqualTo(100);
            ModelVersions deployed = models.version(v.versionId());
            assertThat(deployed.status()).isEqualTo(VersionStatus.DEPLOYED);
            assertThat(deployed.promotedToProductionAt()).isNotNull();
            assertThat(models.approvals(v.versionId())).hasSize(3);
            assertThat(models.auditTrail(compliance.approvalId())).extracting(ModelRegistry.AuditEntry::action)
                    .containsExactly("request", "approved");
            return null;
        });
    }

    @Test
    void expiredApprovalsDoNotOpenTheGate() {
        inRollback((models, ctx) -> {
            ModelVersions v = validated(models, compliantModel(models), "1.0.0");
            Approvals a = models.requestApproval(v.versionId(), ApprovalType.COMPLIANCE, "production", null);
            models.approve(a.approvalId(), OffsetDateTime.now().minusHours(1), null);
            assertThat(catchThrowableOfType(ApprovalRequiredException.class,
                    () -> models.deploy(NewDeployment.of(v.versionId(), "prod", 100))).missing())
                    .containsExactly(ApprovalType.COMPLIANCE);
            assertThat(models.expireOverdueApprovals()).isGreaterThanOrEqualTo(1);
            assertThat(models.approvals(v.versionId())).extracting(Approvals::status).containsExactly(ApprovalStatus.EXPIRED);

            Approvals b = models.requestApproval(v.versionId(), ApprovalType.COMPLIANCE, null, null);
            models.approve(b.approvalId(), null, null);
            assertThat(models.missingApprovals(v.versionId(), "prod")).isEmpty();
            Approvals expired = models.expire(b.approvalId());
            assertThat(expired.status()).isEqualTo(ApprovalStatus.EXPIRED);
            assertThat(expired.approvedBy()).isEqualTo(ACTOR);
            assertThat(models.missingApprovals(v.versionId(), "prod")).containsExactly(ApprovalType.COMPLIANCE);
            assertThat(catchThrowableOfType(InvalidTransitionException.class, () -> models.expire(b.approvalId())).current())
                    .isEqualTo(ApprovalStatus.EXPIRED);
            return null;
        });
    }

    @Test
    void decisionsOnlyFromPendingAndTheXorConstraintHolds() {
        inRollback((models, ctx) -> {
            ModelVersions v = validated(models, compliantModel(models), "1.0.0");
            Approvals a = models.requestApproval(v.versionId(), ApprovalType.LEGAL, "production", null);
            models.approve(a.approvalId(), null, null);
            InvalidTransitionException e = catchThrowableOfType(InvalidTransitionException.class,
                    () -> models.reject(a.approvalId(), "changed my mind"));
            assertThat(e.current()).isEqualTo(ApprovalStatus.APPROVED);
            assertThat(e.attempted()).isEqualTo(ApprovalStatus.REJECTED);
            assertThat(models.approvals(v.versionId()).get(0).rejectedBy()).isNull();
            assertThat(catchThrowableOfType(NotFoundException.class, () -> models.approve(UUID.randomUUID(), null, null)).entity())
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
