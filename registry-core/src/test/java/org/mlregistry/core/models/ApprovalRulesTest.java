package org.mlregistry.core.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mlregistry.schema.jooq.registry.Tables.APPROVALS;
import static org.mlregistry.schema.jooq.registry.Tables.AUDIT_LOG;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.error.InvalidTransitionException;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.core.error.RegistryException;
import org.mlregistry.core.error.SeparationOfDutiesException;
import org.mlregistry.schema.types.ApprovalStatus;
import org.mlregistry.schema.types.ApprovalType;
import org.mlregistry.schema.types.RiskLevel;

/** Separation of duties, expiry and environment naming of approvals. */
class ApprovalRulesTest extends ModelsTestSupport {

    private static ModelVersion compliantVersion(ModelRegistry models) {
        Model m = models.catalog().createModel(NewModel.of(unique("credit"), "Credit").risk(RiskLevel.HIGH, true));
        return validated(models, m, "1.0.0");
    }

    @Test
    void theRequesterCannotApproveItsOwnRequest() {
        inRollback((models, ctx) -> {
            ModelVersion v = compliantVersion(models);
            Approval a = models.approvals().request(v.versionId(), ApprovalType.COMPLIANCE, "production", null);
            int audits = ctx.fetchCount(AUDIT_LOG);

            SeparationOfDutiesException e = catchThrowableOfType(SeparationOfDutiesException.class,
                    () -> models.approvals().approve(a.approvalId(), null, "looks good to me"));
            assertThat(e).isInstanceOf(RegistryException.class);
            assertThat(e.approvalId()).isEqualTo(a.approvalId());
            assertThat(e.actor()).isEqualTo(ACTOR);
            assertThat(e.rule()).isEqualTo("the approver of an approval cannot be its requester");
            assertThat(ctx.fetchValue("SELECT status FROM registry.approvals WHERE approval_id = ?", a.approvalId()))
                    .isEqualTo("pending");
            assertThat(ctx.fetchCount(AUDIT_LOG)).isEqualTo(audits);

            assertThat(models.actor("officer").approvals().approve(a.approvalId(), null, null).approvedBy()).isEqualTo("officer");
            return null;
        });
    }

    @Test
    void anExpiryInThePastIsRefused() {
        inRollback((models, ctx) -> {
            ModelVersion v = compliantVersion(models);
            Approval a = models.approvals().request(v.versionId(), ApprovalType.COMPLIANCE, "production", null);
            OffsetDateTime lastYear = OffsetDateTime.now().minusYears(1);
            InvalidValueException e = catchThrowableOfType(InvalidValueException.class,
                    () -> models.actor("officer").approvals().approve(a.approvalId(), lastYear, null));
            assertThat(e.field()).isEqualTo("expires_at");
            assertThat(e.value()).isEqualTo(lastYear);
            assertThat(e.rule()).isEqualTo("must be in the future");
            assertThat(ctx.fetchValue("SELECT status FROM registry.approvals WHERE approval_id = ?", a.approvalId()))
                    .isEqualTo("pending");
            return null;
        });
    }

    @Test
    void aPendingApprovalPastItsExpiryCannotBeApprovedAndIsExpiredByExpireOverdue() {
        inRollback((models, ctx) -> {
            ModelVersion v = compliantVersion(models);
            Approval a = models.approvals().request(v.versionId(), ApprovalType.SECURITY, "production", null);
            ctx.execute("UPDATE registry.approvals SET expires_at = now() - interval '1 minute' WHERE approval_id = ?", a.approvalId());

            InvalidTransitionException e = catchThrowableOfType(InvalidTransitionException.class,
                    () -> models.actor("secops").approvals().approve(a.approvalId(), null, null));
            assertThat(e.current()).isEqualTo(ApprovalStatus.EXPIRED);
            assertThat(e.attempted()).isEqualTo(ApprovalStatus.APPROVED);
            assertThat(ctx.fetchValue("SELECT approved_by FROM registry.approvals WHERE approval_id = ?", a.approvalId())).isNull();

            assertThat(models.approvals().expireOverdue()).isGreaterThanOrEqualTo(1);
            assertThat(ctx.fetchValue("SELECT status FROM registry.approvals WHERE approval_id = ?", a.approvalId()))
                    .isEqualTo("expired");
            return null;
        });
    }

