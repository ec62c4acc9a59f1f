package org.mlregistry.schema.types;

/** How a training run used a dataset ({@code registry.run_datasets.dataset_role}, CHECK valid_dataset_role). */
public enum DatasetRole implements DatabaseEnum {
    TRAINING, VALIDATION, TEST, CALIBRATION
}
