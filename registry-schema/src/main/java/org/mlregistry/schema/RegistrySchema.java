package org.mlregistry.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.ValidateResult;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/**
 * Migrates a PostgreSQL database to mlregistry's schemas {@code tracking} and {@code registry}
 * (or the names a service chose with {@link Configuration#schemas}).
 *
 * <pre>{@code
 * RegistrySchema.configure().dataSource(dataSource).load().migrate();
 * }</pre>
 *
 * The migrations live in their own classpath location ({@value #MIGRATIONS_LOCATION}) and record
 * themselves in their own history table ({@value #HISTORY_TABLE} in the registry schema), so
 * they never meet a service's own Flyway migrations. Migrating is idempotent: a second call
 * applies nothing. A migration whose content changed after it was applied is refused. Migrating
 * needs one connection at a time (a session-level advisory lock serializes concurrent migrations),
 * so a pool of one connection is enough.
 */
public final class RegistrySchema {

    public static final String MIGRATIONS_LOCATION = "classpath:org/mlregistry/schema/migration";
    public static final String HISTORY_TABLE = "flyway_mlregistry_history";
    /** The default schemas; the schema holding the history table comes first. */
    public static final List<String> SCHEMAS = List.of(SchemaNames.DEFAULT.registry(), SchemaNames.DEFAULT.tracking());

    private final Flyway flyway;
    private final DataSource dataSource;
    /** The schemas migrated, the one holding the history table first. */
    private final List<String> schemas;

    private RegistrySchema(Flyway flyway, DataSource dataSource, SchemaNames names) {
        this.flyway = flyway;
        this.dataSource = dataSource;
        this.schemas = List.of(names.registry(), names.tracking());
    }

    public static Configuration configure() {
        return new Configuration();
    }

    /**
     * Applies every pending migration in one pass.
     *
     * @return the number of migrations applied (0 when the database is up to date)
     * @throws SchemaMigrationException if an applied migration changed, or the schemas exist
     *     but were not created by mlregistry
     */
    public int migrate() {
        refuseForeignSchemas();
        try {
            MigrateResult result = flyway.migrate();
            MigrationLog.applied(result, schemas);
            return result.migrationsExecuted;
        } catch (FlywayException e) {
            throw SchemaMigrationException.of("migrate", schemas, e);
        }
    }

    /**
     * Checks that the applied migrations match the ones shipped in this version of mlregistry.
     *
     * @throws SchemaMigrationException naming every difference (changed checksum, pending or
     *     unknown migration)
     */
    public void validate() {
        ValidateResult result;
        try {
            result = flyway.validateWithResult();
        } catch (FlywayException e) {
            throw SchemaMigrationException.of("validate", schemas, e);
        }
        if (!result.validationSuccessful) {
            throw new SchemaMigrationException("mlregistry schema validation failed: "
                    + result.getAllErrorMessages());
        }
    }

    /**
     * Realigns the history table with the migrations shipped in this version (Flyway's
     * {@code repair}): stored checksums and descriptions are replaced by the current ones and
     * failed entries removed. For a database whose migrations were applied with the same content
     * but a different text, e.g. by an mlregistry snapshot from before the migrations named their
     * schemas through placeholders; it changes no schema object.
     *
     * @throws SchemaMigrationException when Flyway cannot repair the history
     */
    public void repair() {
        try {
            flyway.repair();
        } catch (FlywayException e) {
            throw SchemaMigrationException.of("repair", schemas, e);
        }
    }

    /** Every versioned migration known to this version or applied to the database, in version order. */
    public List<MigrationStatus> info() {
        return Arrays.stream(flyway.info().all())
                .filter(info -> info.getVersion() != null)
                .map(RegistrySchema::status)
                .toList();
    }

    /**
     * Flyway would create its history table next to objects it never made; mlregistry refuses to
     * migrate schemas that hold tables but no mlregistry history.
     */
    private void refuseForeignSchemas() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(FOREIGN_OBJECTS)) {
            statement.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            statement.setString(2, schemas.get(0));
            statement.setString(3, HISTORY_TABLE);
            try (ResultSet rows = statement.executeQuery()) {
                List<String> found = new ArrayList<>();
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
                if (!found.isEmpty()) {
                    throw new SchemaMigrationException("Cannot migrate: the schemas " + schemas
                            + " already hold objects that mlregistry did not create (" + String.join(", ", found)
                            + ") and no history table " + schemas.get(0) + "." + HISTORY_TABLE
                            + ". Use another database, or drop or rename those schemas.");
                }
            }
        } catch (SQLException e) {
            throw new SchemaMigrationException("Cannot inspect the database before migrating: " + e.getMessage(), e);
        }
    }

    private static final String FOREIGN_OBJECTS = """
            SELECT table_schema || '.' || table_name
              FROM information_schema.tables
             WHERE table_schema = ANY (?)
               AND NOT EXISTS (SELECT 1 FROM information_schema.tables
                                WHERE table_schema = ? AND table_name = ?)
             ORDER BY 1
             LIMIT 5
            """;

    private static MigrationStatus status(MigrationInfo info) {
        return new MigrationStatus(
                info.getVersion() == null ? null : info.getVersion().getVersion(),
                info.getDescription(),
                info.getState().getDisplayName(),
                info.getInstalledOn() == null ? null : info.getInstalledOn().toInstant());
    }

    /** One migration and whether it was applied. */
    public record MigrationStatus(String version, String description, String state,
                                  java.time.Instant installedOn) {
    }

    /** Where to migrate; {@link #load()} builds the {@link RegistrySchema}. */
    public static final class Configuration {
        private DataSource dataSource;
        private SchemaNames names = SchemaNames.DEFAULT;

        private Configuration() {
        }

        public Configuration dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /**
         * Places the library's schemas under other names, e.g. beside an unrelated schema
         * {@code tracking}: every migration names them through the placeholders
         * {@code ${tracking_schema}} and {@code ${registry_schema}}, and the history table lives in
         * the registry schema. A {@code Registry} must be configured with the same names.
         *
         * @param trackingSchema the name of the schema called {@code tracking} by default
         * @param registrySchema the name of the schema called {@code registry} by default
         * @return this configuration
         * @throws InvalidSchemaNameException naming the field when a name breaks {@link SchemaNames#RULE}
         *     or both are equal
         */
        public Configuration schemas(String trackingSchema, String registrySchema) {
            this.names = new SchemaNames(trackingSchema, registrySchema);
            return this;
        }

        public RegistrySchema load() {
            if (dataSource == null) {
                throw new IllegalStateException("RegistrySchema.configure(): dataSource(...) is required before load()");
            }
            FluentConfiguration config = Flyway.configure(RegistrySchema.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(MIGRATIONS_LOCATION)
                    .table(HISTORY_TABLE)
                    .schemas(names.registry(), names.tracking())
                    .placeholders(names.placeholders())
                    .placeholderReplacement(true)
                    .createSchemas(true)
                    .failOnMissingLocations(true)
                    .validateMigrationNaming(true)
                    .cleanDisabled(true);
            // Flyway's default transactional advisory lock needs a second connection for the
            // migrations themselves; a session-level lock lets it run on one, so migrate() works on
            // a pool of one connection.
            // (Through the plugin register: getConfigurationExtension exists from Flyway 12 only, and
            // Spring Boot 3.5 manages Flyway 11.)
            config.getPluginRegister().getPlugin(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
            Flyway flyway = config.load();
            return new RegistrySchema(flyway, dataSource, names);
        }
    }
}
