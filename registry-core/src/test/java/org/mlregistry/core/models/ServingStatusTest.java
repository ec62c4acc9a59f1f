package org.mlregistry.core.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/**
 * A version's status matches whether it serves: after every operation that changes deployments,
 * no version of the model that is not deprecated is {@code deployed} without an active or
 * degraded deployment, or serves without being {@code deployed} (a deprecated version may still
 * serve while it is phased out).
 */
class ServingStatusTest extends ModelsTestSupport {

    /** The model's versions whose status disagrees with serving, as {@code semver:status}, by hand-written SQL. */
    private static List<String> mismatches(DSLContext ctx, UUID modelId) {
        return ctx.fetch("SELECT v.semver || ':' || v.status FROM registry.model_versions v "
                        + "WHERE v.model_id = ? AND v.status <> 'deprecated' "
                        + "AND (v.status = 'deployed') <> EXISTS (SELECT 1 FROM registry.deployments d "
                        + "  WHERE d.version_id = v.version_id AND d.status IN ('active', 'degraded')) "
                        + "ORDER BY v.semver", modelId)
                .getValues(0, String.class);
    }

    private static List<String> statuses(DSLContext ctx, UUID modelId) {
        return ctx.fetch("SELECT semver || ':' || status FROM registry.model_versions WHERE model_id = ? ORDER BY semver", modelId)
                .getValues(0, String.class);
    }

    @Test
    void everyOperationLeavesStatusMatchingServing() {
        inRollback((models, ctx) -> {
            Model m = model(models);
            UUID id = m.modelId();
            ModelVersion v1 = validated(models, m, "1.0.0");
            ModelVersion v2 = validated(models, m, "2.0.0");
            ModelVersion v3 = validated(models, m, "3.0.0");

            Deployment staging = models.deployments().deploy(NewDeployment.of(v1.versionId(), "staging", 100));
            assertThat(mismatches(ctx, id)).as("deploy").isEmpty();
            Deployment prod = models.deployments().deploy(NewDeployment.of(v1.versionId(), "prod", 100));
            assertThat(mismatches(ctx, id)).as("deploy to a second environment").isEmpty();
            models.deployments().changeTraffic(prod.deploymentId(), 80);
            assertThat(mismatches(ctx, id)).as("changeTraffic").isEmpty();
            models.deployments().undeploy(staging.deploymentId());
            assertThat(mismatches(ctx, id)).as("undeploy while serving elsewhere").isEmpty();
            assertThat(statuses(ctx, id)).containsExactly("1.0.0:deployed", "2.0.0:validated", "3.0.0:validated");

            models.rollouts().promote(v2.versionId(), "prod", 10);
            assertThat(mismatches(ctx, id)).as("promote 10 %").isEmpty();
            models.rollouts().promote(v2.versionId(), "prod", 50);
            assertThat(mismatches(ctx, id)).as("promote 50 %").isEmpty();
            models.rollouts().promote(v2.versionId(), "prod");
            assertThat(mismatches(ctx, id)).as("promote 100 %").isEmpty();
            assertThat(statuses(ctx, id)).containsExactly("1.0.0:validated", "2.0.0:deployed", "3.0.0:validated");

            models.rollouts().promote(v3.versionId(), "prod", 10);
            models.rollouts().rollback(id, "prod");
            assertThat(mismatches(ctx, id)).as("rollback of a stage").isEmpty();
            models.rollouts().rollback(id, "prod");
            assertThat(mismatches(ctx, id)).as("rollback to the previous version").isEmpty();
            assertThat(statuses(ctx, id)).containsExactly("1.0.0:deployed", "2.0.0:validated", "3.0.0:validated");

            for (Deployment d : models.deployments().active(id, "prod")) {
                models.deployments().undeploy(d.deploymentId());
            }
            assertThat(mismatches(ctx, id)).as("last undeploy").isEmpty();
            assertThat(statuses(ctx, id)).containsExactly("1.0.0:validated", "2.0.0:validated", "3.0.0:validated");
            return null;
        });
    }

    @Test
    void theCheckCatchesAVersionLeftDeployedWithoutADeployment() {
        inRollback((models, ctx) -> {
            Model m = model(models);
            ModelVersion v = validated(models, m, "1.0.0");
            Deployment d = models.deployments().deploy(NewDeployment.of(v.versionId(), "canary", 100));
            // what undeploy did before: end the deployment and leave the status
            ctx.execute("UPDATE registry.deployments SET status = 'inactive' WHERE deployment_id = ?", d.deploymentId());
            assertThat(mismatches(ctx, m.modelId())).containsExactly("1.0.0:deployed");
            return null;
        });
    }
}
