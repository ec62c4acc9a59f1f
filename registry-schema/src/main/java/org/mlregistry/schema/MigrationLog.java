package org.mlregistry.schema;

import java.util.stream.Collectors;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What {@link RegistrySchema#migrate()} did, logged once per call: INFO when it applied migrations. */
final class MigrationLog {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrySchema.class);

    private MigrationLog() {
    }

    static void applied(MigrateResult result, Object schemas) {
        if (result.migrationsExecuted == 0) {
            LOG.debug("mlregistry schemas {} up to date at version {}", schemas, result.initialSchemaVersion);
            return;
        }
        String versions = result.migrations.stream()
                .map(m -> m.version == null || m.version.isEmpty() ? m.description : m.version).collect(Collectors.joining(", "));
        LOG.info("mlregistry schemas {} migrated from version {} to {}: {} migration(s) applied ({})", schemas,
                result.initialSchemaVersion == null ? "none" : result.initialSchemaVersion,
                result.targetSchemaVersion, result.migrationsExecuted, versions);
    }
}
