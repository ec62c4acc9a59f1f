package org.mlregistry.core.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.mlregistry.core.error.InvalidTransitionException;
import org.mlregistry.core.error.VersionServingException;
import org.mlregistry.schema.types.VersionStatus;

class ArchiveWhileServingTest extends ModelsTestSupport {

    @Test
    void aVersionWithServingDeploymentsIsNotArchived() {
        inRollback((models, ctx) -> {
            Model m = model(models);
            ModelVersion v = validated(models, m, "1.0.0");
            Deployment canary = models.deployments().deploy(NewDeployment.of(v.versionId(), "canary", 100));
            Deployment staging = models.deployments().deploy(NewDeployment.of(v.versionId(), "staging", 100));
            models.versions().deprecate(v.versionId(), "superseded");

            VersionServingException e = catchThrowableOfType(VersionServingException.class,
                    () -> models.versions().archive(v.versionId(), "gone"));
            assertThat(e).isInstanceOf(InvalidTransitionException.class);
            assertThat(e.current()).isEqualTo(VersionStatus.DEPRECATED);
            assertThat(e.servingDeployments()).containsExactlyInAnyOrder(canary.deploymentId(), staging.deploymentId());
            assertThat(e.getMessage()).contains(canary.deploymentId().toString());
            assertThat(models.versions().get(v.versionId()).status()).isEqualTo(VersionStatus.DEPRECATED);
            assertThat(models.audit().of(v.versionId())).extracting(AuditEntry::action)
                    .doesNotContain("status:archived");

            models.deployments().undeploy(canary.deploymentId());
            assertThat(catchThrowableOfType(VersionServingException.class,
                    () -> models.versions().archive(v.versionId(), "gone")).servingDeployments()).containsExactly(staging.deploymentId());
            models.deployments().undeploy(staging.deploymentId());
            assertThat(models.versions().archive(v.versionId(), "gone").status()).isEqualTo(VersionStatus.ARCHIVED);
            return null;
        });
    }
}
