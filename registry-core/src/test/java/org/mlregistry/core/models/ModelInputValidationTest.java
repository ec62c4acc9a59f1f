package org.mlregistry.core.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.error.InvalidValueException;

/** Bad input to the model registry is an InvalidValueException naming the field, not a jOOQ DataException. */
class ModelInputValidationTest extends ModelsTestSupport {

    @Test
    void malformedHyperparametersAreRefused() {
        inRollback((models, ctx) -> {
            ModelVersion v = version(models, model(models), "1.0.0");
            InvalidValueException e = catchThrowableOfType(InvalidValueException.class, () -> models.lineage().recordTrainingRun(
                    new NewTrainingRun(v.versionId(), "r", "e", null, null, null, "{not json", List.of())));
            assertThat(e.field()).isEqualTo("hyperparameters");
            assertThat(e.value()).isEqualTo("{not json");
            assertThat(e.rule()).isEqualTo("must be a JSON object");
            assertThat(models.lineage().recordTrainingRun(new NewTrainingRun(v.versionId(), "r", "e", null, null, null,
                    "{\"lr\": 0.01}", List.of())).hyperparameters()).contains("lr");
            return null;
        });
    }

    @Test
    void latencyThatOverflowsAfterRoundingIsRefused() {
        inRollback((models, ctx) -> {
            ModelVersion v = validated(models, model(models), "1.0.0");
            Deployment d = models.deployments().deploy(NewDeployment.of(v.versionId(), "staging", 100));
            InvalidValueException e = catchThrowableOfType(InvalidValueException.class, () -> models.deployments().recordMetrics(d.deploymentId(),
                    new DeploymentMetrics(new BigDecimal("999999.996"), null, null, null, null)));
            assertThat(e.field()).isEqualTo("actual_latency_p50_ms");
            assertThat(e.rule()).contains("NUMERIC(8,2)");
            assertThat(models.deployments().recordMetrics(d.deploymentId(), new DeploymentMetrics(null, new BigDecimal("999999.994"), null, null, null))
                    .actualLatencyP95Ms()).isEqualByComparingTo("999999.99");
            return null;
        });
    }
}
