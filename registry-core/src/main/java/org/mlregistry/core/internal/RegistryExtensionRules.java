package org.mlregistry.core.internal;

import java.util.Map;

/**
 * Field and rule in words for the constraints of V50 (model aliases, environment names, version
 * tags); {@link RegistryNames} and {@link TrackingLimits} refuse most values in Java first.
 */
final class RegistryExtensionRules {

    private RegistryExtensionRules() {
    }

    static void register(Map<String, ConstraintRules.Rule> rules) {
        put(rules, "model_aliases", "valid_alias", "alias", RegistryNames.ALIAS_RULE);
        put(rules, "model_aliases", "model_aliases_pkey", "alias", "must be unique per model");
        put(rules, "model_aliases", "model_aliases_version_fkey", "version_id", "must name an existing version of the model");
        put(rules, "model_aliases", "valid_alias_set_by", "set_by", "must not be blank");
        put(rules, "environments", "valid_env_name", "environment_name", RegistryNames.ENVIRONMENT_NAME_RULE);
        put(rules, "environments", "valid_env_type", "environment_type", "must be one of development, staging, production, canary, shadow");
        put(rules, "environments", "environments_environment_name_key", "environment_name",
                "must be unique: an environment with this name exists");
        put(rules, "version_tags", "version_tags_pkey", "tag_key", "must be unique per version");
        put(rules, "version_tags", "valid_version_tag_key", "tag_key",
                "must have 1 to 128 characters, each a letter, digit or one of _ . : / -");
        put(rules, "version_tags", "valid_version_tag_value", "tag_value", "must have at most 1024 characters and no control characters");
        put(rules, "version_tags", "version_tags_version_id_fkey", "version_id", "must name an existing model version");
    }

    private static void put(Map<String, ConstraintRules.Rule> rules, String table, String constraint, String field, String rule) {
        rules.put(RegistryConstraintRules.SCHEMA + table + "." + constraint, new ConstraintRules.Rule(field, rule));
    }
}
