package org.mlregistry.schema;

/**
 * A schema name given to {@link RegistrySchema.Configuration#schemas} (or {@link SchemaNames})
 * that mlregistry refuses; nothing was migrated. registry-core reports the same rule as its
 * {@code InvalidValueException}.
 */
public class InvalidSchemaNameException extends IllegalArgumentException {

    private final String field;
    private final String value;
    private final String rule;

    /**
     * @param field {@code trackingSchema} or {@code registrySchema}
     * @param value the name as given (may be null)
     * @param rule what the name must be
     */
    public InvalidSchemaNameException(String field, String value, String rule) {
        super(field + " " + rule + " (was " + shortened(value) + ")");
        this.field = field;
        this.value = value;
        this.rule = rule;
    }

    private static String shortened(String value) {
        if (value == null) {
            return "null";
        }
        return "'" + (value.length() > 80 ? value.substring(0, 80) + "…" : value) + "'";
    }

    /** @return the refused field: {@code trackingSchema} or {@code registrySchema} */
    public String field() {
        return field;
    }

    /** @return the name as given */
    public String value() {
        return value;
    }

    /** @return what the name must be */
    public String rule() {
        return rule;
    }
}
