package org.mlregistry.schema.database;

import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PostgreSQL server for development, tests and the lab runner: embedded, an existing server, or
 * a Testcontainers container. Closing it stops what it started.
 */
public interface PostgresServer extends AutoCloseable {

    /** JDBC URL of the server's default database. */
    String jdbcUrl();

    String user();

    String password();

    /** A short human description, e.g. "embedded PostgreSQL 17.11". */
    String description();

    /** The server's default database. */
    default DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl());
        dataSource.setUser(user());
        dataSource.setPassword(password());
        return dataSource;
    }

    /** Another database on the same server (it must exist). */
    default DataSource dataSource(String database) {
        PGSimpleDataSource dataSource = (PGSimpleDataSource) dataSource();
        dataSource.setDatabaseName(database);
        return dataSource;
    }

    @Override
    void close();
}
