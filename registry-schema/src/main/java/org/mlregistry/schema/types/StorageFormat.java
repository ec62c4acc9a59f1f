package org.mlregistry.schema.types;

/** File format of a dataset ({@code registry.datasets.storage_format}, CHECK valid_storage_format). */
public enum StorageFormat implements DatabaseEnum {
    PARQUET, CSV, JSON, AVRO, TFRECORD, HDF5, ARROW
}
