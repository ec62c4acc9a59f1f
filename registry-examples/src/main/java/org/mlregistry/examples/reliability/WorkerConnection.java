package org.mlregistry.examples.reliability;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.mlregistry.core.Registry;

/**
 * One worker's own connection, named by {@code application_name} so the fault injector can find
 * its backend, and reopened after a failure broke it. Not thread-safe: one per worker.
 */
final class WorkerConnection implements AutoCloseable {

    private final DataSource dataSource;
    private final String applicationName;
    private Connection connection;
    private Registry registry;

    WorkerConnection(DataSource dataSource, String applicationName) {
        this.dataSource = dataSource;
        this.applicationName = applicationName;
    }

    /** A registry on this worker's connection, opened (again) if there is none. */
    Registry registry() throws SQLException {
        if (connection == null) {
            Connection opened = dataSource.getConnection();
            try (Statement s = opened.createStatement()) {
                s.execute("SET application_name = '" + applicationName + "'");
            } catch (SQLException e) {
                opened.close();
                throw e;
            }
            connection = opened;
            registry = Registry.configure().dsl(DSL.using(connection, SQLDialect.POSTGRES)).load();
        }
        return registry;
    }

    /** The plain connection (opened if there is none). */
    Connection connection() throws SQLException {
        registry();
        return connection;
    }

    /** After a failure: keeps the connection if it still works, else drops it so the next call reopens. */
    void afterFailure() {
        if (connection == null) {
            return;
        }
        boolean valid;
        try {
            valid = !connection.isClosed() && connection.getAutoCommit() && connection.isValid(2);
        } catch (SQLException e) {
            valid = false;
        }
        if (!valid) {
            close();
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the backend is gone already
            }
        }
        connection = null;
        registry = null;
    }
}
