package org.mlregistry.core.replica;

import java.sql.SQLException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;

/**
 * One read replica: its context, and its state (reachable, in recovery, lag, replay position)
 * checked with one cheap query and reused for {@link ReadReplicas#healthCheckEvery}.
 */
final class Replica {

    /**
     * Lag is the age of the last replayed commit, but only while the standby is behind: WAL received
     * is still waiting to be replayed, or it is not streaming from the primary (then nobody knows
     * what it misses). A standby that replayed all it received while streaming is current however
     * long the primary has been idle. The WAL receiver's status needs {@code pg_read_all_stats};
     * without it only the receiver's pid shows, and a running receiver counts as streaming.
     */
    private static final String CHECK = "SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text, pg_last_wal_receive_lsn()::text,"
            + " (extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000)::bigint,"
            + " coalesce((SELECT pid IS NOT NULL AND coalesce(status, 'streaming') = 'streaming' FROM pg_stat_wal_receiver), false)";
    private static final String REPLAY_POSITION = "SELECT pg_last_wal_replay_lsn()::text";
    private static final long FIRST_PAUSE_NANOS = 100_000;
    private static final long LONGEST_PAUSE_NANOS = 5_000_000;

    private final DataSource dataSource;
    private final ReadReplicas settings;
    private volatile DSLContext context;
    private volatile State state = new State(Long.MIN_VALUE, false, 0, "not checked yet");

    Replica(DataSource dataSource, ReadReplicas settings) {
        this.dataSource = dataSource;
        this.settings = settings;
    }

    /**
     * Runs the read here, unless this replica is unreachable, lagging, or (for read-your-writes,
     * {@code mustSee > 0}) has not replayed {@code mustSee} by the deadline.
     *
     * @return the read's result, or null when the read was not served here
     */
    <T> Served<T> read(Function<DSLContext, T> statement, DSLContext primary, long mustSee, long deadline) {
        DSLContext ctx = context(primary);
        try {
            if (!current(ctx).usable()) {
                return null;
            }
            if (mustSee > 0 && !replayed(ctx, mustSee, deadline)) {
                return null;
            }
            return new Served<>(statement.apply(ctx));
        } catch (RuntimeException e) {
            String sqlState = sqlState(e);
            if (sqlState == null && !(e instanceof DataAccessException)) {
                throw e;
            }
            if (sqlState == null || sqlState.startsWith("08") || sqlState.startsWith("57P")) {
                // unreachable, or shutting down: skip it until the next check
                state = new State(System.nanoTime(), false, 0, "unreachable: " + e.getMessage());
                return null;
            }
            if (sqlState.equals("40001")) {
                // cancelled by a conflict with recovery: the primary can answer it
                return null;
            }
            throw e;
        }
    }

    /** The last checked state, rechecked when older than the interval. */
    State current(DSLContext ctx) {
        State known = state;
        long now = System.nanoTime();
        if (known.checkedAt != Long.MIN_VALUE && now - known.checkedAt < settings.healthCheckEvery().toNanos()) {
            return known;
        }
        State checked = check(ctx, now);
        state = checked;
        return checked;
    }

    private State check(DSLContext ctx, long now) {
        Record row = ctx.fetchOne(CHECK);
        if (!row.get(0, Boolean.class)) {
            return new State(now, false, 0, "not in recovery: a primary, not a standby");
        }
        long replayed = WalPosition.parse(row.get(1, String.class));
        String received = row.get(2, String.class);
        Long age = row.get(3, Long.class);
        boolean streaming = row.get(4, Boolean.class);
        boolean behind = !streaming || received != null && WalPosition.parse(received) > replayed;
        if (!behind || age != null && age <= settings.maxLag().toMillis()) {
            return new State(now, true, replayed, "replaying");
        }
        if (!streaming || received == null) {
            return new State(now, false, replayed, "not streaming from the primary, last replayed commit " + age + " ms old");
        }
        // behind by the clock; but if it has since replayed what it had received, it only woke from an idle spell
        long replayedNow = WalPosition.parse(ctx.fetchOne(REPLAY_POSITION).get(0, String.class));
        if (replayedNow >= WalPosition.parse(received)) {
            return new State(now, true, replayedNow, "replaying");
        }
        return new State(now, false, replayedNow, "lagging: last replayed commit " + age + " ms old, max " + settings.maxLag().toMillis() + " ms");
    }

    /** Polls the replay position until it reaches {@code position}, at most until the deadline. */
    private boolean replayed(DSLContext ctx, long position, long deadline) {
        if (state.replayed >= position) {
            return true;
        }
        long pause = FIRST_PAUSE_NANOS;
        while (true) {
            long replayed = WalPosition.parse(ctx.fetchOne(REPLAY_POSITION).get(0, String.class));
            if (replayed >= position) {
                State known = state;
                if (known.replayed < replayed) {
                    state = new State(known.checkedAt, known.usable, replayed, known.reason);
                }
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            LockSupport.parkNanos(Math.min(pause, left));
            pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
        }
    }

    /** The primary's configuration (dialect, settings, listeners, schema mapping) on this replica's connections. */
    private DSLContext context(DSLContext primary) {
        DSLContext known = context;
        if (known == null) {
            // a new configuration, not derive(): the primary's thread-bound transaction provider
            // hands out the primary's connections whatever connection provider is set beside it
            Configuration from = primary.configuration();
            known = new DefaultConfiguration()
                    .set(from.dialect())
                    .set(from.settings())
                    .set(from.executeListenerProviders())
                    .set(new DataSourceConnectionProvider(dataSource))
                    .dsl();
            context = known;
        }
        return known;
    }

    private static String sqlState(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /** How a replica stood at its last check. */
    record State(long checkedAt, boolean usable, long replayed, String reason) {
    }

    /** A result served by a replica (which may be null). */
    record Served<T>(T value) {
    }

    @Override
    public String toString() {
        return "replica " + dataSource + " (" + state.reason + ")";
    }
}
