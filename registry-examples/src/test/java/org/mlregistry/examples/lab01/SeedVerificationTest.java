package org.mlregistry.examples.lab01;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mlregistry.examples.catalog.Example;
import org.mlregistry.examples.catalog.LabCatalog;
import org.mlregistry.examples.catalog.LabStatement.Check;
import org.mlregistry.examples.equivalence.LabSql;
import org.mlregistry.examples.equivalence.Rows;
import org.mlregistry.examples.equivalence.Snapshot;
import org.mlregistry.schema.DatabaseTest;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * L1.P3.08 and L1.P3.09, the inserts lab 01 shows failing on purpose: the example is refused by
 * the constraint the lab names, with the message the lab prints, exactly as the lab's own INSERT
 * is; nothing is written, and the transaction goes on.
 */
class SeedVerificationTest extends DatabaseTest {

    @ParameterizedTest(name = "{0} is refused by {1}")
    @CsvSource({"L1.P3.08, valid_framework", "L1.P3.09, valid_accuracy"})
    void theInsertIsRefusedAsTheLabShows(String id, String constraint) {
        Example example = LabCatalog.select(List.of(id)).get(0);
        assertThat(example.check()).isEqualTo(Check.DEDICATED_TEST);
        // Expected in the lab: ERROR:  new row for relation "training_runs" violates check constraint "…"
        String message = "new row for relation \"training_runs\" violates check constraint \"" + constraint + "\"";

        rolledBack(ctx -> {
            Snapshot before = Snapshot.take(ctx);

            Result<? extends Record> refusal = example.run(ctx);

            assertThat(Rows.columns(refusal)).containsExactly("sqlstate", "constraint_name", "message");
            assertThat(Rows.values(refusal)).containsExactly(List.of("23514", constraint, message));
            assertThat(Snapshot.take(ctx, before).differences(before)).as("rows written").isEmpty();

            ServerErrorMessage lab = labRefusal(ctx, example);
            assertThat(List.of(lab.getSQLState(), lab.getConstraint(), lab.getMessage()))
                    .as("the lab's own INSERT")
                    .isEqualTo(Rows.values(refusal).get(0));
        });
    }

    /** Runs the lab's INSERT in a savepoint and returns PostgreSQL's refusal. */
    private static ServerErrorMessage labRefusal(DSLContext ctx, Example example) {
        ctx.execute("SAVEPOINT lab_statement");
        try {
            LabSql.run(ctx, example.schema(), example.checkedSql());
        } catch (DataAccessException e) {
            ctx.execute("ROLLBACK TO SAVEPOINT lab_statement");
            return e.getCause(PSQLException.class).getServerErrorMessage();
        }
        throw new AssertionError("The lab's INSERT was accepted: " + example.checkedSql());
    }

    /**
     * L1.P3.05: succeeded runs without an accuracy still form a group (sklearn, 2 runs, none with
     * an accuracy), sorted last: 4 rows, not the 3 the lab prints.
     */
    @Test
    void averageAccuracyByFrameworkHasAGroupWithoutAccuracy() {
        List<List<Object>> rows = rolledBack(ctx -> {
            return Rows.values(SeedVerification.averageAccuracyByFramework(ctx));
        });

        assertThat(rows).hasSize(4).containsExactly(
                List.of("xgboost", 1L, 1L, new BigDecimal("0.9567")),
                List.of("pytorch", 5L, 4L, new BigDecimal("0.8842")),
                List.of("tensorflow", 4L, 3L, new BigDecimal("0.8730")),
                Arrays.asList("sklearn", 2L, 0L, null));
    }
}
