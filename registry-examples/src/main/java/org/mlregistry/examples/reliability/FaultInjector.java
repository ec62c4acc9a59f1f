package org.mlregistry.examples.reliability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Kills workers' backends from a connection of its own: every 30–120 ms (drawn from a seeded
 * random) it picks one of the workers' {@code application_name}s at random and terminates that
 * worker's backend, if it has one, with {@code pg_terminate_backend}. Picking among all workers,
 * not among the backends still open, keeps each worker's share of the kills constant: the last
 * worker running is not killed every 30–120 ms. Counts the backends it terminated.
 */
final class FaultInjector implements AutoCloseable {

    static final int MIN_INTERVAL_MS = 30;
    static final int MAX_INTERVAL_MS = 120;

    private final DataSource dataSource;
    private final List<String> victims;
    private final Random random;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong kills = new AtomicLong();
    private final Thread thread;
    private volatile Throwable failure;

    private FaultInjector(DataSource dataSource, List<String> victims, long seed) {
        this.dataSource = dataSource;
        this.victims = List.copyOf(victims);
        this.random = new Random(seed);
        this.thread = new Thread(this::loop, "fault-injector");
    }

    /** Starts killing backends of the workers whose application_names are given. */
    static FaultInjector start(DataSource dataSource, List<String> victims, long seed) {
        FaultInjector injector = new FaultInjector(dataSource, victims, seed);
        injector.thread.setDaemon(true);
        injector.thread.start();
        return injector;
    }

    long kills() {
        return kills.get();
    }

    private void loop() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement kill = c.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        + "WHERE application_name = ? AND pid <> pg_backend_pid()")) {
            while (running.get()) {
                Thread.sleep(MIN_INTERVAL_MS + random.nextInt(MAX_INTERVAL_MS - MIN_INTERVAL_MS + 1));
                kill.setString(1, victims.get(random.nextInt(victims.size())));
                try (ResultSet rs = kill.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getBoolean(1)) {
                            kills.incrementAndGet();
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException | RuntimeException e) {
            failure = e;
        }
    }

    /** Stops killing; throws if the injector itself failed. */
    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw new IllegalStateException("fault injector failed: " + failure.getMessage(), failure);
        }
    }
}
