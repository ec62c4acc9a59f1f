package org.mlregistry.examples.bench;

import java.io.PrintStream;
import java.sql.Connection;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.mlregistry.schema.RegistrySchema;
import org.mlregistry.testing.database.PostgresServer;
import org.mlregistry.testing.database.PostgresServers;

/** Where a benchmark runs: the server its options name, migrated, on one connection. */
public final class BenchDatabase {

    /** What a benchmark does on its connection. */
    interface OnConnection<T> {
        T run(Connection connection) throws Exception;
    }

    private BenchDatabase() {
    }

    /** Runs bench on an existing server when jdbcUrl is given, else on an embedded one started for it. */
    static void withServer(String jdbcUrl, String user, String password, PrintStream out, Consumer<DataSource> bench) {
        withPostgres(jdbcUrl, user, password, out, server -> bench.accept(server.dataSource()));
    }

    /**
     * Runs a program on an existing server when jdbcUrl is given, else on an embedded one started for it.
     *
     * @param jdbcUrl the existing server's database, or null for an embedded server
     * @param user the existing server's user
     * @param password that user's password
     * @param out where to say that an embedded server starts
     * @param program what to run on the server
     */
    public static void withPostgres(String jdbcUrl, String user, String password, PrintStream out,
            Consumer<PostgresServer> program) {
        if (jdbcUrl != null) {
            program.accept(PostgresServers.existing(jdbcUrl, user, password));
            return;
        }
        out.println("starting embedded PostgreSQL …");
        try (PostgresServer server = PostgresServers.embedded()) {
            program.accept(server);
        }
    }

    /** Migrates the database, then runs work on one connection of it. */
    static <T> T onMigratedConnection(DataSource dataSource, OnConnection<T> work) {
        RegistrySchema.configure().dataSource(dataSource).load().migrate();
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
