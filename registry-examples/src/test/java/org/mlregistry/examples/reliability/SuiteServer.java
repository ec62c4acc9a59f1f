package org.mlregistry.examples.reliability;

import org.mlregistry.testing.database.PostgresServer;
import org.mlregistry.testing.database.PostgresServers;

/** One server for the reliability tests of a test JVM (each part creates its own databases on it). */
final class SuiteServer {

    private static SuiteDatabases databases;

    private SuiteServer() {
    }

    static synchronized SuiteDatabases databases() {
        if (databases == null) {
            PostgresServer server = PostgresServers.fromSystemProperties();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            databases = new SuiteDatabases(server);
        }
        return databases;
    }
}
