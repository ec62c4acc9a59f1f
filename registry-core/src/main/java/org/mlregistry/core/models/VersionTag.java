package org.mlregistry.core.models;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A free key/value tag of a model version; a version has at most one value per key.
 *
 * @param versionId the version
 * @param key the key, e.g. {@code dataset.snapshot}
 * @param value the value
 * @param setBy who set the current value
 * @param setAt when the current value was set
 */
public record VersionTag(UUID versionId, String key, String value, String setBy, OffsetDateTime setAt) {
}
