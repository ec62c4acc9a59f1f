package org.mlregistry.core.models;

import static org.mlregistry.schema.jooq.registry.Tables.AUDIT_LOG;

import java.util.List;
import java.util.UUID;

/**
 * The audit trail the registry's writes leave in {@code registry.audit_log}. Obtain it from
 * {@link ModelRegistry#audit()}.
 */
public final class AuditTrail {

    private final Scope scope;

    AuditTrail(Scope scope) {
        this.scope = scope;
    }

    /**
     * The audit trail of one entity, oldest first.
     *
     * @param entityId the id of the team, model, version, dataset, run, deployment or approval
     * @return its audit entries in the order they were written; empty when there are none
     */
    public List<AuditEntry> of(UUID entityId) {
        return scope.read(ctx -> ctx.selectFrom(AUDIT_LOG).where(AUDIT_LOG.ENTITY_ID.eq(entityId))
                .orderBy(AUDIT_LOG.AUDIT_ID).fetch(Rows.AUDIT_ENTRY));
    }
}
