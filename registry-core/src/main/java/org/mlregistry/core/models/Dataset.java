package org.mlregistry.core.models;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.mlregistry.schema.types.DataClassification;
import org.mlregistry.schema.types.StorageFormat;

/**
 * A dataset of the catalog, which training runs use in roles.
 *
 * @param datasetId its id
 * @param datasetName its unique name
 * @param displayName its name for people
 * @param description what it holds, or null
 * @param storageLocation where it is stored
 * @param storageFormat how it is stored, or null
 * @param teamId the owning team, or null
 * @param containsPii whether it holds personal data
 * @param dataClassification how confidential it is
 * @param createdBy who added it
 * @param createdAt when it was added
 */
public record Dataset(UUID datasetId, String datasetName, String displayName, String description,
        String storageLocation, StorageFormat storageFormat, UUID teamId, Boolean containsPii,
        DataClassification dataClassification, String createdBy, OffsetDateTime createdAt) {
}
