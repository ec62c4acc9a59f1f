package org.mlregistry.core.models;

import java.time.OffsetDateTime;

/**
 * Where the next page of an audit query starts: just below the last entry of the previous page.
 * Pages by model and by actor continue below {@code auditId}; pages by time window continue below
 * {@code (occurredAt, auditId)}. A cursor is a position, not a snapshot: entries written after the
 * first page are newer and never shift the following pages.
 *
 * @param occurredAt when the last entry of the previous page occurred
 * @param auditId the last entry's id
 */
public record AuditCursor(OffsetDateTime occurredAt, long auditId) {

    static AuditCursor after(AuditEntry last) {
        return new AuditCursor(last.occurredAt(), last.auditId());
    }
}
