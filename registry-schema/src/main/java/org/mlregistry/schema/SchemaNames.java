package org.mlregistry.schema;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names under which mlregistry's two schemas live in a database: {@code tracking} (lab 01's
 * training runs and what grew beside them) and {@code registry} (the model registry, and the
 * migration history table). The migrations name them only through the Flyway placeholders
 * {@value #TRACKING_PLACEHOLDER} and {@value #REGISTRY_PLACEHOLDER}; the generated jOOQ classes
 * name them {@code tracking} and {@code registry}, and a registry maps those names at render time.
 *
 * @param tracking the schema of training runs, metric history, leases, experiments and sweeps
 * @param registry the schema of the model registry, its audit trail and events, and the history table
 */
public record SchemaNames(String tracking, String registry) {

    /** The placeholder that stands for the tracking schema's name in every migration. */
    public static final String TRACKING_PLACEHOLDER = "tracking_schema";
    /** The placeholder that stands for the registry schema's name in every migration. */
    public static final String REGISTRY_PLACEHOLDER = "registry_schema";

    /** What a schema name must be, in the words of the refusal. */
    public static final String RULE = "must be a lowercase SQL identifier (a-z or _ first, then a-z, 0-9 or _;"
            + " at most 63 characters), neither a reserved SQL keyword nor starting with pg_";

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /**
     * PostgreSQL's reserved keywords (categories R and T of {@code pg_get_keywords()}): the
     * migrations write schema names unquoted, where these would not parse.
     */
    private static final Set<String> RESERVED = Set.of(
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast",
            "check", "collate", "column", "constraint", "create", "current_catalog", "current_date", "current_role",
            "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do",
            "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in",
            "initially", "intersect", "into", "lateral", "leading", "limit", "localtime", "localtimestamp", "not",
            "null", "offset", "on", "only", "or", "order", "placing", "primary", "references", "returning", "select",
            "session_user", "some", "symmetric", "system_user", "table", "then", "to", "trailing", "true", "union",
            "unique", "user", "using", "variadic", "when", "where", "window", "with",
            "authorization", "binary", "collation", "concurrently", "cross", "current_schema", "freeze", "full",
            "ilike", "inner", "is", "isnull", "join", "left", "like", "natural", "notnull", "outer", "overlaps",
            "right", "similar", "tablesample", "verbose");

    /** The names the library was written with, used unless a service chooses others (declared after the rule's constants it is checked by). */
    public static final SchemaNames DEFAULT = new SchemaNames("tracking", "registry");

    /**
     * Checks both names.
     *
     * @throws InvalidSchemaNameException naming the field ({@code trackingSchema} or
     *     {@code registrySchema}) when a name breaks {@link #RULE} or both names are equal
     */
    public SchemaNames {
        refuseInvalid("trackingSchema", tracking);
        refuseInvalid("registrySchema", registry);
        if (tracking.equals(registry)) {
            throw new InvalidSchemaNameException("registrySchema", registry, "must differ from trackingSchema");
        }
    }

    /**
     * Why a name cannot be a schema name of mlregistry.
     *
     * @param name a proposed schema name
     * @return null when the name is valid, otherwise {@link #RULE}
     */
    public static String refusal(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches() || RESERVED.contains(name) || name.startsWith("pg_")) {
            return RULE;
        }
        return null;
    }

    private static void refuseInvalid(String field, String name) {
        String rule = refusal(name);
        if (rule != null) {
            throw new InvalidSchemaNameException(field, name, rule);
        }
    }

    /**
     * The Flyway placeholders of the migrations for these names.
     *
     * @return {@value #TRACKING_PLACEHOLDER} and {@value #REGISTRY_PLACEHOLDER} with their values
     */
    public Map<String, String> placeholders() {
        return Map.of(TRACKING_PLACEHOLDER, tracking, REGISTRY_PLACEHOLDER, registry);
    }

    /**
     * Whether these are the library's own names.
     *
     * @return true for {@link #DEFAULT}'s names
     */
    public boolean isDefault() {
        return equals(DEFAULT);
    }
}
