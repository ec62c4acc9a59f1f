package org.mlregistry.testing.database;

import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * PostgreSQL in a Testcontainers container, for machines with Docker. Optional. The major is 17 unless
 * {@code -Dmlregistry.test.postgres-major} chooses another.
 */
final class ContainerPostgresServer implements PostgresServer {

    private final PostgreSQLContainer container;
    private final String image;

    private ContainerPostgresServer(PostgreSQLContainer container, String image) {
        this.container = container;
        this.image = image;
    }

    static ContainerPostgresServer start() {
        String major = System.getProperty(EmbeddedBinaries.MAJOR_PROPERTY, "").trim();
        String image = "postgres:" + (major.isEmpty() ? "17" : major) + "-alpine";
        PostgreSQLContainer container = new PostgreSQLContainer(image);
        container.start();
        return new ContainerPostgresServer(container, image);
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
        return "PostgreSQL container " + image;
    }

    @Override
    public void close() {
        container.stop();
    }
}
