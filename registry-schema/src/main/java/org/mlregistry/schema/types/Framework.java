package org.mlregistry.schema.types;

/** ML framework of a lab 01 training run ({@code tracking.training_runs.framework}, CHECK valid_framework). */
public enum Framework implements DatabaseEnum {
    PYTORCH, TENSORFLOW, SKLEARN, XGBOOST, JAX, MXNET
}
