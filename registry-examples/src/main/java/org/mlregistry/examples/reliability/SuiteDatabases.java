package org.mlregistry.examples.reliability;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.mlregistry.schema.RegistrySchema;
import org.mlregistry.testing.database.PostgresServer;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The databases the suite works in: each part gets a fresh one on the chosen server, so that its
 * invariants count only its own rows. Needs a user that may create databases and roles (the
 * embedded server's {@code postgres} may).
 */
final class SuiteDatabases {

    private final PostgresServer server;

    SuiteDatabases(PostgresServer server) {
        this.server = server;
    }

    PostgresServer server() {
        return server;
    }

    /** Drops the database if it exists, creates it empty (owned by owner, or the server's user when null). */
    DataSource fresh(String name, String owner) {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        execute("CREATE DATABASE " + name + (owner == null ? "" : " OWNER " + owner));
        return server.dataSource(name);
    }

    /** A fresh database, migrated by the server's user. */
    DataSource migrated(String name) {
        DataSource dataSource = fresh(name, null);
        RegistrySchema.configure().dataSource(dataSource).load().migrate();
        return dataSource;
    }

    /** The database as another user sees it. */
    DataSource as(String database, String user, String password) {
        PGSimpleDataSource dataSource = (PGSimpleDataSource) server.dataSource(database);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        return dataSource;
    }

    /** Runs statements as the server's user on its default database. */
    void execute(String... statements) {
        execute(server.dataSource(), statements);
    }

    static void execute(DataSource dataSource, String... statements) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static long count(DataSource dataSource, String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage() + " in " + sql, e);
        }
    }
}
