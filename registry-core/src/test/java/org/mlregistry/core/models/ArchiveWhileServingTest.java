package org.mlregistry.core.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.mlregistry.core.error.InvalidTransitionException;
import org.mlregistry.schema.jooq.registry.tables.pojos.Deployments;
import org.mlregistry.schema.jooq.registry.tables.pojos.ModelVersions;
import org.mlregistry.schema.jooq.registry.tables.pojos.Models;
import org.mlregistry.schema.types.VersionStatus;

class ArchiveWhileServingTest extends ModelsTestSupport {

    @Test
    void aVersionWithServingDeploymentsIsNotArchived() {
        inRollback((models, ctx) -> {
            Models m = model(models);
            ModelVersions v = validated(models, m, "1.0.0");
            Deployments canary = models.deploy(NewDeployment.of(v.versionId(), "canary", 100));
            Deployments staging = models.deploy(NewDeployment.of(v.versionId(), "staging", 100));
            models.deprecate(v.versionId(), "superseded");

            VersionServingException e = catchThrowableOfType(VersionServingException.class,
                    () -> models.archive(v.versionId(), "gone"));
            assertThat(e).isInstanceOf(InvalidTransitionException.class);
            assertThat(e.current()).isEqualTo(VersionStatus.DEPRECATED);
            assertThat(e.servingDeployments()).containsExactlyInAnyOrder(canary.deploymentId(), staging.deploymentId());
            assertThat(e.getMessage()).contains(canary.deploymentId().toString());
            assertThat(models.version(v.versionId()).status()).isEqualTo(VersionStatus.DEPRECATED);
            assertThat(models.auditTrail(v.versionId())).extracting(ModelRegistry.AuditEntry::action)
                    .doesNotContain("status:archived");

            models.undeploy(canary.deploymentId());
            assertThat(catchThrowableOfType(VersionServingException.class,
                    () -> models.archive(v.versionId(), "gone")).servingDeployments()).containsExactly(staging.deploymentId());
            models.undeploy(staging.deploymentId());
            assertThat(models.archive(v.versionId(), "gone").status()).isEqualTo(VersionStatus.ARCHIVED);
            return null;
        });
    }
}
