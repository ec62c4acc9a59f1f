package org.mlregistry.examples.reliability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Kills workers' backends from a connection of its own: every 30–120 ms (drawn from a seeded
 * random) it terminates one backend whose {@code application_name} starts with a prefix, chosen
 * at random among them, with {@code pg_terminate_backend}. Counts the backends it terminated.
 */
final class FaultInjector implements AutoCloseable {

    static final int MIN_INTERVAL_MS = 30;
    static final int MAX_INTERVAL_MS = 120;

    private final DataSource dataSource;
    private final String prefix;
    private final Random random;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong kills = new AtomicLong();
    private final Thread thread;
    private volatile Throwable failure;

    private FaultInjector(DataSource dataSource, String prefix, long seed) {
        this.dataSource = dataSource;
        this.prefix = prefix;
        this.random = new Random(seed);
        this.thread = new Thread(this::loop, "fault-injector");
    }

    /** Starts killing backends whose application_name starts with prefix. */
    static FaultInjector start(DataSource dataSource, String prefix, long seed) {
        FaultInjector injector = new FaultInjector(dataSource, prefix, seed);
        injector.thread.setDaemon(true);
        injector.thread.start();
        return injector;
    }

    long kills() {
        return kills.get();
    }

    private void loop() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement find = c.prepareStatement("SELECT pid FROM pg_stat_activity "
                        + "WHERE application_name LIKE ? AND pid <> pg_backend_pid() ORDER BY pid");
                PreparedStatement kill = c.prepareStatement("SELECT pg_terminate_backend(?)")) {
            find.setString(1, prefix.replace("_", "\\_").replace("%", "\\%") + "%");
            while (running.get()) {
                Thread.sleep(MIN_INTERVAL_MS + random.nextInt(MAX_INTERVAL_MS - MIN_INTERVAL_MS + 1));
                List<Integer> pids = new ArrayList<>();
                try (ResultSet rs = find.executeQuery()) {
                    while (rs.next()) {
                        pids.add(rs.getInt(1));
                    }
                }
                if (pids.isEmpty()) {
                    continue;
                }
                kill.setInt(1, pids.get(random.nextInt(pids.size())));
                try (ResultSet rs = kill.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        kills.incrementAndGet();
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
