package org.mlregistry.core.models;

import java.util.UUID;
import org.mlregistry.schema.types.DataClassification;
import org.mlregistry.schema.types.StorageFormat;

/**
 * A catalog entry for a dataset.
 *
 * @param name unique name of lowercase letters, digits, {@code _} and {@code -}
 * @param displayName human-readable name
 * @param storageLocation where the data lives, e.g. {@code s3://bucket/path}
 * @param format storage format, or null
 * @param teamId owning team, or null
 * @param containsPii whether personally identifiable information is present
 * @param classification security classification; null means {@link DataClassification#INTERNAL}
 */
public record NewDataset(String name, String displayName, String storageLocation, StorageFormat format, UUID teamId,
        boolean containsPii, DataClassification classification) {

    /**
     * An internal dataset without PII, format or team.
     *
     * @param name unique name of lowercase letters, digits, {@code _} and {@code -}
     * @param displayName human-readable name
     * @param storageLocation where the data lives, e.g. {@code s3://bucket/path}
     * @return the dataset, classified {@link DataClassification#INTERNAL}
     */
    public static NewDataset of(String name, String displayName, String storageLocation) {
        return new NewDataset(name, displayName, storageLocation, null, null, false, DataClassification.INTERNAL);
    }

    /**
     * This dataset with the given PII flag and classification.
     *
     * @param pii whether personally identifiable information is present
     * @param dataClassification security classification; null means {@link DataClassification#INTERNAL}
     * @return a copy with containsPii and classification replaced
     */
    public NewDataset governance(boolean pii, DataClassification dataClassification) {
        return new NewDataset(name, displayName, storageLocation, format, teamId, pii, dataClassification);
    }

    /**
     * This dataset in the given storage format.
     *
     * @param storageFormat storage format, or null
     * @return a copy with format replaced
     */
    public NewDataset format(StorageFormat storageFormat) {
        return new NewDataset(name, displayName, storageLocation, storageFormat, teamId, containsPii, classification);
    }
}
