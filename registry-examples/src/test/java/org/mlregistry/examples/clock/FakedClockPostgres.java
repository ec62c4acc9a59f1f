package org.mlregistry.examples.clock;

import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A throw-away PostgreSQL whose clock a test places where it wants, e.g. at 00:02 on a Monday.
 *
 * <p>Zonky's {@code EmbeddedPostgres} starts {@code pg_ctl} with the JVM's environment and offers
 * no way to add variables, so this class runs the same binaries itself ({@code initdb}, then
 * {@code pg_ctl start} with libfaketime preloaded). libfaketime reads the clock offset from a file
 * on every call ({@code FAKETIME_NO_CACHE}), so {@link #placeClockAt(Instant)} moves the clock of
 * the running server at once; from there the clock runs on at normal speed. Monotonic clocks stay
 * real, so PostgreSQL's timeouts and waits are unaffected. As root (where PostgreSQL refuses to
 * run) the programs run in a user namespace ({@code unshare -U}), as zonky does.
 */
final class FakedClockPostgres implements AutoCloseable {

    private static final String USER = "postgres";
    private static final long PROGRAM_TIMEOUT_SECONDS = 60;

    private final Path bin;
    private final Path home;
    private final int port;
    private final Thread stopAtExit = new Thread(this::stop, "stop-faked-clock-postgres");
    private boolean running;

    private FakedClockPostgres(Path bin, Path home, int port) {
        this.bin = bin;
        this.home = home;
        this.port = port;
    }

    /** Creates a cluster in a temporary directory and starts it with its clock at clock. */
    static FakedClockPostgres start(Instant clock) {
        Path library = LibFaketime.locate();
        Path bin = PostgresBinaries.directory();
        FakedClockPostgres server;
        try {
            server = new FakedClockPostgres(bin, Files.createTempDirectory("faked-clock-postgres"), freePort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            server.placeClockAt(clock);
            server.run("initdb", Map.of(), "-A", "trust", "-U", USER, "-E", "UTF-8", "--no-sync", "-D", server.data());
            server.startWith(library);
            return server;
        } catch (RuntimeException e) {
            try {
                server.close();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private void startWith(Path library) {
        Runtime.getRuntime().addShutdownHook(stopAtExit);
        running = true;
        run("pg_ctl", Map.of(
                        "LD_PRELOAD", library.toString(),
                        "FAKETIME_TIMESTAMP_FILE", clockFile().toString(),
                        "FAKETIME_NO_CACHE", "1",
                        "FAKETIME_DONT_FAKE_MONOTONIC", "1"),
                "-D", data(), "-l", home.resolve("server.log").toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -F -c timezone=UTC -c listen_addresses=localhost"
                        + " -c unix_socket_directories='" + home + "'",
                "start");
    }

    /**
     * Moves the server's clock so that it reads instant now, and runs on from there. The offset to
     * the machine's clock is written in whole seconds, rounded up: the server's clock reads instant
     * or up to a second later.
     */
    void placeClockAt(Instant instant) {
        long offsetSeconds = Math.floorDiv(instant.toEpochMilli() - System.currentTimeMillis() + 999, 1000);
        try {
            // written aside and moved in one step: libfaketime never reads a half-written file
            Path next = Files.writeString(home.resolve("clock.next"), String.format("%+ds%n", offsetSeconds),
                    StandardCharsets.US_ASCII);
            Files.move(next, clockFile(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server's {@code postgres} database, as its superuser. */
    DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {"localhost"});
        dataSource.setPortNumbers(new int[] {port});
        dataSource.setDatabaseName("postgres");
        dataSource.setUser(USER);
        return dataSource;
    }

    /** Stops the server and deletes its directory. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    private synchronized void stop() {
        if (running) {
            running = false;
            run("pg_ctl", Map.of(), "-D", data(), "-m", "fast", "-w", "-t", "30", "stop");
        }
        deleteHome();
    }

    private String data() {
        return home.resolve("data").toString();
    }

    private Path clockFile() {
        return home.resolve("clock");
    }

    /** Runs one of the PostgreSQL programs to completion; throws with its output when it fails. */
    private void run(String program, Map<String, String> environment, String... arguments) {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(arguments));
        Path output = home.resolve(program + ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().remove("FAKETIME");
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            if (!process.waitFor(PROGRAM_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(program + " did not finish within " + PROGRAM_TIMEOUT_SECONDS + " s" + outputs());
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command + " failed with exit code " + process.exitValue() + outputs());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + program, e);
        }
    }

    /** What the programs and the server wrote, for an error message. */
    private String outputs() {
        StringBuilder text = new StringBuilder();
        for (String name : List.of("initdb.out", "pg_ctl.out", "server.log")) {
            Path file = home.resolve(name);
            try {
                if (Files.exists(file)) {
                    text.append("\n--- ").append(name).append(":\n").append(Files.readString(file));
                }
            } catch (IOException e) {
                text.append("\n--- ").append(name).append(": unreadable (").append(e.getMessage()).append(')');
            }
        }
        return text.toString();
    }

    private void deleteHome() {
        if (!Files.exists(home)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(home)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + home, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
