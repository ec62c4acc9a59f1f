package org.mlregistry.core.models;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A team that owns models and datasets.
 *
 * @param teamId its id
 * @param teamName its unique name
 * @param teamEmail its e-mail address, or null
 * @param department its department, or null
 * @param costCenter its cost center, or null
 * @param managerName its manager, or null
 * @param createdAt when it was created
 */
public record Team(UUID teamId, String teamName, String teamEmail, String department, String costCenter,
        String managerName, OffsetDateTime createdAt) {
}
