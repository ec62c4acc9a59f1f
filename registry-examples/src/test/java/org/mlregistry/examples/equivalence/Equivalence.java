package org.mlregistry.examples.equivalence;

import static org.assertj.core.api.Assertions.assertThat;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.mlregistry.examples.catalog.Example;
import org.mlregistry.examples.catalog.LabStatement.Check;

/**
 * The check that an example does what its lab statement does, in the caller's transaction, so that
 * both see the same rows and the same {@code now()}: the same columns and rows for a query; the
 * same number of rows written, the same rows returned and the same resulting tables for a write.
 */
public final class Equivalence {

    private Equivalence() {
    }

    /** Asserts the example is equivalent to its lab SQL by its {@link Check}; returns the example's rows. */
    public static Result<? extends Record> assertEquivalent(DSLContext ctx, Example example) {
        return switch (example.check()) {
            case SAME_ROWS -> assertSameRows(ctx, example);
            case SAME_EFFECT -> assertSameEffect(ctx, example);
            case DEDICATED_TEST -> throw new IllegalArgumentException(example + " is proven by a dedicated test");
        };
    }

    /** Asserts the query returns what the lab SQL returns (in order, where the lab's ORDER BY fixes it). */
    public static Result<? extends Record> assertSameRows(DSLContext ctx, Example example) {
        Result<Record> lab = LabSql.run(ctx, example.schema(), example.checkedSql()).rows();
        Result<? extends Record> java = example.run(ctx);

        assertThat(Rows.columns(java)).as(example.id() + " columns").isEqualTo(Rows.columns(lab));
        assertThat(Rows.types(java)).as(example.id() + " column types").isEqualTo(Rows.types(lab));
        if (example.ordered()) {
            assertThat(Rows.values(java)).as(example.id() + " rows in order").isEqualTo(Rows.values(lab));
        } else {
            assertThat(Rows.values(java)).as(example.id() + " rows").containsExactlyInAnyOrderElementsOf(Rows.values(lab));
        }
        return java;
    }

    /**
     * Asserts the write does what the lab SQL does: the lab's write runs first and is rolled back
     * to a savepoint, then the example's write is made and stays in the transaction.
     */
    public static Result<? extends Record> assertSameEffect(DSLContext ctx, Example example) {
        Snapshot before = Snapshot.take(ctx);
        ctx.execute("SAVEPOINT lab_statement");
        LabSql.Outcome lab = LabSql.run(ctx, example.schema(), example.checkedSql());
        Snapshot afterLab = Snapshot.take(ctx, before);
        ctx.execute("ROLLBACK TO SAVEPOINT lab_statement");

        Result<? extends Record> java = example.run(ctx);
        Snapshot afterJava = Snapshot.take(ctx, before);

        int labRows = lab.rows() != null ? lab.rows().size() : lab.updateCount();
        assertThat(java.size()).as(example.id() + " rows written").isEqualTo(labRows);
        if (lab.rows() != null) {
            assertThat(Rows.values(java)).as(example.id() + " rows returned").containsExactlyInAnyOrderElementsOf(Rows.values(lab.rows()));
        }
        assertThat(afterJava.differences(afterLab)).as(example.id() + " rows that differ after the Java write (here) and the lab's (there)").isEmpty();
        return java;
    }
}
