package org.mlregistry.core.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mlregistry.schema.jooq.registry.Tables.DEPLOYMENTS;

import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.error.ConstraintViolationException;
import org.mlregistry.core.error.InvalidTransitionException;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.core.error.TrafficLimitExceededException;
import org.mlregistry.schema.types.DeploymentStatus;
import org.mlregistry.schema.types.VersionStatus;

class DeploymentsTest extends ModelsTestSupport {

    @Test
    void deploysAValidatedVersionAndMarksItDeployed() {
        inRollback((models, ctx) -> {
            Model m = model(models);
            ModelVersion v = validated(models, m, "1.0.0");
            Deployment d = models.deployments().deploy(new NewDeployment(v.versionId(), "staging", 3, 100, "https://staging/m"));
            assertThat(d.status()).isEqualTo(DeploymentStatus.ACTIVE);
            assertThat(d.replicas()).isEqualTo(3);
            assertThat(d.trafficPercentage()).isEqualTo(100);
            assertThat(d.deployedBy()).isEqualTo(ACTOR);
            ModelVersion after = models.versions().get(v.versionId());
            assertThat(after.status()).isEqualTo(VersionStatus.DEPLOYED);
            assertThat(after.statusReason()).isEqualTo("deployed to staging");
            assertThat(after.promotedToProductionAt()).isNull();
            assertThat(models.deployments().active(m.modelId(), "staging")).extracting(Deployment::deploymentId)
                    .containsExactly(d.deploymentId());
            assertThat(models.audit().of(d.deploymentId())).extracting(AuditEntry::action).containsExactly("deploy");
            return null;
        });
    }

    @Test
    void firstProductionDeployOfAnAlreadyDeployedVersionStampsThePromotion() {
        inRollback((models, ctx) -> {
            ModelVersion v = validated(models, model(models), "1.0.0");
            models.deployments().deploy(NewDeployment.of(v.versionId(), "staging", 100));
            assertThat(models.versions().get(v.versionId()).promotedToProductionAt()).isNull();
            models.deployments().deploy(NewDeployment.of(v.versionId(), "prod-us", 100));
            ModelVersion promoted = models.versions().get(v.versionId());
            assertThat(promoted.status()).isEqualTo(VersionStatus.DEPLOYED);
            assertThat(promoted.promotedToProductionAt()).isNotNull();
            assertThat(models.audit().of(v.versionId())).extracting(AuditEntry::action)
                    .containsExactly("register", "status:validated", "status:deployed", "promote");
            return null;
        });
    }

    @Test
    void refusesDeployingUnvalidatedVersionUnknownEnvironmentAndBadValues() {
        inRollback((models, ctx) -> {
            Model m = model(models);
            ModelVersion v = version(models, m, "1.0.0");
            InvalidTransitionException e = catchThrowableOfType(InvalidTransitionException.class,
                    () -> models.deployments().deploy(NewDeployment.of(v.versionId(), "staging", 50)));
            assertThat(e.current()).isEqualTo(VersionStatus.REGISTERED);
            models.versions().validate(v.versionId(), "ok");
            NotFoundException nf = catchThrowableOfType(NotFoundException.class,
                    () -> models.deployments().deploy(NewDeployment.of(v.versionId(), "mars", 50)));
            assertThat(nf.id()).isEqualTo("mars");
            InvalidValueException traffic = catchThrowableOfType(InvalidValueException.class,
                    () -> models.deployments().deploy(NewDeployment.of(v.versionId(), "staging", 101)));
            assertThat(traffic.field()).isEqualTo("traffic_percentage");
            InvalidValueException replicas = catchThrowableOfType(InvalidValueException.class,
                    () -> models.deployments().deploy(new NewDeployment(v.versionId(), "staging", 0, 10, null)));
            assertThat(replicas.field()).isEqualTo("replicas");
            assertThat(ctx.fetchCount(DEPLOYMENTS, DEPLOYMENTS.VERSION_ID.eq(v.versionId()))).isZero();
            return null;
        });
    }

