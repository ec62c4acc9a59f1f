package org.mlregistry.schema;

import org.flywaydb.core.api.FlywayException;

/** The database cannot be brought to, or does not match, mlregistry's schema. */
public class SchemaMigrationException extends RuntimeException {

    public SchemaMigrationException(String message) {
        super(message);
    }

    public SchemaMigrationException(String message, Throwable cause) {
        super(message, cause);
    }

    static SchemaMigrationException of(String action, java.util.List<String> schemas, FlywayException cause) {
        String reason = cause.getMessage();
        if (reason != null && reason.contains("without schema history table")) {
            return new SchemaMigrationException("Cannot " + action + ": the schemas " + schemas
                    + " already hold objects that mlregistry did not create (no history table "
                    + RegistrySchema.HISTORY_TABLE + "). Use another database, or drop or rename those schemas.", cause);
        }
        return new SchemaMigrationException("Cannot " + action + " the mlregistry schema: " + reason, cause);
    }
}
