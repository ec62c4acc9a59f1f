package org.mlregistry.core.internal;

import static org.mlregistry.schema.jooq.registry.Tables.AUDIT_LOG;

import java.util.Collection;
import java.util.UUID;
import org.jooq.CommonTableExpression;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Name;
import org.jooq.Record1;
import org.jooq.ResultQuery;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.TableRecord;
import org.jooq.impl.DSL;
import org.mlregistry.schema.types.AuditEntityType;

/**
 * Writes {@code registry.audit_log} in the statement that makes the change: the change runs as a
 * data-modifying CTE ({@code WITH changed AS (INSERT|UPDATE … RETURNING *)}), the audit row is
 * inserted from its {@code RETURNING} rows, and the row as it was comes from a CTE of the same
 * statement, which sees the statement's snapshot. One round trip, and the audit row cannot
 * disagree with the change. (The before CTE takes no row lock: PostgreSQL would skip, under a
 * lock, a row the same statement updates. A conditional change that a concurrent one overtook
 * matches nothing and writes no audit row; an unconditional one may show a before state that a
 * concurrent change, audited on its own, already replaced.) Not part of the public API.
 */
public final class AuditWriter {

    private static final Name CHANGED = DSL.name("changed");
    private static final Name BEFORE = DSL.name("before");
    private static final Name STATE = DSL.name("state");

    private final String actor;

    private AuditWriter(String actor) {
        this.actor = actor;
    }

    /**
     * @param actor who makes the changes, not blank
     * @return a writer that records changes in actor's name
     */
    public static AuditWriter as(String actor) {
        return new AuditWriter(Validator.required("actor", actor));
    }

    /**
     * The change, and one audit row per changed row, as one statement that returns the changed rows.
     *
     * @param ctx the transaction's context
     * @param type what kind of entity the table holds
     * @param action what happened, e.g. {@code create}
     * @param id the table's primary key
     * @param beforeOf the key of the row as it was before (read in the same statement), or null
     *     for a creation
     * @param change an {@code INSERT} or {@code UPDATE} of id's table with {@code RETURNING *}
     * @param <R> the table's record type
     * @return the statement; fetch it to run it
     */
    public <R extends TableRecord<R>> ResultQuery<R> audited(DSLContext ctx, AuditEntityType type, String action,
            TableField<R, UUID> id, UUID beforeOf, ResultQuery<R> change) {
        Table<R> table = id.getTable();
        CommonTableExpression<R> changed = CHANGED.as(change);
        if (beforeOf == null) {
            return ctx.with(changed).with(auditOf(changed, type, action, id, DSL.inline(null, JSONB.class)))
                    .select(changed.fields()).from(changed).coerce(table);
        }
        Table<R> row = table.as("row");
        CommonTableExpression<Record1<JSONB>> old = BEFORE.fields(STATE).as(DSL.select(toJsonb(row.getUnqualifiedName()))
                .from(row).where(row.field(id).eq(beforeOf)));
        Field<JSONB> before = DSL.field(DSL.select(old.field(STATE, JSONB.class)).from(old));
        return ctx.with(old).with(changed).with(auditOf(changed, type, action, id, before))
                .select(changed.fields()).from(changed).coerce(table);
    }

    private <R extends TableRecord<R>> CommonTableExpression<Record1<Long>> auditOf(CommonTableExpression<R> changed,
            AuditEntityType type, String action, TableField<R, UUID> id, Field<JSONB> before) {
        return DSL.name("audit").as(DSL.insertInto(AUDIT_LOG,
                        AUDIT_LOG.ACTOR, AUDIT_LOG.ENTITY_TYPE, AUDIT_LOG.ENTITY_ID, AUDIT_LOG.ACTION,
                        AUDIT_LOG.BEFORE_STATE, AUDIT_LOG.AFTER_STATE)
                .select(DSL.select(DSL.val(actor), DSL.val(type, AUDIT_LOG.ENTITY_TYPE), changed.field(id),
                                DSL.val(action), before, toJsonb(CHANGED))
                        .from(changed))
                .returningResult(AUDIT_LOG.AUDIT_ID));
    }

    /**
     * Records one change whose states the caller built, e.g. a tag given or taken.
     *
     * @param ctx the transaction's context
     * @param type what kind of entity changed
     * @param entityId its id
     * @param action what happened
     * @param before the state before, or null
     * @param after the state after, or null
     */
    public void record(DSLContext ctx, AuditEntityType type, UUID entityId, String action, JSONB before, JSONB after) {
        ctx.insertInto(AUDIT_LOG)
                .set(AUDIT_LOG.ACTOR, actor)
                .set(AUDIT_LOG.ENTITY_TYPE, type)
                .set(AUDIT_LOG.ENTITY_ID, entityId)
                .set(AUDIT_LOG.ACTION, action)
                .set(AUDIT_LOG.BEFORE_STATE, before)
                .set(AUDIT_LOG.AFTER_STATE, after)
                .execute();
    }

    /**
     * Records the creation of rows that were inserted in bulk, one audit row each, in one
     * {@code INSERT … SELECT}: the after state is the row as stored, merged with extra.
     *
     * @param ctx the transaction's context
     * @param type what kind of entity the table holds
     * @param action what happened
     * @param id the table's primary key
     * @param ids the keys of the created rows
     * @param extra keys added to each after state, e.g. where the row came from
     * @param <R> the table's record type
     * @return the number of audit rows written
     */
    public <R extends TableRecord<R>> int created(DSLContext ctx, AuditEntityType type, String action,
            TableField<R, UUID> id, Collection<UUID> ids, JSONB extra) {
        if (ids.isEmpty()) {
            return 0;
        }
        Table<R> row = id.getTable().as("row");
        Field<UUID> rowId = row.field(id);
        return ctx.insertInto(AUDIT_LOG, AUDIT_LOG.ACTOR, AUDIT_LOG.ENTITY_TYPE, AUDIT_LOG.ENTITY_ID, AUDIT_LOG.ACTION,
                        AUDIT_LOG.AFTER_STATE)
                .select(DSL.select(DSL.val(actor), DSL.val(type, AUDIT_LOG.ENTITY_TYPE), rowId, DSL.val(action),
                                DSL.field("{0} || {1}", JSONB.class, toJsonb(row.getUnqualifiedName()), DSL.val(extra)))
                        .from(row)
                        .where(rowId.in(ids))
                        .orderBy(rowId))
                .execute();
    }

    private static Field<JSONB> toJsonb(Name row) {
        return DSL.field("to_jsonb({0})", JSONB.class, row);
    }
}
