package org.mlregistry.core.internal;

import java.util.regex.Pattern;
import org.mlregistry.core.error.InvalidValueException;

/**
 * The name rules of V50's registry tables, checked in Java before the round trip with the
 * patterns of their CHECK constraints. Not part of the public API.
 */
public final class RegistryNames {

    /** {@code registry.model_aliases.valid_alias}. */
    public static final Pattern ALIAS = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    /** The rule of {@link #ALIAS} in words. */
    public static final String ALIAS_RULE =
            "must have 1 to 63 characters: a lowercase letter, then lowercase letters, digits, '_' or '-'";

    /** {@code registry.environments.valid_env_name} (V50): a DNS label that starts with a letter. */
    public static final Pattern ENVIRONMENT_NAME = Pattern.compile("[a-z]([a-z0-9-]{0,61}[a-z0-9])?");
    /** The rule of {@link #ENVIRONMENT_NAME} in words. */
    public static final String ENVIRONMENT_NAME_RULE =
            "must have 1 to 63 characters: a lowercase letter, then lowercase letters, digits or '-', not ending in '-'";

    private RegistryNames() {
    }

    /**
     * @param alias the alias given
     * @return alias, when it satisfies {@code valid_alias}
     */
    public static String alias(String alias) {
        return matching("alias", alias, ALIAS, ALIAS_RULE);
    }

    /**
     * @param name the environment name given
     * @return name, when it satisfies {@code valid_env_name}
     */
    public static String environmentName(String name) {
        return matching("environment_name", name, ENVIRONMENT_NAME, ENVIRONMENT_NAME_RULE);
    }

    private static String matching(String field, String value, Pattern pattern, String rule) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new InvalidValueException(field, value, rule);
        }
        return value;
    }
}
