package org.mlregistry.testing.database;

/** A server that runs anyway; closing it leaves it running. */
record ExistingPostgresServer(String jdbcUrl, String user, String password) implements PostgresServer {

    @Override
    public String description() {
        return "PostgreSQL at " + jdbcUrl;
    }

    @Override
    public void close() {
    }
}
