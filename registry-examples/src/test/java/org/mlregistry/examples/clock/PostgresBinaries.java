package org.mlregistry.examples.clock;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.mlregistry.schema.TestDatabase;

/**
 * The directory holding the embedded PostgreSQL's {@code initdb}, {@code pg_ctl} and {@code postgres}:
 * the zonky binaries the test server runs, which zonky unpacks into a temporary directory of its
 * own choosing. A running server knows where its programs are ({@code pg_config}'s BINDIR), so the
 * shared test server is asked; when that server is not a local embedded one, an embedded server is
 * started just long enough to unpack and report them.
 */
final class PostgresBinaries {

    private PostgresBinaries() {
    }

    static Path directory() {
        return bindir(TestDatabase.dataSource()).orElseGet(PostgresBinaries::unpackedByZonky);
    }

    private static Path unpackedByZonky() {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            return bindir(postgres.getPostgresDatabase())
                    .orElseThrow(() -> new IllegalStateException("the embedded PostgreSQL reports no usable BINDIR"));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start an embedded PostgreSQL to find its binaries", e);
        }
    }

    /** The server's BINDIR when it is a directory on this machine with the three programs. */
    private static Optional<Path> bindir(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT setting FROM pg_config WHERE name = 'BINDIR'")) {
            if (!row.next()) {
                return Optional.empty();
            }
            Path bin = Path.of(row.getString(1));
            boolean usable = Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"))
                    && Files.isExecutable(bin.resolve("postgres"));
            return usable ? Optional.of(bin) : Optional.empty();
        } catch (SQLException e) {
            // not a superuser, or no such view: not a server whose binaries are ours
            return Optional.empty();
        }
    }
}
