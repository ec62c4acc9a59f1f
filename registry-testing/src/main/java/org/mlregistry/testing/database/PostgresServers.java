package org.mlregistry.testing.database;

import java.util.Locale;

/**
 * Chooses and starts a {@link PostgresServer}.
 *
 * <ul>
 *   <li>{@code registry.jdbc.url} set (with {@code registry.jdbc.user}, {@code registry.jdbc.password}):
 *       that existing server;</li>
 *   <li>{@code registry.database=testcontainers}: a PostgreSQL container (needs Docker);</li>
 *   <li>otherwise: an embedded PostgreSQL, started offline from binaries on the classpath.</li>
 * </ul>
 */
public final class PostgresServers {

    private PostgresServers() {
    }

    /**
     * Chooses by the system properties described above.
     *
     * @return the started (or existing) server
     * @throws IllegalArgumentException if {@code registry.database} names neither embedded nor testcontainers
     */
    public static PostgresServer fromSystemProperties() {
        String url = property("registry.jdbc.url");
        if (url != null) {
            return existing(url, property("registry.jdbc.user"), property("registry.jdbc.password"));
        }
        String kind = property("registry.database");
        if (kind == null || kind.toLowerCase(Locale.ROOT).equals("embedded")) {
            return embedded();
        }
        if (kind.toLowerCase(Locale.ROOT).equals("testcontainers")) {
            return ContainerPostgresServer.start();
        }
        throw new IllegalArgumentException("registry.database must be 'embedded' or 'testcontainers', got '" + kind + "'");
    }

    /**
     * Starts an embedded PostgreSQL from the binaries on the classpath.
     *
     * @return the started server; closing it stops it
     */
    public static PostgresServer embedded() {
        return EmbeddedPostgresServer.start();
    }

    /**
     * A server that already runs.
     *
     * @param jdbcUrl JDBC URL of its database
     * @param user the database user
     * @param password the user's password
     * @return the server; closing it leaves it running
     */
    public static PostgresServer existing(String jdbcUrl, String user, String password) {
        return new ExistingPostgresServer(jdbcUrl, user, password);
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
