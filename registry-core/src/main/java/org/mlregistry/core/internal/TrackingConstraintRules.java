package org.mlregistry.core.internal;

import java.util.Map;
import org.mlregistry.core.error.DuplicateRunException;

/**
 * Field and rule in words for every named constraint of lab 01's {@code tracking.training_runs}.
 * Keys are schema-qualified ({@code tracking.training_runs.<constraint>}) because
 * {@code registry.training_runs} uses some of the same constraint names (valid_status,
 * completed_timestamp); {@link ConstraintViolations#translate} looks them up by the schema the
 * server reports.
 */
public final class TrackingConstraintRules {

    /** Key prefix of every tracking rule. */
    static final String PREFIX = "tracking.training_runs.";

    private TrackingConstraintRules() {
    }

    /**
     * Adds the rules of {@code tracking.training_runs} to rules.
     *
     * @param rules the map {@link ConstraintViolations} looks rules up in
     */
    static void register(Map<String, ConstraintRules.Rule> rules) {
        rules.put(PREFIX + "valid_framework", new ConstraintRules.Rule("framework",
                "must be one of pytorch, tensorflow, sklearn, xgboost, jax, mxnet"));
        rules.put(PREFIX + "valid_status", new ConstraintRules.Rule("status",
                "must be one of queued, running, succeeded, failed, cancelled, timeout"));
        rules.put(PREFIX + "valid_accuracy", new ConstraintRules.Rule("accuracy", "must be within [0, 1]"));
        rules.put(PREFIX + "valid_precision", new ConstraintRules.Rule("precision_score", "must be within [0, 1]"));
        rules.put(PREFIX + "valid_recall", new ConstraintRules.Rule("recall_score", "must be within [0, 1]"));
        rules.put(PREFIX + "valid_f1", new ConstraintRules.Rule("f1_score", "must be within [0, 1]"));
        rules.put(PREFIX + "valid_gpu_hours", new ConstraintRules.Rule("gpu_hours", "must be >= 0"));
        rules.put(PREFIX + "valid_cpu_hours", new ConstraintRules.Rule("cpu_hours", "must be >= 0"));
        rules.put(PREFIX + "completed_timestamp", new ConstraintRules.Rule("completed_at",
                "must be set exactly when the status is terminal (succeeded, failed, cancelled, timeout)"));
        rules.put(PREFIX + "started_timestamp", new ConstraintRules.Rule("started_at",
                "must be set exactly when the status is not queued"));
        rules.put(PREFIX + "time_order", new ConstraintRules.Rule("started_at/completed_at",
                "must not be before created_at"));
        rules.put(PREFIX + "training_runs_pkey", new ConstraintRules.Rule("run_id", "must be unique"));
        rules.put(PREFIX + "unique_daily_run", new ConstraintRules.Rule("model_name/experiment_name/dataset",
                "must be unique per UTC day of created_at",
                (constraint, cause) -> new DuplicateRunException(constraint, cause)));
    }
}
