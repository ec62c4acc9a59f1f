package org.mlregistry.examples.output;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import org.jooq.EnumType;
import org.jooq.JSON;
import org.jooq.JSONB;
import org.jooq.types.DayToSecond;
import org.jooq.types.Interval;
import org.jooq.types.YearToMonth;
import org.jooq.types.YearToSecond;

/** A value as the runner shows it: close to PostgreSQL's text form, timestamps in ISO-8601. */
public final class TextValue {

    private TextValue() {
    }

    /** Text for the value, or null for SQL NULL. */
    public static String of(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof EnumType e) {
            return e.getLiteral();
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof OffsetDateTime t) {
            return t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        }
        if (value instanceof Interval i) {
            return interval(i);
        }
        if (value instanceof JSONB j) {
            return j.data();
        }
        if (value instanceof JSON j) {
            return j.data();
        }
        if (value instanceof Object[] array) {
            StringBuilder text = new StringBuilder("{");
            for (int i = 0; i < array.length; i++) {
                text.append(i == 0 ? "" : ",").append(of(array[i]));
            }
            return text.append('}').toString();
        }
        return value.toString();
    }

    /** Whether the value prints as a JSON number. */
    public static boolean isNumber(Object value) {
        // jOOQ's interval types are Numbers too.
        return value instanceof Number && !(value instanceof Interval);
    }

    /** PostgreSQL's text for an interval (IntervalStyle postgres): {@code 1 year 2 mons 3 days 04:05:06.5}. */
    static String interval(Interval interval) {
        YearToMonth yearsMonths = interval instanceof YearToSecond ys ? ys.getYearToMonth()
                : interval instanceof YearToMonth ym ? ym : new YearToMonth();
        DayToSecond daysTime = interval instanceof YearToSecond ys ? ys.getDayToSecond()
                : interval instanceof DayToSecond ds ? ds : new DayToSecond();
        StringBuilder text = new StringBuilder();
        unit(text, yearsMonths.getSign() * yearsMonths.getYears(), "year", "years");
        unit(text, yearsMonths.getSign() * yearsMonths.getMonths(), "mon", "mons");
        unit(text, daysTime.getSign() * daysTime.getDays(), "day", "days");
        long micros = ((daysTime.getHours() * 60L + daysTime.getMinutes()) * 60L + daysTime.getSeconds()) * 1_000_000L
                + Math.round(daysTime.getNano() / 1000.0);
        if (micros != 0 || text.isEmpty()) {
            String fraction = micros % 1_000_000 == 0 ? ""
                    : ("." + String.format("%06d", micros % 1_000_000)).replaceAll("0+$", "");
            text.append(text.isEmpty() ? "" : " ").append(daysTime.getSign() < 0 && micros != 0 ? "-" : "")
                    .append(String.format("%02d:%02d:%02d", micros / 3_600_000_000L, micros / 60_000_000L % 60,
                            micros / 1_000_000L % 60))
                    .append(fraction);
        }
        return text.toString();
    }

    private static void unit(StringBuilder text, int amount, String one, String many) {
        if (amount != 0) {
            text.append(text.isEmpty() ? "" : " ").append(amount).append(' ').append(amount == 1 ? one : many);
        }
    }
}
