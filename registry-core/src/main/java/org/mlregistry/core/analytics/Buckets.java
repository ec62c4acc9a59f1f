package org.mlregistry.core.analytics;

import org.mlregistry.core.internal.Validator;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Time buckets to use as a grouping dimension ({@link Aggregation}, {@link Costs}) or an order field
 * ({@link Series}). A day is a calendar day in an explicit time zone, never the session's
 * {@code TimeZone}: the lab's {@code DATE(created_at)} depends on the session setting, so the same
 * run can land on different days for different clients.
 *
 * <p>The zone is rendered as an inline, escaped literal (taken from a {@link ZoneId}, so it is never
 * free user text): a dimension must be bind-free to be matched to its GROUP BY expression.
 */
public final class Buckets {

    private Buckets() {
    }

    /**
     * The UTC calendar day of a timestamp: {@code date_trunc('day', at AT TIME ZONE 'UTC')::date},
     * the day that {@code tracking.unique_daily_run} uses too.
     *
     * @param at a {@code timestamptz} field, e.g. {@code TRAINING_RUNS.CREATED_AT}
     * @return the day, typed {@link LocalDate}
     */
    public static Field<LocalDate> dayUtc(Field<OffsetDateTime> at) {
        return day(at, ZoneOffset.UTC);
    }

    /**
     * The calendar day of a timestamp in a time zone:
     * {@code date_trunc('day', at AT TIME ZONE zone)::date}. Region zones ({@code Europe/Berlin}) are
     * resolved by PostgreSQL's time zone database; fixed offsets ({@code +02:00}) are passed as an
     * interval, so their sign means what it means in Java (PostgreSQL reads the text {@code '+02:00'}
     * POSIX-style, with the opposite sign).
     *
     * @param at a {@code timestamptz} field
     * @param zone the zone whose calendar days to use
     * @return the day, typed {@link LocalDate}
     */
    public static Field<LocalDate> day(Field<OffsetDateTime> at, ZoneId zone) {
        Validator.required("at", at);
        ZoneId normalized = Validator.required("zone", zone).normalized();
        Field<?> zoneExpression;
        if (normalized instanceof ZoneOffset offset) {
            zoneExpression = offset.getTotalSeconds() == 0
                ? DSL.inline("UTC")
                : DSL.field("{0}::interval", Object.class, DSL.inline(offset.getTotalSeconds() + " seconds"));
        } else {
            zoneExpression = DSL.inline(normalized.getId());
        }
        return DSL.field("cast(date_trunc('day', {0} at time zone {1}) as date)", SQLDataType.LOCALDATE, at, zoneExpression);
    }
}
