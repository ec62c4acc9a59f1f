package org.mlregistry.testing.database;

import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PostgreSQL server for development, tests and the lab runner: embedded, an existing server, or
 * a Testcontainers container. Closing it stops what it started.
 */
public interface PostgresServer extends AutoCloseable {

    /**
     * Where to connect.
     *
     * @return JDBC URL of the server's default database
     */
    String jdbcUrl();

    /**
     * Who connects.
     *
     * @return the database user
     */
    String user();

    /**
     * The user's password.
     *
     * @return the password
     */
    String password();

    /**
     * For people reading a log.
     *
     * @return a short human description, e.g. "embedded PostgreSQL on port 5432"
     */
    String description();

    /**
     * The server's default database.
     *
     * @return a data source of the default database
     */
    default DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl());
        dataSource.setUser(user());
        dataSource.setPassword(password());
        return dataSource;
    }

    /**
     * Another database on the same server.
     *
     * @param database its name; it must exist
     * @return a data source of that database
     */
    default DataSource dataSource(String database) {
        PGSimpleDataSource dataSource = (PGSimpleDataSource) dataSource();
        dataSource.setDatabaseName(database);
        return dataSource;
    }

    /** Stops what this server started; an existing server keeps running. */
    @Override
    void close();
}
