package org.mlregistry.examples.clock;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.mlregistry.examples.catalog.Example;
import org.mlregistry.examples.catalog.LabCatalog;

/**
 * Which lab examples depend on when they run, and the state on which each is proven so that its
 * result is the same at any time (see {@code LabSamplesTest}, "Time and the tests").
 *
 * <ul>
 *   <li>An example <em>reads the clock</em> when its lab SQL (or checked SQL) calls {@code NOW()},
 *       {@code CURRENT_DATE} or another of PostgreSQL's current-time functions. Its result depends on
 *       how long ago the samples were loaded, so it is proven on {@linkplain FreshSamples fresh
 *       samples}. An example that does not read the clock sees the same stored rows at any time.</li>
 *   <li>An example in {@link #ON_THE_CALENDAR} finds rows only if the samples fall on the same
 *       day or week as {@code now()}, which depends on the hour, the weekday and the session's time
 *       zone. It is proven with a {@link RunCreatedNow} added.</li>
 * </ul>
 */
public final class TimeSensitive {

    /** PostgreSQL's functions that read the current time, and {@code age(x)}, which reads CURRENT_DATE. */
    private static final Pattern READS_THE_CLOCK = Pattern.compile("(?i)\\bnow\\s*\\(|'now'"
            + "|\\b(current_date|current_time|current_timestamp|localtime|localtimestamp"
            + "|transaction_timestamp|statement_timestamp|clock_timestamp|timeofday)\\b"
            + "|\\bage\\s*\\([^,()]*\\)");

    /** The examples whose result depends on where now falls in the calendar: id → why. */
    public static final Map<String, String> ON_THE_CALENDAR = Map.of(
            "L1.P4.29", "\"today\" in the session's time zone: the youngest samples (15 min, 30 min, 6 h old) "
                    + "are yesterday's in the first minutes of a day",
            "L1.P4.30", "\"this week\" from Monday 00:00 in the session's time zone: no sample is this week's "
                    + "on a Monday before 00:15");

    private TimeSensitive() {
    }

    /** Whether the example's SQL reads the current time. */
    public static boolean readsTheClock(Example example) {
        return READS_THE_CLOCK.matcher(example.labSql()).find() || READS_THE_CLOCK.matcher(example.checkedSql()).find();
    }

    /** Whether the example's result depends on where now falls in the calendar. */
    public static boolean dependsOnTheCalendar(Example example) {
        return ON_THE_CALENDAR.containsKey(example.id());
    }

    /** Every catalogued example that reads the clock, in lab order. */
    public static List<Example> examples() {
        return LabCatalog.all().stream().filter(TimeSensitive::readsTheClock).toList();
    }

    /**
     * Prepares ctx's transaction for proving example on its own: fresh samples if it reads the
     * clock, and a run created now if it depends on the calendar.
     */
    public static void prepare(DSLContext ctx, Example example) {
        if (readsTheClock(example)) {
            FreshSamples.reload(ctx);
        }
        addWhatTheCalendarNeeds(ctx, example);
    }

    /** Adds a run created now if example depends on the calendar (the samples being fresh already). */
    public static void addWhatTheCalendarNeeds(DSLContext ctx, Example example) {
        if (dependsOnTheCalendar(example)) {
            RunCreatedNow.add(ctx);
        }
    }
}
