package org.mlregistry.testing.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A throw-away PostgreSQL started from zonky binaries, no Docker, no network: the pinned major's on the
 * classpath, or another major's chosen by {@code -Dmlregistry.test.postgres-major} (see {@link EmbeddedBinaries}).
 */
final class EmbeddedPostgresServer implements PostgresServer {

    private static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final String version;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, String version) {
        this.postgres = postgres;
        this.version = version;
    }

    static EmbeddedPostgresServer start() {
        EmbeddedBinaries binaries = EmbeddedBinaries.fromSystemProperties();
        EmbeddedPostgres postgres;
        try {
            postgres = binaries.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL: " + e.getMessage(), e);
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT current_setting('server_version_num')::int, current_setting('server_version')")) {
            row.next();
            binaries.check(row.getInt(1));
            return new EmbeddedPostgresServer(postgres, row.getString(2));
        } catch (SQLException | RuntimeException e) {
            closeQuietly(postgres, e);
            throw e instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("Could not read the embedded PostgreSQL's version", e);
        }
    }

    private static void closeQuietly(EmbeddedPostgres postgres, Exception cause) {
        try {
            postgres.close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public String jdbcUrl() {
        return postgres.getJdbcUrl(USER, "postgres");
    }

    @Override
    public String user() {
        return USER;
    }

    @Override
    public String password() {
        return USER;
    }

    @Override
    public String description() {
        return "embedded PostgreSQL " + version + " on port " + postgres.getPort();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
