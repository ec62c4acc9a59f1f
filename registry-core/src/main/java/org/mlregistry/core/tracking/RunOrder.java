package org.mlregistry.core.tracking;

import org.mlregistry.core.internal.Validator;
import static org.mlregistry.core.tracking.Runs.T;

import java.util.List;
import org.jooq.SortField;

/**
 * An ordering of runs: one {@link SortKey}, a direction and an explicit NULLS placement, then
 * {@code run_id} in the same direction as tiebreak (so the order is total and keyset paging is exact).
 *
 * <pre>{@code
 * RunOrder.desc(SortKey.ACCURACY).nullsLast()
 * }</pre>
 *
 * @param key the column
 * @param descending whether larger values come first
 * @param nullsLeading whether NULLs come before all values (NULLS FIRST)
 */
public record RunOrder(SortKey<?> key, boolean descending, boolean nullsLeading) {

    /** The default: newest first ({@code created_at DESC NULLS LAST, run_id DESC}). */
    public static final RunOrder NEWEST_FIRST = new RunOrder(SortKey.CREATED_AT, true, false);

    /**
     * Checks the key.
     *
     * @param key the column, non-null
     * @param descending whether larger values come first
     * @param nullsLeading whether NULLs come before all values
     */
    public RunOrder {
        Validator.required("key", key);
    }

    /**
     * @param key column
     * @return ascending, NULLS LAST (PostgreSQL's default for ASC)
     */
    public static RunOrder asc(SortKey<?> key) {
        return new RunOrder(key, false, false);
    }

    /**
     * @param key column
     * @return descending, NULLS LAST
     */
    public static RunOrder desc(SortKey<?> key) {
        return new RunOrder(key, true, false);
    }

    /**
     * @return the same order with NULLs first
     */
    public RunOrder nullsFirst() {
        return new RunOrder(key, descending, true);
    }

    /**
     * @return the same order with NULLs last
     */
    public RunOrder nullsLast() {
        return new RunOrder(key, descending, false);
    }

    List<SortField<?>> sortFields() {
        SortField<?> primary = descending ? key.field().desc() : key.field().asc();
        primary = nullsLeading ? primary.nullsFirst() : primary.nullsLast();
        return List.of(primary, descending ? T.RUN_ID.desc() : T.RUN_ID.asc());
    }

    String signature() {
        return key.name() + (descending ? ":desc" : ":asc") + (nullsLeading ? ":nf" : ":nl");
    }
}
