package org.mlregistry.examples.lab01;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.mlregistry.schema.DatabaseTest;

/** Lab 01 Step 4.3: what the production queries return where the lab's SQL reads otherwise than it runs. */
class ProductionQueriesTest extends DatabaseTest {

    /**
     * L1.P4.39: ORDER BY accuracy sorts by the output column COALESCE(accuracy, 0.0), so NULLS FIRST
     * never applies; on the samples all 4 rows are succeeded runs without an accuracy, shown as 0.0.
     */
    @Test
    void modelsNeedingReviewAreTheSucceededRunsWithoutAccuracy() {
        rolledBack(ctx -> {
            var rows = ProductionQueries.modelsNeedingReview(ctx);

            assertThat(rows).hasSize(4);
            assertThat(rows.getValues("accuracy", BigDecimal.class)).allSatisfy(a -> assertThat(a).isEqualByComparingTo("0.0"));
            assertThat(ctx.fetchCount(TRAINING_RUNS, TRAINING_RUNS.RUN_ID.in(rows.getValues(TRAINING_RUNS.RUN_ID))
                    .and(TRAINING_RUNS.ACCURACY.isNull()))).isEqualTo(4);
        });
    }
}