    @Test
    void requiredForEnvIsAnEnvironmentNameOrType() {
        inRollback((models, ctx) -> {
            ModelVersion v = compliantVersion(models);
            assertThat(models.approvals().request(v.versionId(), ApprovalType.LEGAL, "production", null).requiredForEnv())
                    .isEqualTo("production");
            assertThat(models.approvals().request(v.versionId(), ApprovalType.LEGAL, "prod-eu", null).requiredForEnv())
                    .isEqualTo("prod-eu");
            int approvals = ctx.fetchCount(APPROVALS, APPROVALS.VERSION_ID.eq(v.versionId()));
            int audits = ctx.fetchCount(AUDIT_LOG);

            InvalidValueException e = catchThrowableOfType(InvalidValueException.class,
                    () -> models.approvals().request(v.versionId(), ApprovalType.LEGAL, "prod-mars", null));
            assertThat(e.field()).isEqualTo("required_for_env");
            assertThat(e.value()).isEqualTo("prod-mars");
            assertThat(e.rule()).isEqualTo("must be the name or the type of an environment of registry.environments");
            assertThat(ctx.fetchCount(APPROVALS, APPROVALS.VERSION_ID.eq(v.versionId()))).isEqualTo(approvals);
            assertThat(ctx.fetchCount(AUDIT_LOG)).isEqualTo(audits);
            return null;
        });
    }

    @Test
    void theGateTakesEnvironmentNamesAsDeployDoesAndRefusesUnknownOnes() {
        inRollback((models, ctx) -> {
            ModelVersion v = compliantVersion(models);
            NotFoundException required = catchThrowableOfType(NotFoundException.class,
                    () -> models.approvals().required(v.versionId(), "production"));
            assertThat(required.entity()).isEqualTo("environment");
            assertThat(required.id()).isEqualTo("production");
            assertThat(catchThrowableOfType(NotFoundException.class, () -> models.approvals().missing(v.versionId(), "nowhere")).id())
                    .isEqualTo("nowhere");
            return null;
        });
    }

    @Test
    void anApprovalForOneEnvironmentOpensOnlyThatEnvironmentsGate() {
        inRollback((models, ctx) -> {
            ModelVersion v = compliantVersion(models);
            Approval eu = models.approvals().request(v.versionId(), ApprovalType.COMPLIANCE, "prod-eu", null);
            models.approvals().request(v.versionId(), ApprovalType.SECURITY, "prod-us", null);
            models.actor("officer").approvals().approve(eu.approvalId(), null, null);

            assertThat(models.approvals().required(v.versionId(), "prod-eu")).containsExactly(ApprovalType.COMPLIANCE);
            assertThat(models.approvals().missing(v.versionId(), "prod-eu")).isEmpty();
            assertThat(models.approvals().required(v.versionId(), "prod-us"))
                    .containsExactlyInAnyOrder(ApprovalType.COMPLIANCE, ApprovalType.SECURITY);
            assertThat(models.approvals().missing(v.versionId(), "prod-us"))
                    .containsExactlyInAnyOrder(ApprovalType.COMPLIANCE, ApprovalType.SECURITY);
            assertThat(models.deployments().deploy(NewDeployment.of(v.versionId(), "prod-eu", 100)).trafficPercentage()).isEqualTo(100);

            Approval all = models.approvals().request(v.versionId(), ApprovalType.COMPLIANCE, "production", null);
            models.actor("officer").approvals().approve(all.approvalId(), OffsetDateTime.now().plusDays(30), null);
            assertThat(models.approvals().missing(v.versionId(), "prod-apac")).as("a type-wide approval covers every production environment")
                    .isEmpty();
            assertThat(models.approvals().missing(v.versionId(), "prod-us")).containsExactly(ApprovalType.SECURITY);
            assertThat(catchThrowableOfType(NotFoundException.class,
                    () -> models.actor("officer").approvals().approve(UUID.randomUUID(), null, null)).entity()).isEqualTo("approval");
            return null;
        });
    }
}
