package org.mlregistry.core.error;

/**
 * A run of the same model, experiment and dataset was already created on the same (UTC) day
 * (constraint {@code unique_daily_run} of {@code tracking.training_runs}); nothing was written.
 */
public class DuplicateRunException extends ConstraintViolationException {

    /**
     * @param constraint the violated constraint, {@code unique_daily_run}
     * @param cause the database's refusal
     */
    public DuplicateRunException(String constraint, Throwable cause) {
        super(constraint, "model_name/experiment_name/dataset", null,
                "must be unique per UTC day of created_at", cause);
    }
}
