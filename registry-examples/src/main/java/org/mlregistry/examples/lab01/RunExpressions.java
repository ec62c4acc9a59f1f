package org.mlregistry.examples.lab01;

import static org.jooq.impl.DSL.condition;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.extract;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.function;
import static org.jooq.impl.DSL.inline;
import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.jooq.Condition;
import org.jooq.DatePart;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.impl.SQLDataType;
import org.jooq.types.DayToSecond;
import org.jooq.types.YearToSecond;

/**
 * PostgreSQL expressions lab 01's queries use and jOOQ 3.19 has no typed form for: time arithmetic
 * on {@code timestamptz}, {@code age()}, and the jsonb key test {@code ?}. Each renders as the lab
 * writes it.
 */
final class RunExpressions {

    /** The lab's price of one GPU hour, in USD. */
    private static final BigDecimal GPU_HOUR_USD = new BigDecimal("2.50");

    private RunExpressions() {
    }

    /** {@code now() - interval '<interval>'}, e.g. {@code ago("7 days")}. */
    static Field<OffsetDateTime> ago(String interval) {
        return field("now() - interval {0}", SQLDataType.TIMESTAMPWITHTIMEZONE, inline(interval));
    }

    /** {@code completed_at - started_at}: how long a run ran (NULL while it has not finished). */
    static Field<DayToSecond> duration() {
        return field("({0} - {1})", SQLDataType.INTERVALDAYTOSECOND, TRAINING_RUNS.COMPLETED_AT, TRAINING_RUNS.STARTED_AT);
    }

    /** {@code EXTRACT(EPOCH FROM (completed_at - started_at)) / 3600}: the duration in hours. */
    static Field<BigDecimal> durationHours() {
        return extract(duration(), DatePart.EPOCH).coerce(SQLDataType.NUMERIC).div(inline(3600));
    }

    /** {@code AGE(NOW(), since)}: years, months, days and time since then. */
    static Field<YearToSecond> age(Field<OffsetDateTime> since) {
        return function("age", SQLDataType.INTERVAL, currentOffsetDateTime(), since);
    }

    /** {@code gpu_hours * 2.50}: the lab's cost of a run. */
    static Field<BigDecimal> gpuCost() {
        return TRAINING_RUNS.GPU_HOURS.times(inline(GPU_HOUR_USD));
    }

    /**
     * {@code document ? key}: whether the jsonb object has the top-level key. Written as the
     * operator's function {@code jsonb_exists}, since JDBC reads {@code ?} as a bind marker (the
     * function does not use a GIN index; the lab's 20 rows are scanned anyway).
     */
    static Condition hasKey(Field<JSONB> document, String key) {
        return condition(function("jsonb_exists", SQLDataType.BOOLEAN, document, inline(key)));
    }
}
