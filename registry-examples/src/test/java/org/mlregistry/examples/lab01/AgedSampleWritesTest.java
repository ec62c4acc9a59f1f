package org.mlregistry.examples.lab01;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlregistry.examples.LabSamplesTest;
import org.mlregistry.examples.catalog.Example;
import org.mlregistry.examples.catalog.LabCatalog;
import org.mlregistry.examples.catalog.LabStatement.Check;
import org.mlregistry.examples.equivalence.Equivalence;
import org.mlregistry.examples.equivalence.LabSql;
import org.mlregistry.examples.equivalence.Rows;

/**
 * The sample runs are all younger than 13 days, so the lab's age-based updates and deletes of
 * Parts 5 and 6 (and Part 9's F1 fill, L1.P9.16) match no sample row and the equivalence test proves little for them. Here fresh
 * samples are first aged (by 2 months to 2.5 years, run by run), and a few are tagged, in the same
 * rolled-back transaction; then each example is compared with the lab SQL as in
 * LabEquivalenceTest, and must touch at least one row.
 */
class AgedSampleWritesTest extends LabSamplesTest {

    /** Ages and tags the sample runs so that each example below finds rows. */
    static void ageSamples(DSLContext ctx) {
        LabSql.run(ctx, "tracking", """
                UPDATE training_runs
                   SET created_at = created_at - shift, started_at = started_at - shift,
                       completed_at = completed_at - shift
                  FROM (SELECT run_id AS id,
                               make_interval(days => (length(model_name) * 53) % 1000
                                                     + CASE WHEN status = 'cancelled' THEN 100 ELSE 0 END) AS shift
                          FROM training_runs) AS shifts
                 WHERE run_id = shifts.id
                """);
        LabSql.run(ctx, "tracking", "UPDATE training_runs SET created_by = 'mlops' WHERE framework = 'pytorch'");
        LabSql.run(ctx, "tracking", "UPDATE training_runs SET f1_score = NULL WHERE framework = 'tensorflow'");
        LabSql.run(ctx, "tracking", """
                UPDATE training_runs SET notes = notes || ' Smoke test run.' WHERE status IN ('failed', 'cancelled')
                """);
    }

    static Stream<Example> examples() {
        return LabCatalog.select(List.of(
                "L1.P5.15", "L1.P5.18", "L1.P5.19", "L1.P5.25",
                "L1.P5.36", "L1.P5.37", "L1.P5.38",
                "L1.P6.02", "L1.P6.03", "L1.P6.04", "L1.P6.08", "L1.P6.09", "L1.P6.17", "L1.P6.20", "L1.P6.21", "L1.P9.16")).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void onAgedSamplesTheExampleDoesWhatTheLabSqlDoes(Example example) {
        onFreshSamples(ctx -> {
            ageSamples(ctx);
            Result<? extends Record> java = Equivalence.assertEquivalent(ctx, example);
            if (example.check() == Check.SAME_ROWS) {
                assertThat(Rows.values(java)).as("a query that finds something")
                        .isNotEqualTo(List.of(List.of("0"))).isNotEmpty();
            } else {
                assertThat(java.size()).as("rows written").isPositive();
            }
        });
    }
}
