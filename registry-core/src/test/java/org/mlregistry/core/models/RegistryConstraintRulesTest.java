package org.mlregistry.core.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mlregistry.schema.jooq.registry.Tables.TRAINING_RUNS;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.error.ConstraintViolationException;

/** registry.* constraints map to field and rule, keyed by schema (registry.training_runs vs tracking.training_runs). */
class RegistryConstraintRulesTest extends ModelsTestSupport {

    @Test
    void registryTrainingRunsViolationNamesFieldAndRule() {
        inRollback((models, ctx) -> {
            ModelVersion v = version(models, model(models), "1.0.0");
            ConstraintViolationException e = catchThrowableOfType(ConstraintViolationException.class,
                    () -> Registry.configure().dsl(ctx).load().inTransaction(c -> c.insertInto(TRAINING_RUNS)
                            .set(TRAINING_RUNS.VERSION_ID, v.versionId())
                            .set(TRAINING_RUNS.PRECISION_SCORE, new BigDecimal("2")).execute()));
            assertThat(e.constraint()).isEqualTo("valid_metrics");
            assertThat(e.field()).isEqualTo("metrics");
            assertThat(e.rule()).contains("within [0, 1]");
            return null;
        });
    }
}
