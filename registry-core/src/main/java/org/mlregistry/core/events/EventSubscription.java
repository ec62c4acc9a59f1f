package org.mlregistry.core.events;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;

/**
 * A running subscriber: a thread that listens for {@code NOTIFY mlregistry_events} on a
 * connection of its own and delivers the events after its stored position, in order, whenever a
 * commit notifies it and at least once per poll interval. Obtain it from
 * {@link Events#subscribe(String, Consumer, Duration)}; {@link #close()} stops it.
 */
public final class EventSubscription implements AutoCloseable {

    private static final int BATCH = 100;

    private final ConnectionProvider connections;
    /** The registry's settings, with its schema mapping. */
    private final Settings settings;
    private final String subscriberName;
    private final Consumer<RegistryEvent> handler;
    private final long pollMillis;
    private final Thread thread;
    private final AtomicReference<Throwable> lastFailure = new AtomicReference<>();
    private final AtomicLong rounds = new AtomicLong();
    private volatile boolean closed;
    private final Object waitLock = new Object();
    private Connection waitingOn;

    private EventSubscription(ConnectionProvider connections, Settings settings, String subscriberName,
            Consumer<RegistryEvent> handler, Duration pollInterval) {
        this.connections = connections;
        this.settings = settings;
        this.subscriberName = subscriberName;
        this.handler = handler;
        this.pollMillis = Math.max(1, pollInterval.toMillis());
        this.thread = new Thread(this::run, "mlregistry-events-" + subscriberName);
        this.thread.setDaemon(true);
    }

    static EventSubscription start(ConnectionProvider connections, Settings settings, String subscriberName,
            Consumer<RegistryEvent> handler, Duration pollInterval) {
        EventSubscription subscription = new EventSubscription(connections, settings, subscriberName, handler, pollInterval);
        subscription.thread.start();
        return subscription;
    }

    /**
     * The subscriber's name, under which its position is stored.
     *
     * @return the name
     */
    public String subscriberName() {
        return subscriberName;
    }

    /**
     * The last exception of the handler or of the connection; the subscription keeps running and
     * delivers the unhandled event again after the poll interval.
     *
     * @return the last failure, or empty when there was none
     */
    public Optional<Throwable> lastFailure() {
        return Optional.ofNullable(lastFailure.get());
    }

    /**
     * Whether the delivery thread still runs.
     *
     * @return false once {@link #close()} returned
     */
    public boolean isRunning() {
        return thread.isAlive();
    }

    /** How many delivery rounds completed; a round after the first one follows a wake-up or a poll. */
    long rounds() {
        return rounds.get();
    }

    /**
     * Stops delivering: a wait for a notification ends at once (its connection is aborted), a
     * running delivery finishes its event and stores its position first. The position stays where
     * the last accepted event left it.
     */
    @Override
    public void close() {
        synchronized (waitLock) {
            closed = true;
            waitLock.notifyAll();
            if (waitingOn != null) {
                try {
                    waitingOn.abort(Runnable::run);
                } catch (SQLException | RuntimeException e) {
                    // already broken: the wait ends anyway
                }
            }
        }
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (!closed) {
            Connection connection = null;
            try {
                connection = connections.acquire();
                listen(connection);
            } catch (SQLException | RuntimeException e) {
                if (!closed) {
                    lastFailure.set(e);
                    pause();
                }
            } finally {
                if (connection != null) {
                    release(connection);
                }
            }
        }
    }

    /** LISTEN first, then deliver: a commit after LISTEN always wakes the next wait. */
    private void listen(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        PGConnection pg = connection.unwrap(PGConnection.class);
        try (Statement listen = connection.createStatement()) {
            listen.execute("LISTEN " + EventStatements.CHANNEL);
        }
        DSLContext ctx = DSL.using(connection, SQLDialect.POSTGRES, settings);
        while (!closed) {
            deliverAll(ctx);
            rounds.incrementAndGet();
            synchronized (waitLock) {
                if (closed) {
                    return;
                }
                waitingOn = connection;
            }
            try {
                pg.getNotifications((int) Math.min(Integer.MAX_VALUE, pollMillis));
            } finally {
                synchronized (waitLock) {
                    waitingOn = null;
                }
            }
        }
    }

    private void deliverAll(DSLContext ctx) {
        try {
            while (!closed && EventStatements.deliver(ctx, subscriberName, handler, BATCH) == BATCH) {
                // a full batch: there may be more
            }
        } catch (DataAccessException e) {
            throw e;
        } catch (RuntimeException e) {
            lastFailure.set(e);
        }
    }

    /** Waits a poll interval before reconnecting; close() ends the wait. */
    private void pause() {
        try {
            synchronized (waitLock) {
                if (!closed) {
                    waitLock.wait(pollMillis);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    private void release(Connection connection) {
        try (Statement unlisten = connection.createStatement()) {
            unlisten.execute("UNLISTEN *");
        } catch (SQLException e) {
            // the connection is broken; the pool will find out
        }
        connections.release(connection);
    }
}
