package org.mlregistry.core.events;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One change of the registry, as its subscribers see it: written in the transaction of the change
 * (one per audit entry), numbered when that transaction commits.
 *
 * @param eventId its position in commit order: a higher id committed later
 * @param modelId the model the change belongs to, or null for a team or dataset
 * @param modelSequence 1, 2, 3, … per model in commit order, or null when modelId is
 * @param type the entity type and action, e.g. {@code approval.approved}, {@code deployment.deploy},
 *     {@code version.status.validated}
 * @param entityType what changed, e.g. {@code approval}
 * @param entityId its id
 * @param actor who changed it
 * @param auditId the audit entry the event was written from
 * @param payload {@code {"before": …, "after": …}}: the entity's state before and after (JSON)
 * @param occurredAt when the change was made
 */
public record RegistryEvent(long eventId, UUID modelId, Long modelSequence, String type, String entityType,
        UUID entityId, String actor, long auditId, String payload, OffsetDateTime occurredAt) {
}
