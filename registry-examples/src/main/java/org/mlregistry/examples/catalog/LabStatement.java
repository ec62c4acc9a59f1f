package org.mlregistry.examples.catalog;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code public static} method of a lab part class as the Java form of one lab statement
 * (or of a tight group the lab runs together). The method takes a {@link org.jooq.DSLContext} and
 * returns a {@link org.jooq.Result}: the rows a query returns, or the rows a write touched
 * ({@code RETURNING}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface LabStatement {

    /**
     * The lab's statement ids, e.g. {@code "L1.P4.03"}: lab, part ({@code P1}…, or {@code V} for
     * lab 01's verification), statement number within the part. LAB-INDEX.md lists them all.
     */
    String[] ids();

    /**
     * The lab's heading of the step the statements appear under, verbatim, e.g.
     * {@code "Step 4.1: Create CRUD Operations File"}; the part follows from the id ({@link LabPart}).
     */
    String step();

    /** The lab's title for the statement (its nearest comment). */
    String title();

    /** The lab's SQL, verbatim: the reference the example is checked against. */
    String sql();

    /**
     * SQL that does what the lab meant, where the lab's own SQL does not run on PostgreSQL or does
     * something else (see LAB-DEFECTS.md); the equivalence test then checks against this instead.
     */
    String checkedSql() default "";

    /** How the equivalence test compares the example with the lab SQL. */
    Check check() default Check.SAME_ROWS;

    /**
     * Why rows that the lab's final {@code ORDER BY} leaves tied may come back in another order; when
     * given, the rows are compared as a multiset. Without it, a statement whose SQL has a final
     * {@code ORDER BY} is compared row by row, in order.
     */
    String ties() default "";

    /**
     * For {@link Check#DEDICATED_TEST}: the test method that proves the example, as
     * {@code TestClass#method}, the class named simply when it is in the example's package (else
     * fully qualified), e.g. {@code "TransactionsTest#savepointKeepsOnlyTheFirstInsert"}. Empty for
     * the other checks, which the equivalence test proves.
     */
    String test() default "";

    /** How an example is proven equal to the lab SQL. */
    enum Check {
        /** Both return the same columns and rows. */
        SAME_ROWS,
        /** A write: both touch the same number of rows and leave both schemas in the same state. */
        SAME_EFFECT,
        /** The lab statement is no plain SQL (psql, EXPLAIN, a transaction script): a dedicated test proves it. */
        DEDICATED_TEST
    }
}
