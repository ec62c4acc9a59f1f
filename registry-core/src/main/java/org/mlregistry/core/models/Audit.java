package org.mlregistry.core.models;

import static org.mlregistry.schema.jooq.registry.Tables.AUDIT_LOG;

import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** Writes rows of {@code registry.audit_log} in the caller's transaction. */
final class Audit {

    private Audit() {
    }

    /** The row of table whose idField equals id as jsonb, or null when there is none. */
    static JSONB snapshot(DSLContext ctx, Table<?> table, Field<UUID> idField, UUID id) {
        Table<?> t = table.as("t");
        return ctx.select(DSL.field("to_jsonb(t)", JSONB.class))
                .from(t)
                .where(t.field(idField).eq(id))
                .fetchOne(0, JSONB.class);
    }

    /** Records one change; before is null for a creation. */
    static void record(DSLContext ctx, String actor, String entityType, UUID entityId, String action,
            JSONB before, JSONB after) {
        ctx.insertInto(AUDIT_LOG)
                .set(AUDIT_LOG.ACTOR, actor)
                .set(AUDIT_LOG.ENTITY_TYPE, entityType)
                .set(AUDIT_LOG.ENTITY_ID, entityId)
                .set(AUDIT_LOG.ACTION, action)
                .set(AUDIT_LOG.BEFORE_STATE, before)
                .set(AUDIT_LOG.AFTER_STATE, after)
                .execute();
    }
}
