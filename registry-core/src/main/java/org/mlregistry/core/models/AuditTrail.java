package org.mlregistry.core.models;

import static org.mlregistry.schema.jooq.registry.Tables.AUDIT_LOG;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.SortField;
import org.jooq.impl.DSL;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.internal.Validator;

/**
 * The audit trail the registry's writes leave in {@code registry.audit_log}. Obtain it from
 * {@link ModelRegistry#audit()}.
 *
 * <p>Queries by model, by actor and by time window return keyset pages, newest first, each one
 * indexed statement. An entry belongs to a model when it is about the model itself or about one of
 * its versions, deployments, approvals or training runs (alias changes are entries of the model):
 * {@code audit_log.model_id} is set by a database trigger on every insert, whoever writes the row.
 */
public final class AuditTrail {

    /** The largest page a query returns. */
    public static final int MAX_PAGE_SIZE = 1000;

    private final Scope scope;

    AuditTrail(Scope scope) {
        this.scope = scope;
    }

    /**
     * The audit trail of one entity, oldest first.
     *
     * @param entityId the id of the team, model, version, dataset, run, deployment or approval
     * @return its audit entries in the order they were written; empty when there are none
     * @throws InvalidValueException when entityId is null
     */
    public List<AuditEntry> of(UUID entityId) {
        Validator.required("entity_id", entityId);
        return scope.readMayBeStale(ctx -> ctx.selectFrom(AUDIT_LOG).where(AUDIT_LOG.ENTITY_ID.eq(entityId))
                .orderBy(AUDIT_LOG.AUDIT_ID).fetch(Rows.AUDIT_ENTRY));
    }

    /**
     * The first page of a model's audit trail: the model and its versions, deployments,
     * approvals, training runs and aliases, newest first.
     *
     * @param modelId the model
     * @param pageSize at most this many entries, 1 to {@value #MAX_PAGE_SIZE}
     * @return the newest entries; empty for an unknown model
     * @throws InvalidValueException when modelId is null or pageSize is out of range
     */
    public AuditPage ofModel(UUID modelId, int pageSize) {
        return ofModel(modelId, null, pageSize);
    }

    /**
     * The page of a model's audit trail after cursor (older entries), newest first.
     *
     * @param modelId the model
     * @param after the previous page's {@link AuditPage#next()}, or null for the first page
     * @param pageSize at most this many entries, 1 to {@value #MAX_PAGE_SIZE}
     * @return the entries below the cursor
     * @throws InvalidValueException when modelId is null or pageSize is out of range
     */
    public AuditPage ofModel(UUID modelId, AuditCursor after, int pageSize) {
        Validator.required("model_id", modelId);
        return byId(AUDIT_LOG.MODEL_ID.eq(modelId), after, pageSize);
    }

    /**
     * The first page of what one actor did, newest first.
     *
     * @param actor who wrote, not blank
     * @param pageSize at most this many entries, 1 to {@value #MAX_PAGE_SIZE}
     * @return the newest entries of actor
     * @throws InvalidValueException when actor is blank or pageSize is out of range
     */
    public AuditPage byActor(String actor, int pageSize) {
        return byActor(actor, null, pageSize);
    }

    /**
     * The page of what one actor did after cursor (older entries), newest first.
     *
     * @param actor who wrote, not blank
     * @param after the previous page's {@link AuditPage#next()}, or null for the first page
     * @param pageSize at most this many entries, 1 to {@value #MAX_PAGE_SIZE}
     * @return the entries below the cursor
     * @throws InvalidValueException when actor is blank or pageSize is out of range
     */
    public AuditPage byActor(String actor, AuditCursor after, int pageSize) {
        return byId(AUDIT_LOG.ACTOR.eq(Validator.required("actor", actor)), after, pageSize);
    }

    /**
     * The first page of entries that occurred in {@code [from, to)}, newest first.
     *
     * @param from the window's start, inclusive
     * @param to the window's end, exclusive; after from
     * @param pageSize at most this many entries, 1 to {@value #MAX_PAGE_SIZE}
     * @return the newest entries of the window
     * @throws InvalidValueException when a bound is null, to is not after from, or pageSize is out of range
     */
    public AuditPage between(OffsetDateTime from, OffsetDateTime to, int pageSize) {
        return between(from, to, null, pageSize);
    }

    /**
     * The page of entries that occurred in {@code [from, to)} after cursor, newest first, in the
     * order of {@code (occurredAt, auditId)}.
     *
     * @param from the window's start, inclusive
     * @param to the window's end, exclusive; after from
     * @param after the previous page's {@link AuditPage#next()}, or null for the first page
     * @param pageSize at most this many entries, 1 to {@value #MAX_PAGE_SIZE}
     * @return the entries below the cursor
     * @throws InvalidValueException when a bound is null, to is not after from, or pageSize is out of range
     */
    public AuditPage between(OffsetDateTime from, OffsetDateTime to, AuditCursor after, int pageSize) {
        Validator.required("from", from);
        Validator.required("to", to);
        if (!to.isAfter(from)) {
            throw new InvalidValueException("to", to, "must be after from (" + from + ")");
        }
        checkPageSize(pageSize);
        Condition window = AUDIT_LOG.OCCURRED_AT.ge(from).and(AUDIT_LOG.OCCURRED_AT.lt(to));
        if (after != null) {
            window = window.and(DSL.row(AUDIT_LOG.OCCURRED_AT, AUDIT_LOG.AUDIT_ID)
                    .lt(Validator.required("after.occurredAt", after.occurredAt()), after.auditId()));
        }
        return page(window, pageSize, AUDIT_LOG.OCCURRED_AT.desc(), AUDIT_LOG.AUDIT_ID.desc());
    }

    private AuditPage byId(Condition condition, AuditCursor after, int pageSize) {
        checkPageSize(pageSize);
        Condition keyset = after == null ? condition : condition.and(AUDIT_LOG.AUDIT_ID.lt(after.auditId()));
        return page(keyset, pageSize, AUDIT_LOG.AUDIT_ID.desc());
    }

    private AuditPage page(Condition condition, int pageSize, SortField<?>... order) {
        List<AuditEntry> rows = scope.readMayBeStale(ctx -> ctx.selectFrom(AUDIT_LOG).where(condition).orderBy(order)
                .limit(pageSize + 1).fetch(Rows.AUDIT_ENTRY));
        if (rows.size() <= pageSize) {
            return new AuditPage(rows, Optional.empty());
        }
        List<AuditEntry> entries = rows.subList(0, pageSize);
        return new AuditPage(entries, Optional.of(AuditCursor.after(entries.get(pageSize - 1))));
    }

    private static void checkPageSize(int pageSize) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new InvalidValueException("page_size", pageSize, "must be between 1 and " + MAX_PAGE_SIZE);
        }
    }
}
