package org.mlregistry.core.models;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.mlregistry.schema.types.AuditEntityType;

/**
 * One entry of the audit trail: who changed what, when, from which state to which.
 *
 * @param auditId its position in the log (ascending in the order entries were written)
 * @param entityType what kind of entity changed
 * @param entityId the entity's id
 * @param action what happened, e.g. {@code create}, {@code status:validated}, {@code deploy}
 * @param actor who did it
 * @param occurredAt when
 * @param before the row before (JSON), or null for a creation
 * @param after the row after (JSON), or null for a removal
 */
public record AuditEntry(long auditId, AuditEntityType entityType, UUID entityId, String action, String actor,
        OffsetDateTime occurredAt, String before, String after) {
}
