package org.mlregistry.testing.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A primary and a hot standby streaming from it, both started from the embedded PostgreSQL binaries
 * on the classpath (which hold no {@code pg_basebackup}): the primary starts as usual; the standby's
 * data directory is a base backup taken with the low-level API ({@code pg_backup_start}, a copy in
 * Java, {@code pg_backup_stop}'s {@code backup_label}), with {@code standby.signal},
 * {@code primary_conninfo} and a physical replication slot, so the primary keeps the WAL the standby
 * has not received yet. {@link #shared()} starts one pair per JVM, closed when the JVM exits.
 *
 * <p>For tests of replica routing: {@link #pauseReplay()} freezes what the standby shows,
 * {@link #stopStandby()} makes it unreachable, {@link #awaitReplay()} waits (polling the replay
 * position, bounded) until it shows every commit of the primary.
 */
public final class StandbyPair implements AutoCloseable {

    private static final String SLOT = "mlregistry_standby";
    private static final Duration STARTUP = Duration.ofSeconds(120);
    /** How long {@link #awaitReplay} and the pause waits poll before giving up. */
    private static final Duration WAIT_BOUND = Duration.ofSeconds(60);
    private static final AtomicReference<StandbyPair> SHARED = new AtomicReference<>();

    private final EmbeddedPostgres primary;
    private final Path standbyDirectory;
    private final int standbyPort;
    private EmbeddedPostgres standby;

    private StandbyPair(EmbeddedPostgres primary, Path standbyDirectory, int standbyPort, EmbeddedPostgres standby) {
        this.primary = primary;
        this.standbyDirectory = standbyDirectory;
        this.standbyPort = standbyPort;
        this.standby = standby;
    }

    /**
     * The pair of this JVM, started on first use and stopped when the JVM exits.
     *
     * @return the running pair (its standby may have been stopped or paused by an earlier caller)
     */
    public static synchronized StandbyPair shared() {
        StandbyPair pair = SHARED.get();
        if (pair == null) {
            pair = start();
            SHARED.set(pair);
            StandbyPair started = pair;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "standby-pair-closer"));
        }
        return pair;
    }

    /**
     * Starts a new pair; the caller closes it.
     *
     * @return the running pair, the standby caught up with the primary
     */
    public static StandbyPair start() {
        AtomicReference<Path> primaryDirectory = new AtomicReference<>();
        EmbeddedPostgres primary = null;
        try {
            primary = EmbeddedPostgres.builder()
                    .setServerConfig("wal_level", "replica")
                    .setServerConfig("max_wal_senders", "4")
                    .setServerConfig("max_replication_slots", "4")
                    // zonky turns it off; a service's primary has it on, and read-your-writes waits depend on it
                    .setServerConfig("synchronous_commit", "on")
                    .setPGStartupWait(STARTUP)
                    .setDataDirectoryCustomizer(dir -> {
                        primaryDirectory.set(dir.toPath());
                        allowReplication(dir.toPath());
                    })
                    .start();
            Path copy = Files.createTempDirectory("mlregistry-standby");
            baseBackup(primary.getPostgresDatabase(), primaryDirectory.get(), copy);
            configureStandby(copy, primary.getPort());
            int port = freePort();
            StandbyPair pair = new StandbyPair(primary, copy, port, startStandby(copy, port));
            pair.awaitReplay();
            return pair;
        } catch (IOException e) {
            closeQuietly(primary);
            throw new UncheckedIOException("Could not start the primary and standby: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(primary);
            throw e;
        }
    }

    /**
     * The primary's default database.
     *
     * @return a data source of it
     */
    public DataSource primary() {
        return dataSource(primary.getPort());
    }

    /**
     * The standby's default database (read-only; refused while the standby is stopped).
     *
     * @return a data source of it
     */
    public DataSource standby() {
        return dataSource(standbyPort);
    }

    /**
     * The primary as a {@link PostgresServer}; closing it does not stop the pair.
     *
     * @return the primary's connection details
     */
    public PostgresServer primaryServer() {
        return PostgresServers.existing("jdbc:postgresql://localhost:" + primary.getPort() + "/postgres", "postgres", "postgres");
    }

    /**
     * Pauses the standby's replay and waits until it stands still: from then on, it keeps receiving
     * WAL but shows none of the primary's later commits.
     */
    public void pauseReplay() {
        onStandby("SELECT pg_wal_replay_pause()");
        awaitOnStandby("SELECT pg_get_wal_replay_pause_state() = 'paused'", null, "replay to pause");
    }

    /** Resumes the standby's replay. */
    public void resumeReplay() {
        onStandby("SELECT pg_wal_replay_resume()");
    }

    /**
     * Waits until the standby has received every commit of the primary so far, without replaying
     * it if replay is paused.
     */
    public void awaitReceipt() {
        String lsn = currentPrimaryLsn();
        awaitOnStandby("SELECT pg_last_wal_receive_lsn() >= ?::pg_lsn", lsn, "the standby to receive " + lsn);
    }

    /** Resumes replay (if paused) and waits until the standby shows every commit of the primary so far. */
    public void awaitReplay() {
        String lsn = currentPrimaryLsn();
        resumeReplay();
        awaitOnStandby("SELECT pg_last_wal_replay_lsn() >= ?::pg_lsn", lsn, "the standby to replay " + lsn);
    }

    /** Stops the standby (fast shutdown); its port refuses connections until {@link #startStandby()}. */
    public synchronized void stopStandby() {
        if (standby != null) {
            closeQuietly(standby);
            standby = null;
        }
    }

    /**
     * Starts the standby again (if stopped) on the same port; it resumes streaming from its slot.
     * Returns once it has replayed a commit made after its start, so that
     * {@code pg_last_xact_replay_timestamp()} (null until a standby replays a commit) is set, as
     * on a standby that has been running.
     */
    public synchronized void startStandby() {
        if (standby == null) {
            try {
                standby = startStandby(standbyDirectory, standbyPort);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not restart the standby: " + e.getMessage(), e);
            }
            try (Connection c = primary().getConnection(); Statement s = c.createStatement()) {
                s.execute("SELECT pg_current_xact_id()");
            } catch (SQLException e) {
                throw new IllegalStateException("Could not commit on the primary: " + e.getMessage(), e);
            }
            awaitReplay();
        }
    }

    /**
     * Whether the standby runs.
     *
     * @return false after {@link #stopStandby()}
     */
    public synchronized boolean standbyRunning() {
        return standby != null;
    }

    /** Stops both servers and deletes the standby's copy (the primary's directory goes with it). */
    @Override
    public synchronized void close() {
        stopStandby();
        closeQuietly(primary);
        deleteTree(standbyDirectory);
    }

    private String currentPrimaryLsn() {
        try (Connection c = primary().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_current_wal_lsn()::text")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the primary's WAL position: " + e.getMessage(), e);
        }
    }

    private void onStandby(String sql) {
        try (Connection c = standby().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on the standby: " + e.getMessage(), e);
        }
    }

    /** Polls a boolean query on the standby until it holds, at most {@link #WAIT_BOUND}. */
    private void awaitOnStandby(String sql, String parameter, String what) {
        long deadline = System.nanoTime() + WAIT_BOUND.toNanos();
        try (Connection c = standby().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (parameter != null) {
                s.setString(1, parameter);
            }
            while (true) {
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Gave up waiting " + WAIT_BOUND + " for " + what);
                }
                Thread.onSpinWait();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Waiting for " + what + " failed: " + e.getMessage(), e);
        }
    }

    private static void allowReplication(Path dataDirectory) {
        try {
            Files.writeString(dataDirectory.resolve("pg_hba.conf"),
                    "\nhost replication all 127.0.0.1/32 trust\nhost replication all ::1/128 trust\n",
                    StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A base backup of a running primary with the low-level API, into an empty directory. */
    private static void baseBackup(DataSource primary, Path from, Path to) throws IOException {
        try (Connection c = primary.getConnection(); Statement s = c.createStatement()) {
            // reserved now, so the primary keeps every WAL segment from before the backup's checkpoint
            s.execute("SELECT pg_create_physical_replication_slot('" + SLOT + "', true)");
            s.execute("SELECT pg_backup_start('mlregistry-standby', true)");
            DataDirectoryCopy.copy(from, to);
            try (ResultSet rs = s.executeQuery("SELECT labelfile, spcmapfile FROM pg_backup_stop(false)")) {
                rs.next();
                Files.writeString(to.resolve("backup_label"), rs.getString(1), StandardCharsets.UTF_8);
                String tablespaceMap = rs.getString(2);
                if (tablespaceMap != null && !tablespaceMap.isEmpty()) {
                    Files.writeString(to.resolve("tablespace_map"), tablespaceMap, StandardCharsets.UTF_8);
                }
            }
        } catch (SQLException e) {
            throw new IOException("The base backup failed: " + e.getMessage(), e);
        }
    }

    private static void configureStandby(Path dataDirectory, int primaryPort) throws IOException {
        Files.createFile(dataDirectory.resolve("standby.signal"));
        // here rather than as -c options: zonky joins those with spaces, and primary_conninfo has spaces
        Files.writeString(dataDirectory.resolve("postgresql.auto.conf"),
                "\nprimary_conninfo = 'host=localhost port=" + primaryPort + " user=postgres application_name=" + SLOT + "'\n"
                        + "primary_slot_name = '" + SLOT + "'\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private static EmbeddedPostgres startStandby(Path dataDirectory, int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("hot_standby", "on")
                .setServerConfig("max_wal_senders", "4")
                .setServerConfig("max_replication_slots", "4")
                .setPGStartupWait(STARTUP)
                .start();
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static DataSource dataSource(int port) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {"localhost"});
        dataSource.setPortNumbers(new int[] {port});
        dataSource.setDatabaseName("postgres");
        dataSource.setUser("postgres");
        dataSource.setPassword("postgres");
        dataSource.setConnectTimeout(5);
        return dataSource;
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                // stopping for good: nothing left to do about it
            }
        }
    }

    private static void deleteTree(Path directory) {
        try {
            DataDirectoryCopy.delete(directory);
        } catch (IOException e) {
            // a temporary directory: the OS cleans it later
        }
    }
}
