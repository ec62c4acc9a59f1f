package org.mlregistry.examples.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which statements have an ORDER BY of their own, so that the equivalence test compares their rows in order. */
class SqlTextTest {

    @Test
    void aFinalOrderByCounts() {
        assertThat(SqlText.hasFinalOrderBy("SELECT a FROM t\nORDER BY\n  a DESC;")).isTrue();
        assertThat(SqlText.hasFinalOrderBy("BEGIN; SELECT 1; SELECT a FROM t ORDER BY a;")).isTrue();
    }

    @Test
    void anOrderByInsideParenthesesALiteralOrACommentDoesNot() {
        assertThat(SqlText.hasFinalOrderBy("SELECT rank() OVER (ORDER BY a) FROM t")).isFalse();
        assertThat(SqlText.hasFinalOrderBy("SELECT a FROM (SELECT a FROM t ORDER BY a LIMIT 3) s")).isFalse();
        assertThat(SqlText.hasFinalOrderBy("SELECT 'order by' FROM t")).isFalse();
        assertThat(SqlText.hasFinalOrderBy("-- ORDER BY a\nSELECT a FROM t")).isFalse();
        assertThat(SqlText.hasFinalOrderBy("SELECT a FROM t ORDER BY a; SELECT b FROM u")).isFalse();
    }

    @Test
    void tiesAreDocumentedOnlyWhereTheStatementHasAnOrderBy() {
        assertThat(LabCatalog.all()).filteredOn(e -> !e.ties().isEmpty())
                .allSatisfy(e -> assertThat(SqlText.hasFinalOrderBy(e.checkedSql())).as(e.id()).isTrue());
    }
}
