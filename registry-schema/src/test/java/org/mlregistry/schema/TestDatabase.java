package org.mlregistry.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.mlregistry.testing.SampleData;
import org.mlregistry.testing.database.PostgresServer;
import org.mlregistry.testing.database.PostgresServers;

/**
 * The one PostgreSQL server of a test run (embedded unless -Dregistry.jdbc.url or
 * -Dregistry.database=testcontainers say otherwise), started on first use, migrated once, with the
 * sample data loaded, and stopped when the JVM exits.
 */
public final class TestDatabase {

    private static final AtomicInteger FRESH_DATABASES = new AtomicInteger();
    private static PostgresServer server;
    private static DataSource dataSource;

    private TestDatabase() {
    }

    /** The migrated database holding the samples. */
    public static synchronized DataSource dataSource() {
        if (dataSource == null) {
            server = PostgresServers.fromSystemProperties();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-test-postgres"));
            dataSource = server.dataSource();
            RegistrySchema.configure().dataSource(dataSource).load().migrate();
            SampleData.reset(dataSource);
        }
        return dataSource;
    }

    /** The server, e.g. for a program under test that connects by URL. */
    public static PostgresServer server() {
        dataSource();
        return server;
    }

    /** A new, empty database on the same server, for tests that migrate from scratch. */
    public static DataSource freshDatabase() {
        dataSource();
        String name = "fresh_" + ProcessHandle.current().pid() + "_" + FRESH_DATABASES.incrementAndGet();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name, e);
        }
        return server.dataSource(name);
    }
}
