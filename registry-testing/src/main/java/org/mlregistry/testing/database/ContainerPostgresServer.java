package org.mlregistry.testing.database;

import org.testcontainers.postgresql.PostgreSQLContainer;

/** PostgreSQL 17 in a Testcontainers container, for machines with Docker. Optional. */
final class ContainerPostgresServer implements PostgresServer {

    private static final String IMAGE = "postgres:17-alpine";

    private final PostgreSQLContainer container;

    private ContainerPostgresServer(PostgreSQLContainer container) {
        this.container = container;
    }

    static ContainerPostgresServer start() {
        PostgreSQLContainer container = new PostgreSQLContainer(IMAGE);
        container.start();
        return new ContainerPostgresServer(container);
    }

    @Override
    public String jdbcUrl() {
        return container.getJdbcUrl();
    }

    @Override
    public String user() {
        return container.getUsername();
    }

    @Override
    public String password() {
        return container.getPassword();
    }

    @Override
    public String description() {
        return "PostgreSQL container " + IMAGE;
    }

    @Override
    public void close() {
        container.stop();
    }
}
