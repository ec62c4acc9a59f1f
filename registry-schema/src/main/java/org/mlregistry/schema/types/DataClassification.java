package org.mlregistry.schema.types;

/** Sensitivity of a dataset ({@code registry.datasets.data_classification}, CHECK valid_classification). */
public enum DataClassification implements DatabaseEnum {
    PUBLIC, INTERNAL, CONFIDENTIAL, RESTRICTED
}
