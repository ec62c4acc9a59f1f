package org.mlregistry.examples;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.mlregistry.examples.clock.FreshSamples;
import org.mlregistry.schema.DatabaseTest;

/**
 * Base of the example tests whose expectations depend on the lab samples' timestamps.
 *
 * <h2>Time and the tests</h2>
 *
 * <p>The samples are loaded once per test JVM with timestamps relative to the database's
 * {@code now()} at that moment ("15 minutes ago", "6 days ago"), and many lab statements compare
 * timestamps with the {@code now()} of the transaction they run in. Two things would move a
 * result with the clock; the tests take both out:
 *
 * <ul>
 *   <li><b>The time since the samples were loaded.</b> A test runs seconds or, late in a long
 *       suite, hours after the load, and "queued for over an hour" finds the 15-minute-old run
 *       once 45 minutes have passed. Tests of statements that read the clock run on
 *       {@linkplain #onFreshSamples fresh samples}: reloaded inside the test's rolled-back
 *       transaction, so relative to that transaction's {@code now()}, exactly as loaded.</li>
 *   <li><b>Where now falls in the calendar.</b> "Today" and "this week" are taken in the session's
 *       time zone (which PgJDBC takes from the JVM's default zone), and find no sample in the first
 *       minutes of a day or of a Monday. Those statements ({@code TimeSensitive.ON_THE_CALENDAR}) are
 *       proven on the samples plus a run created at the transaction's {@code now()}, which is today
 *       and this week at any hour, in any zone.</li>
 * </ul>
 *
 * <p>{@code ClockIndependenceTest} proves that the time-sensitive examples then give the same
 * results, equal to the lab SQL's, on a PostgreSQL whose clock is placed just after midnight on a
 * Monday and just before midnight on a Sunday, in the session and JVM time zones UTC+14 and UTC-12,
 * a day or two after the samples were loaded.
 */
public abstract class LabSamplesTest extends DatabaseTest {

    /**
     * Runs work in a rolled-back transaction on the samples reloaded at its start, and returns its
     * result. Work must stay on the given context: the reload locks the sample tables until the
     * transaction ends.
     */
    protected static <T> T onFreshSamples(Function<DSLContext, T> work) {
        return rolledBack(ctx -> {
            FreshSamples.reload(ctx);
            return work.apply(ctx);
        });
    }

    /** {@link #onFreshSamples(Function)} for work without a result. */
    protected static void onFreshSamples(Consumer<DSLContext> work) {
        onFreshSamples(ctx -> {
            work.accept(ctx);
            return null;
        });
    }

    /**
     * Runs work in a transaction on another server's dataSource that is always rolled back, as
     * {@link DatabaseTest#rolledBack(Function)} does on the shared database; transactions the work
     * starts itself nest as savepoints.
     */
    @SuppressWarnings("unchecked")
    protected static <T> T rolledBackOn(DataSource dataSource, Function<DSLContext, T> work) {
        final class RolledBack extends RuntimeException {
            private final transient Object result;

            RolledBack(Object result) {
                super(null, null, false, false);
                this.result = result;
            }
        }
        try (Connection connection = dataSource.getConnection()) {
            DSL.using(connection, SQLDialect.POSTGRES).transaction(configuration -> {
                throw new RolledBack(work.apply(configuration.dsl()));
            });
            throw new IllegalStateException("unreachable: the transaction always rolls back");
        } catch (RolledBack rolledBack) {
            return (T) rolledBack.result;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
