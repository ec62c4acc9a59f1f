package org.mlregistry.schema.types;

/** Lifecycle state of a training run ({@code tracking.training_runs.status} and {@code registry.training_runs.status}, CHECK valid_status). */
public enum RunStatus implements DatabaseEnum {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED, TIMEOUT;

    /** True for the states a run never leaves. */
    public boolean isTerminal() {
        return this != QUEUED && this != RUNNING;
    }
}
