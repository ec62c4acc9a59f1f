package org.mlregistry.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

import org.junit.jupiter.api.Test;

/** The test base's rolled-back transactions leave nothing behind, even when the work commits its own. */
class RolledBackTest extends DatabaseTest {

    @Test
    void writesInsideRolledBackAreGone() {
        int inside = rolledBack(ctx -> {
            ctx.deleteFrom(TRAINING_RUNS).execute();
            return ctx.fetchCount(TRAINING_RUNS);
        });

        assertThat(inside).isZero();
        assertThat(db().fetchCount(TRAINING_RUNS)).isEqualTo(20);
    }

    @Test
    void aTransactionTheWorkCommitsIsASavepointOfTheRolledBackOne() {
        rolledBack(ctx -> {
            ctx.transaction(inner -> inner.dsl().deleteFrom(TRAINING_RUNS).execute());
        });

        assertThat(db().fetchCount(TRAINING_RUNS)).isEqualTo(20);
    }
}
