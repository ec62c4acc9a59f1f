package org.mlregistry.schema.types;

/** Framework of a lab 02 model version ({@code registry.model_versions.framework}, CHECK valid_framework). */
public enum ModelFramework implements DatabaseEnum {
    PYTORCH, TENSORFLOW, SKLEARN, XGBOOST, JAX, LIGHTGBM, CATBOOST, ONNX, HUGGINGFACE
}
