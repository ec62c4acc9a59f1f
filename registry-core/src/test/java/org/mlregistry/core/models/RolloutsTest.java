package org.mlregistry.core.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mlregistry.schema.jooq.registry.Tables.AUDIT_LOG;

import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.error.ApprovalRequiredException;
import org.mlregistry.core.error.InvalidTransitionException;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.schema.types.ApprovalType;
import org.mlregistry.schema.types.RiskLevel;
import org.mlregistry.schema.types.VersionStatus;

/** Promote and rollback, each one transaction, checked against hand-written SQL over the deployments. */
class RolloutsTest extends ModelsTestSupport {

    /** The model's serving deployments in the environment as {@code semver@traffic}, from SQL, highest traffic first. */
    static List<String> serving(DSLContext ctx, UUID modelId, String environment) {
        return ctx.fetch("SELECT v.semver || '@' || d.traffic_percentage AS s FROM registry.deployments d "
                        + "JOIN registry.model_versions v ON v.version_id = d.version_id "
                        + "JOIN registry.environments e ON e.environment_id = d.environment_id "
                        + "WHERE v.model_id = ? AND e.environment_name = ? AND d.status IN ('active', 'degraded') "
                        + "ORDER BY d.traffic_percentage DESC, v.semver", modelId, environment)
                .getValues(0, String.class);
    }

    static String status(DSLContext ctx, ModelVersion v) {
        return ctx.fetchValue("SELECT status FROM registry.model_versions WHERE version_id = ?", v.versionId()).toString();
    }

