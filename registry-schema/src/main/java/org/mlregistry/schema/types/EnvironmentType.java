package org.mlregistry.schema.types;

/** Kind of deployment environment ({@code registry.environments.environment_type}, CHECK valid_env_type). */
public enum EnvironmentType implements DatabaseEnum {
    DEVELOPMENT, STAGING, PRODUCTION, CANARY, SHADOW
}
