package org.mlregistry.examples.equivalence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.jooq.Record;
import org.jooq.Result;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlregistry.examples.catalog.Example;
import org.mlregistry.examples.catalog.LabCatalog;
import org.mlregistry.examples.catalog.LabStatement.Check;
import org.mlregistry.schema.DatabaseTest;

/**
 * Each example does what its lab statement does, on the same database snapshot: the same columns
 * and rows for a query; the same number of rows written and the same resulting tables for a write.
 * Everything runs in one transaction that is rolled back, so {@code now()} is the same for both.
 */
class LabEquivalenceTest extends DatabaseTest {

    static Stream<Example> queries() {
        return LabCatalog.all().stream().filter(e -> e.check() == Check.SAME_ROWS);
    }

    static Stream<Example> writes() {
        return LabCatalog.all().stream().filter(e -> e.check() == Check.SAME_EFFECT);
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("queries")
    void returnsWhatTheLabSqlReturns(Example example) {
        rolledBack(ctx -> {
            Result<Record> lab = LabSql.run(ctx, example.schema(), example.checkedSql()).rows();
            Result<? extends Record> java = example.run(ctx);

            assertThat(Rows.columns(java)).as("columns").isEqualTo(Rows.columns(lab));
            if (example.ordered()) {
                assertThat(Rows.values(java)).as("rows in order").isEqualTo(Rows.values(lab));
            } else {
                assertThat(Rows.values(java)).as("rows").containsExactlyInAnyOrderElementsOf(Rows.values(lab));
            }
        });
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("writes")
    void writesWhatTheLabSqlWrites(Example example) {
        rolledBack(ctx -> {
            Snapshot before = Snapshot.take(ctx);
            ctx.execute("SAVEPOINT lab_statement");
            LabSql.Outcome lab = LabSql.run(ctx, example.schema(), example.checkedSql());
            Snapshot afterLab = Snapshot.take(ctx, before);
            ctx.execute("ROLLBACK TO SAVEPOINT lab_statement");

            Result<? extends Record> java = example.run(ctx);
            Snapshot afterJava = Snapshot.take(ctx, before);

            int labRows = lab.rows() != null ? lab.rows().size() : lab.updateCount();
            assertThat(java.size()).as("rows written").isEqualTo(labRows);
            if (lab.rows() != null) {
                assertThat(Rows.values(java)).as("rows returned").containsExactlyInAnyOrderElementsOf(Rows.values(lab.rows()));
            }
            assertThat(afterJava.differences(afterLab)).as("rows that differ after the Java write (here) and the lab's (there)").isEmpty();
        });
    }
}
