package org.mlregistry.core.internal;

import java.util.Map;
import java.util.function.BiFunction;
import org.mlregistry.core.error.ConstraintViolationException;

/**
 * Field and rule in words for each named constraint of both schemas, keyed by
 * {@code schema.table.constraint} or {@code table.constraint}; {@link ConstraintViolations}
 * tries the schema-qualified key first (PostgreSQL reports the schema separately from the table).
 */
final class ConstraintRules {

    /** How a violation of one constraint is reported. */
    record Rule(String field, String rule, BiFunction<String, Throwable, ConstraintViolationException> factory) {
        Rule(String field, String rule) {
            this(field, rule, null);
        }

        ConstraintViolationException exception(String constraint, Throwable cause) {
            return factory != null
                    ? factory.apply(constraint, cause)
                    : new ConstraintViolationException(constraint, field, null, rule, cause);
        }
    }

    private ConstraintRules() {
    }

    static void registerAll(Map<String, Rule> rules) {
        // Rules are added per schema as the API for it grows.
        RegistryConstraintRules.register(rules);
        RegistryExtensionRules.register(rules);
        TrackingConstraintRules.register(rules);
        TrackingExtensionRules.register(rules);
    }
}
