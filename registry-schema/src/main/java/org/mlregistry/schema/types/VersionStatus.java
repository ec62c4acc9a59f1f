package org.mlregistry.schema.types;

/** Lifecycle of a model version ({@code registry.model_versions.status}, CHECK valid_status). */
public enum VersionStatus implements DatabaseEnum {
    REGISTERED, VALIDATED, DEPLOYED, DEPRECATED, ARCHIVED
}
