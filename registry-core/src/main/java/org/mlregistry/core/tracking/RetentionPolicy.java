package org.mlregistry.core.tracking;

import static org.mlregistry.core.tracking.Runs.T;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.mlregistry.schema.types.RunStatus;

/**
 * The retention policies of lab 01, Part 6, by {@code created_at}. Apply one with
 * {@link Runs#retention(RetentionPolicy)} → {@link RunSearch#bulk()} → preview → archive or delete.
 */
public enum RetentionPolicy {
    /** Failed, cancelled and timed-out runs older than 90 days. */
    FAILED_AFTER_90_DAYS("90 days"),
    /** Runs that did not succeed (any other status) older than 1 year. */
    NON_SUCCEEDED_AFTER_1_YEAR("1 year"),
    /** Succeeded runs older than 2 years. */
    SUCCEEDED_AFTER_2_YEARS("2 years");

    private final String age;

    RetentionPolicy(String age) {
        this.age = age;
    }

    /**
     * @return the policy's condition, as a filter
     */
    public RunFilter filter() {
        // The interval is a constant of this enum, never user input.
        Field<java.time.OffsetDateTime> cutoff = DSL.field("(now() - interval '" + age + "')", SQLDataType.TIMESTAMPWITHTIMEZONE(6));
        Condition old = T.CREATED_AT.lt(cutoff);
        Condition status = switch (this) {
            case FAILED_AFTER_90_DAYS -> T.STATUS.in(RunStatus.FAILED, RunStatus.CANCELLED, RunStatus.TIMEOUT);
            case NON_SUCCEEDED_AFTER_1_YEAR -> T.STATUS.ne(RunStatus.SUCCEEDED);
            case SUCCEEDED_AFTER_2_YEARS -> T.STATUS.eq(RunStatus.SUCCEEDED);
        };
        return RunFilter.of(status.and(old));
    }
}