    @Test
    void trafficOfOneModelInOneEnvironmentStaysWithin100Percent() {
        inRollback((models, ctx) -> {
            Model m = model(models);
            ModelVersion v1 = validated(models, m, "1.0.0");
            ModelVersion v2 = validated(models, m, "1.1.0");
            Deployment d1 = models.deployments().deploy(NewDeployment.of(v1.versionId(), "canary", 100));

            TrafficLimitExceededException e = catchThrowableOfType(TrafficLimitExceededException.class,
                    () -> models.deployments().deploy(NewDeployment.of(v2.versionId(), "canary", 10)));
            assertThat(e.alreadyAllocated()).isEqualTo(100);
            assertThat(e.value()).isEqualTo(10);
            assertThat(e.environment()).isEqualTo("canary");
            assertThat(models.versions().get(v2.versionId()).status()).isEqualTo(VersionStatus.VALIDATED);

            // another model or another environment is independent
            models.deployments().deploy(NewDeployment.of(validated(models, model(models), "1.0.0").versionId(), "canary", 100));
            models.deployments().deploy(NewDeployment.of(v2.versionId(), "staging", 100));

            assertThat(models.deployments().changeTraffic(d1.deploymentId(), 90).trafficPercentage()).isEqualTo(90);
            Deployment d2 = models.deployments().deploy(NewDeployment.of(v2.versionId(), "canary", 10));
            assertThat(catchThrowableOfType(TrafficLimitExceededException.class,
                    () -> models.deployments().changeTraffic(d2.deploymentId(), 20)).alreadyAllocated()).isEqualTo(90);

            Deployment off = models.deployments().undeploy(d1.deploymentId());
            assertThat(off.status()).isEqualTo(DeploymentStatus.INACTIVE);
            assertThat(off.undeployedBy()).isEqualTo(ACTOR);
            assertThat(off.undeployedAt()).isNotNull();
            assertThat(catchThrowableOfType(InvalidTransitionException.class,
                    () -> models.deployments().undeploy(d1.deploymentId())).current()).isEqualTo(DeploymentStatus.INACTIVE);
            assertThat(catchThrowableOfType(InvalidTransitionException.class,
                    () -> models.deployments().changeTraffic(d1.deploymentId(), 10)).current()).isEqualTo(DeploymentStatus.INACTIVE);
            assertThat(models.deployments().changeTraffic(d2.deploymentId(), 100).trafficPercentage()).isEqualTo(100);
            assertThat(models.deployments().active(m.modelId(), "canary")).extracting(Deployment::deploymentId)
                    .containsExactly(d2.deploymentId());
            assertThat(models.audit().of(d1.deploymentId())).extracting(AuditEntry::action)
                    .containsExactly("deploy", "traffic", "undeploy");
            return null;
        });
    }

    @Test
    void recordsActualMetrics() {
        inRollback((models, ctx) -> {
            Model m = model(models);
            Deployment d = models.deployments().deploy(NewDeployment.of(validated(models, m, "1.0.0").versionId(), "prod", 100));
            Deployment measured = models.deployments().recordMetrics(d.deploymentId(),
                    new DeploymentMetrics(new BigDecimal("12.50"), new BigDecimal("40.00"), null, new BigDecimal("99.95"), null));
            assertThat(measured.actualLatencyP50Ms()).isEqualByComparingTo("12.5");
            assertThat(measured.actualLatencyP95Ms()).isEqualByComparingTo("40");
            assertThat(measured.actualAvailabilityPercent()).isEqualByComparingTo("99.95");
            Deployment again = models.deployments().recordMetrics(d.deploymentId(), new DeploymentMetrics(null, new BigDecimal("45"), null, null, null));
            assertThat(again.actualLatencyP50Ms()).isEqualByComparingTo("12.5");
            assertThat(again.actualLatencyP95Ms()).isEqualByComparingTo("45");

            InvalidValueException e = catchThrowableOfType(InvalidValueException.class, () -> models.deployments().recordMetrics(d.deploymentId(),
                    new DeploymentMetrics(null, null, null, new BigDecimal("100.5"), null)));
            assertThat(e.field()).isEqualTo("actual_availability_percent");
            assertThat(catchThrowableOfType(NotFoundException.class, () -> models.deployments().recordMetrics(UUID.randomUUID(),
                    new DeploymentMetrics(null, null, null, null, null))).entity()).isEqualTo("deployment");

            var rows = models.deployments().production(m.modelName());
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).environmentName()).isEqualTo("prod");
            assertThat(rows.get(0).semver()).isEqualTo("1.0.0");
            assertThat(rows.get(0).actualLatencyP95Ms()).isEqualByComparingTo("45");
            assertThat(rows.get(0).trafficPercentage()).isEqualTo(100);
            assertThat(models.deployments().production()).extracting(r -> r.modelName()).contains(m.modelName());
            assertThat(models.versions().get(d.versionId()).promotedToProductionAt()).isNotNull();
            return null;
        });
    }

    @Test
    void databaseChecksStillApplyAndAreTranslated() {
        inRollback((models, ctx) -> {
            Model m = model(models);
            Deployment d = models.deployments().deploy(NewDeployment.of(validated(models, m, "1.0.0").versionId(), "dev", 10));
            ConstraintViolationException e = catchThrowableOfType(ConstraintViolationException.class,
                    () -> org.mlregistry.core.Registry.configure().dsl(ctx).load().inTransaction(c ->
                            c.update(DEPLOYMENTS).set(DEPLOYMENTS.TRAFFIC_PERCENTAGE, 150)
                                    .where(DEPLOYMENTS.DEPLOYMENT_ID.eq(d.deploymentId())).execute()));
            assertThat(e.constraint()).isEqualTo("valid_traffic");
            assertThat(e.field()).isEqualTo("traffic_percentage");
            return null;
        });
    }
}
