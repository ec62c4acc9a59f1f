package org.mlregistry.schema.types;

/** State of a deployment ({@code registry.deployments.status}, CHECK valid_status_deployment). */
public enum DeploymentStatus implements DatabaseEnum {
    ACTIVE, DEGRADED, INACTIVE, FAILED
}
