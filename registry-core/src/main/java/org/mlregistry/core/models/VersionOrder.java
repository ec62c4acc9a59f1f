package org.mlregistry.core.models;

/** What "latest" means for model versions. */
public enum VersionOrder {
    /** Highest semantic version (numeric MAJOR.MINOR.PATCH, a release above its pre-releases). */
    SEMVER,
    /** Most recently registered (ties broken by semantic version). */
    REGISTRATION
}
