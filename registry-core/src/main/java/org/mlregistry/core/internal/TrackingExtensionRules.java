package org.mlregistry.core.internal;

import java.util.Map;

/**
 * Field and rule in words for the constraints of V42's tracking tables (run tags, experiments,
 * sweeps, framework names); the Java checks of {@link TrackingLimits} refuse most values first.
 */
final class TrackingExtensionRules {

    private TrackingExtensionRules() {
    }

    static void register(Map<String, ConstraintRules.Rule> rules) {
        rules.put("tracking.run_tags.valid_tag_key", new ConstraintRules.Rule("tag_key",
                "must have 1 to 128 characters, each a letter, digit or one of _ . : / -"));
        rules.put("tracking.run_tags.valid_tag_value", new ConstraintRules.Rule("tag_value",
                "must have at most 1024 characters and no control characters"));
        rules.put("tracking.experiments.experiments_pkey", new ConstraintRules.Rule("experiment_name", "must be unique"));
        rules.put("tracking.experiments.valid_experiment_name", new ConstraintRules.Rule("experiment_name",
                "must have 1 to 200 characters and no control characters"));
        rules.put("tracking.sweeps.unique_sweep_name", new ConstraintRules.Rule("experiment_name/sweep_name",
                "must be unique: an experiment has one sweep of each name"));
        rules.put("tracking.sweeps.valid_sweep_name", new ConstraintRules.Rule("sweep_name",
                "must have 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit"));
        rules.put("tracking.run_frameworks.valid_framework_name", new ConstraintRules.Rule("framework_name",
                "must have 1 to 64 lowercase letters, digits, '_', '.', '+' or '-', starting with a letter or digit"));
    }
}
