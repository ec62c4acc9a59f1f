package org.mlregistry.core.tracking;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One tag of a run ({@code tracking.run_tags}).
 *
 * @param runId the run
 * @param key the tag's key, unique per run
 * @param value its value
 * @param updatedAt when the value was last set
 */
public record RunTag(UUID runId, String key, String value, OffsetDateTime updatedAt) {
}