    @Test
    void promoteGivesTheVersionAllTrafficAndEndsTheServingOnes() {
        inRollback((models, ctx) -> {
            Model m = model(models);
            ModelVersion v1 = validated(models, m, "1.0.0");
            ModelVersion v2 = validated(models, m, "2.0.0");
            Deployment old = models.deployments().deploy(new NewDeployment(v1.versionId(), "prod", 3, 100, "https://serve/m"));

            List<Deployment> after = models.rollouts().promote(v2.versionId(), "prod");

            assertThat(serving(ctx, m.modelId(), "prod")).containsExactly("2.0.0@100");
            assertThat(after).extracting(Deployment::versionId, Deployment::trafficPercentage, Deployment::replicas, Deployment::endpointUrl)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(v2.versionId(), 100, 3, "https://serve/m"));
            assertThat(ctx.fetchValue("SELECT status || ' by ' || undeployed_by FROM registry.deployments WHERE deployment_id = ?",
                    old.deploymentId())).isEqualTo("inactive by " + ACTOR);
            assertThat(status(ctx, v1)).isEqualTo("validated");
            assertThat(status(ctx, v2)).isEqualTo("deployed");
            assertThat(models.versions().get(v2.versionId()).promotedToProductionAt()).isNotNull();
            assertThat(models.audit().of(old.deploymentId())).extracting(AuditEntry::action).containsExactly("deploy", "promote");
            assertThat(models.audit().of(after.get(0).deploymentId())).extracting(AuditEntry::action).containsExactly("promote");
            assertThat(models.audit().of(v1.versionId())).extracting(AuditEntry::action).endsWith("status:deployed", "status:validated");
            return null;
        });
    }

    @Test
    void stagedPromotionMovesTenThenFiftyThenAllOfTheTraffic() {
        inRollback((models, ctx) -> {
            Model m = model(models);
            ModelVersion v1 = validated(models, m, "1.0.0");
            ModelVersion v2 = validated(models, m, "2.0.0");
            models.deployments().deploy(NewDeployment.of(v1.versionId(), "canary", 100));

            models.rollouts().promote(v2.versionId(), "canary", 10);
            assertThat(serving(ctx, m.modelId(), "canary")).containsExactly("1.0.0@90", "2.0.0@10");
            assertThat(status(ctx, v1)).isEqualTo("deployed");
            assertThat(status(ctx, v2)).isEqualTo("deployed");
            UUID canary = models.deployments().active(m.modelId(), "canary").get(0).deploymentId();

            models.rollouts().promote(v2.versionId(), "canary", 50);
            assertThat(serving(ctx, m.modelId(), "canary")).containsExactly("1.0.0@50", "2.0.0@50");
            assertThat(models.deployments().active(m.modelId(), "canary")).extracting(Deployment::deploymentId)
                    .as("the same deployment carries each stage").contains(canary);

            List<Deployment> done = models.rollouts().promote(v2.versionId(), "canary", 100);
            assertThat(serving(ctx, m.modelId(), "canary")).containsExactly("2.0.0@100");
            assertThat(done).extracting(Deployment::deploymentId).containsExactly(canary);
            assertThat(status(ctx, v1)).isEqualTo("validated");
            assertThat(models.audit().of(canary)).extracting(AuditEntry::action).containsExactly("promote", "promote", "promote");
            return null;
        });
    }

    @Test
    void aStageSplitsTheRestInProportionAndNeverGivesTheOthersMoreThanTheyHad() {
        inRollback((models, ctx) -> {
            Model m = model(models);
            ModelVersion v0 = validated(models, m, "0.9.0");
            ModelVersion v1 = validated(models, m, "1.0.0");
            ModelVersion v2 = validated(models, m, "2.0.0");
            models.deployments().deploy(NewDeployment.of(v0.versionId(), "staging", 40));
            models.deployments().deploy(NewDeployment.of(v1.versionId(), "staging", 60));
            models.rollouts().promote(v2.versionId(), "staging", 10);
            // 90 in proportion 60:40
            assertThat(serving(ctx, m.modelId(), "staging")).containsExactly("1.0.0@54", "0.9.0@36", "2.0.0@10");

            Model lone = model(models);
            ModelVersion a = validated(models, lone, "1.0.0");
            ModelVersion b = validated(models, lone, "2.0.0");
            models.deployments().deploy(NewDeployment.of(a.versionId(), "staging", 30));
            models.rollouts().promote(b.versionId(), "staging", 10);
            assertThat(serving(ctx, lone.modelId(), "staging")).containsExactly("1.0.0@30", "2.0.0@10");
            return null;
        });
    }

    @Test
    void promotingToTheShareItHasWritesNothing() {
        inRollback((models, ctx) -> {
            Model m = model(models);
            ModelVersion v1 = validated(models, m, "1.0.0");
            models.rollouts().promote(v1.versionId(), "canary");
            int audits = ctx.fetchCount(AUDIT_LOG);
            assertThat(models.rollouts().promote(v1.versionId(), "canary")).extracting(Deployment::trafficPercentage).containsExactly(100);
            assertThat(ctx.fetchCount(AUDIT_LOG)).isEqualTo(audits);
            assertThat(serving(ctx, m.modelId(), "canary")).containsExactly("1.0.0@100");
            return null;
        });
    }

    @Test
    void rollbackOfAStagedPromotionGivesTheTrafficBack() {
        inRollback((models, ctx) -> {
            Model m = model(models);
            ModelVersion v1 = validated(models, m, "1.0.0");
            ModelVersion v2 = validated(models, m, "2.0.0");
            Deployment stable = models.deployments().deploy(NewDeployment.of(v1.versionId(), "canary", 100));
            models.rollouts().promote(v2.versionId(), "canary", 10);

            List<Deployment> after = models.rollouts().rollback(m.modelId(), "canary");

            assertThat(serving(ctx, m.modelId(), "canary")).containsExactly("1.0.0@100");
            assertThat(after).extracting(Deployment::deploymentId).containsExactly(stable.deploymentId());
            assertThat(status(ctx, v2)).isEqualTo("validated");
            assertThat(status(ctx, v1)).isEqualTo("deployed");
            assertThat(models.audit().of(stable.deploymentId())).extracting(AuditEntry::action)
                    .containsExactly("deploy", "traffic", "rollback");
            return null;
        });
    }

    @Test
    void rollbackAfterAFullPromotionRedeploysThePreviousVersionAndTwiceReturnsToTheStart() {
        inRollback((models, ctx) -> {
            Model m = model(models);
            ModelVersion v1 = validated(models, m, "1.0.0");
            ModelVersion v2 = validated(models, m, "2.0.0");
            ModelVersion v3 = validated(models, m, "3.0.0");
            models.deployments().deploy(new NewDeployment(v1.versionId(), "staging", 2, 100, "https://v1"));
            models.rollouts().promote(v2.versionId(), "staging");
            models.rollouts().promote(v3.versionId(), "staging");

            List<Deployment> back = models.rollouts().rollback(m.modelId(), "staging");
            assertThat(serving(ctx, m.modelId(), "staging")).as("previous = the version that served just before 3.0.0")
                    .containsExactly("2.0.0@100");
            assertThat(back.get(0).replicas()).isEqualTo(2);
            assertThat(back.get(0).endpointUrl()).isEqualTo("https://v1");
            assertThat(models.audit().of(back.get(0).deploymentId())).extracting(AuditEntry::action).containsExactly("rollback");
            assertThat(status(ctx, v3)).isEqualTo("validated");
            assertThat(status(ctx, v2)).isEqualTo("deployed");

            models.rollouts().rollback(m.modelId(), "staging");
            assertThat(serving(ctx, m.modelId(), "staging")).as("rolling back twice undoes the rollback").containsExactly("3.0.0@100");
            assertThat(status(ctx, v2)).isEqualTo("validated");
            assertThat(status(ctx, v1)).isEqualTo("validated");
            return null;
        });
    }

    @Test
    void rollbackIsRefusedWithNothingToReturnTo() {
        inRollback((models, ctx) -> {
            Model m = model(models);
            ModelVersion v1 = validated(models, m, "1.0.0");
            InvalidTransitionException none = catchThrowableOfType(InvalidTransitionException.class,
                    () -> models.rollouts().rollback(m.modelId(), "prod"));
            assertThat(none.current()).isEqualTo("nothing serving in prod");
            assertThat(none.attempted()).isEqualTo("rollback");

            models.deployments().deploy(NewDeployment.of(v1.versionId(), "prod", 100));
            int audits = ctx.fetchCount(AUDIT_LOG);
            InvalidTransitionException first = catchThrowableOfType(InvalidTransitionException.class,
                    () -> models.rollouts().rollback(m.modelId(), "prod"));
            assertThat(first.entity()).isEqualTo("model");
            assertThat(first.id()).isEqualTo(m.modelId());
            assertThat(first.current().toString()).startsWith("no other version served in prod before");
            assertThat(ctx.fetchCount(AUDIT_LOG)).isEqualTo(audits);
            assertThat(serving(ctx, m.modelId(), "prod")).containsExactly("1.0.0@100");

            ModelVersion v2 = validated(models, m, "2.0.0");
            models.rollouts().promote(v2.versionId(), "prod");
            models.versions().deprecate(v1.versionId(), "withdrawn");
            InvalidTransitionException deprecated = catchThrowableOfType(InvalidTransitionException.class,
                    () -> models.rollouts().rollback(m.modelId(), "prod"));
            assertThat(deprecated.id()).isEqualTo(v1.versionId());
            assertThat(deprecated.current()).isEqualTo(VersionStatus.DEPRECATED);
            assertThat(serving(ctx, m.modelId(), "prod")).containsExactly("2.0.0@100");
            assertThat(catchThrowableOfType(NotFoundException.class, () -> models.rollouts().rollback(UUID.randomUUID(), "prod")).entity())
                    .isEqualTo("model");
            return null;
        });
    }

    @Test
    void promoteRefusesBadInputAndUndeployableVersionsAndWritesNothing() {
        inRollback((models, ctx) -> {
            Model m = model(models);
            ModelVersion registered = version(models, m, "1.0.0");
            ModelVersion v = validated(models, m, "2.0.0");
            int audits = ctx.fetchCount(AUDIT_LOG);
            for (int bad : new int[] {0, 101}) {
                InvalidValueException e = catchThrowableOfType(InvalidValueException.class,
                        () -> models.rollouts().promote(v.versionId(), "prod", bad));
                assertThat(e.field()).isEqualTo("traffic_percentage");
                assertThat(e.rule()).isEqualTo("must be within [1, 100]");
            }
            InvalidTransitionException notValidated = catchThrowableOfType(InvalidTransitionException.class,
                    () -> models.rollouts().promote(registered.versionId(), "prod"));
            assertThat(notValidated.current()).isEqualTo(VersionStatus.REGISTERED);
            assertThat(catchThrowableOfType(NotFoundException.class, () -> models.rollouts().promote(v.versionId(), "moon")).entity())
                    .isEqualTo("environment");
            assertThat(catchThrowableOfType(NotFoundException.class, () -> models.rollouts().promote(UUID.randomUUID(), "prod")).entity())
                    .isEqualTo("model version");
            assertThat(ctx.fetchCount(AUDIT_LOG)).isEqualTo(audits);
            return null;
        });
    }

    @Test
    void promoteAndRollbackPassTheProductionApprovalGate() {
        inRollback((models, ctx) -> {
            Model m = models.catalog().createModel(NewModel.of(unique("credit"), "Credit").risk(RiskLevel.HIGH, true));
            ModelVersion v1 = validated(models, m, "1.0.0");
            ModelVersion v2 = validated(models, m, "2.0.0");
            ApprovalRequiredException refused = catchThrowableOfType(ApprovalRequiredException.class,
                    () -> models.rollouts().promote(v1.versionId(), "prod"));
            assertThat(refused.missing()).containsExactly(ApprovalType.COMPLIANCE);
            assertThat(serving(ctx, m.modelId(), "prod")).isEmpty();

            Approval a1 = models.approvals().request(v1.versionId(), ApprovalType.COMPLIANCE, "production", null);
            models.actor("officer").approvals().approve(a1.approvalId(), null, null);
            models.rollouts().promote(v1.versionId(), "prod");
            assertThat(catchThrowableOfType(ApprovalRequiredException.class,
                    () -> models.rollouts().promote(v2.versionId(), "prod", 10)).versionId()).isEqualTo(v2.versionId());
            Approval a2 = models.approvals().request(v2.versionId(), ApprovalType.COMPLIANCE, "prod", null);
            models.actor("officer").approvals().approve(a2.approvalId(), null, null);
            models.rollouts().promote(v2.versionId(), "prod");

            models.approvals().expire(a1.approvalId());
            ApprovalRequiredException back = catchThrowableOfType(ApprovalRequiredException.class,
                    () -> models.rollouts().rollback(m.modelId(), "prod"));
            assertThat(back.versionId()).as("the rollback target's approval expired").isEqualTo(v1.versionId());
            assertThat(serving(ctx, m.modelId(), "prod")).containsExactly("2.0.0@100");
            return null;
        });
    }

    @Test
    void theSplitGivesRoundingToTheLargestRemaindersThenTheNewer() {
        Deployment a = new Deployment(UUID.randomUUID(), null, 1, null, 1, 1, null, null, null, null, null, null, null, null, null, null);
        Deployment b = new Deployment(UUID.randomUUID(), null, 1, null, 1, 1, null, null, null, null, null, null, null, null, null, null);
        Deployment c = new Deployment(UUID.randomUUID(), null, 1, null, 1, 1, null, null, null, null, null, null, null, null, null, null);
        assertThat(Rollouts.split(List.of(a, b, c), 2)).containsExactly(1, 1, 0);
        assertThat(Rollouts.split(List.of(a, b, c), 90)).containsExactly(1, 1, 1);
        assertThat(Rollouts.split(List.of(), 50)).isEmpty();
    }
}
