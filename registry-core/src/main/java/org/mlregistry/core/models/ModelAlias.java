package org.mlregistry.core.models;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A named pointer to one version of a model, e.g. {@code champion}; unique per model.
 *
 * @param modelId the model
 * @param alias the alias
 * @param versionId the version it points to
 * @param previousVersionId the version it pointed to before its last move, or null when it was
 *     never moved (or that version was deleted)
 * @param setBy who set or last moved it
 * @param setAt when it was set or last moved
 */
public record ModelAlias(UUID modelId, String alias, UUID versionId, UUID previousVersionId, String setBy,
        OffsetDateTime setAt) {
}
