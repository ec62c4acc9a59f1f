package org.mlregistry.schema;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateResult;

/**
 * Migrates a PostgreSQL database to mlregistry's schemas {@code tracking} and {@code registry}.
 *
 * <pre>{@code
 * RegistrySchema.configure().dataSource(dataSource).load().migrate();
 * }</pre>
 *
 * The migrations live in their own classpath location ({@value #MIGRATIONS_LOCATION}) and record
 * themselves in their own history table ({@value #HISTORY_TABLE} in schema {@code registry}), so
 * they never meet a service's own Flyway migrations. Migrating is idempotent: a second call
 * applies nothing. A migration whose content changed after it was applied is refused.
 */
public final class RegistrySchema {

    public static final String MIGRATIONS_LOCATION = "classpath:org/mlregistry/schema/migration";
    public static final String HISTORY_TABLE = "flyway_mlregistry_history";
    /** The schema holding the history table comes first. */
    public static final List<String> SCHEMAS = List.of("registry", "tracking");

    private final Flyway flyway;

    private RegistrySchema(Flyway flyway) {
        this.flyway = flyway;
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
        try {
            MigrateResult result = flyway.migrate();
            return result.migrationsExecuted;
        } catch (FlywayException e) {
            throw SchemaMigrationException.of("migrate", e);
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
            throw SchemaMigrationException.of("validate", e);
        }
        if (!result.validationSuccessful) {
            throw new SchemaMigrationException("mlregistry schema validation failed: "
                    + result.getAllErrorMessages());
        }
    }

    /** Every migration known to this version or applied to the database, in version order. */
    public List<MigrationStatus> info() {
        return Arrays.stream(flyway.info().all())
                .map(RegistrySchema::status)
                .toList();
    }

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

        private Configuration() {
        }

        public Configuration dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        public RegistrySchema load() {
            if (dataSource == null) {
                throw new IllegalStateException("RegistrySchema.configure(): dataSource(...) is required before load()");
            }
            Flyway flyway = Flyway.configure(RegistrySchema.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(MIGRATIONS_LOCATION)
                    .table(HISTORY_TABLE)
                    .schemas(SCHEMAS.toArray(String[]::new))
                    .createSchemas(true)
                    .failOnMissingLocations(true)
                    .validateMigrationNaming(true)
                    .cleanDisabled(true)
                    .load();
            return new RegistrySchema(flyway);
        }
    }
}
