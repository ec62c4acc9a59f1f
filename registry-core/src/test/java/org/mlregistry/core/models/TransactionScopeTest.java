package org.mlregistry.core.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlregistry.schema.jooq.registry.Tables.MODELS;

import org.junit.jupiter.api.Test;

class TransactionScopeTest extends ModelsTestSupport {

    @Test
    void writesInsideRolledBackTransactionDoNotSurvive() {
        String name = unique("scope");
        boolean seenInside = inRollback(models -> {
            models.catalog().createModel(NewModel.of(name, "Scope"));
            return models.catalog().model(name).isPresent();
        });
        assertThat(seenInside).isTrue();
        assertThat(db().fetchExists(MODELS, MODELS.MODEL_NAME.eq(name))).isFalse();
    }
}
