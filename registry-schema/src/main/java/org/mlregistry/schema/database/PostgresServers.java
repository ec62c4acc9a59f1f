package org.mlregistry.schema.database;

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

    /** From the system properties described above. */
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

    public static PostgresServer embedded() {
        return EmbeddedPostgresServer.start();
    }

    public static PostgresServer existing(String jdbcUrl, String user, String password) {
        return new ExistingPostgresServer(jdbcUrl, user, password);
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
