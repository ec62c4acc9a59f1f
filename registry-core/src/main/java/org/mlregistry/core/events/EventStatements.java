package org.mlregistry.core.events;

import static org.mlregistry.schema.jooq.registry.Tables.EVENTS;
import static org.mlregistry.schema.jooq.registry.Tables.EVENT_SUBSCRIBERS;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.RecordMapper;
import org.jooq.impl.DSL;

/** The statements of events and subscribers, run on whichever context the caller has. */
final class EventStatements {

    static final String CHANNEL = "mlregistry_events";

    private static final RecordMapper<Record, RegistryEvent> EVENT = r -> new RegistryEvent(r.get(EVENTS.EVENT_ID),
            r.get(EVENTS.MODEL_ID), r.get(EVENTS.MODEL_SEQUENCE), r.get(EVENTS.EVENT_TYPE), r.get(EVENTS.ENTITY_TYPE),
            r.get(EVENTS.ENTITY_ID), r.get(EVENTS.ACTOR), r.get(EVENTS.AUDIT_ID), json(r.get(EVENTS.PAYLOAD)),
            r.get(EVENTS.OCCURRED_AT));

    private EventStatements() {
    }

    static List<RegistryEvent> after(DSLContext ctx, long eventId, int limit) {
        return ctx.selectFrom(EVENTS).where(EVENTS.EVENT_ID.gt(eventId)).orderBy(EVENTS.EVENT_ID).limit(limit).fetch(EVENT);
    }

    static List<RegistryEvent> ofModel(DSLContext ctx, UUID modelId, long afterSequence, int limit) {
        return ctx.selectFrom(EVENTS).where(EVENTS.MODEL_ID.eq(modelId)).and(EVENTS.MODEL_SEQUENCE.gt(afterSequence))
                .orderBy(EVENTS.MODEL_SEQUENCE).limit(limit).fetch(EVENT);
    }

    /** A new subscriber starts after the newest committed event; a known one keeps its position. */
    static long register(DSLContext ctx, String subscriber) {
        ctx.insertInto(EVENT_SUBSCRIBERS, EVENT_SUBSCRIBERS.SUBSCRIBER_NAME, EVENT_SUBSCRIBERS.POSITION)
                .select(DSL.select(DSL.val(subscriber), DSL.coalesce(DSL.max(EVENTS.EVENT_ID), 0L)).from(EVENTS))
                .onConflictDoNothing()
                .execute();
        return ctx.select(EVENT_SUBSCRIBERS.POSITION).from(EVENT_SUBSCRIBERS)
                .where(EVENT_SUBSCRIBERS.SUBSCRIBER_NAME.eq(subscriber)).fetchSingle(EVENT_SUBSCRIBERS.POSITION);
    }

    static java.util.Optional<Long> position(DSLContext ctx, String subscriber) {
        return ctx.select(EVENT_SUBSCRIBERS.POSITION).from(EVENT_SUBSCRIBERS)
                .where(EVENT_SUBSCRIBERS.SUBSCRIBER_NAME.eq(subscriber)).fetchOptional(EVENT_SUBSCRIBERS.POSITION);
    }

    static void seek(DSLContext ctx, String subscriber, long position) {
        ctx.insertInto(EVENT_SUBSCRIBERS, EVENT_SUBSCRIBERS.SUBSCRIBER_NAME, EVENT_SUBSCRIBERS.POSITION)
                .values(subscriber, position)
                .onConflict(EVENT_SUBSCRIBERS.SUBSCRIBER_NAME)
                .doUpdate().set(EVENT_SUBSCRIBERS.POSITION, position).set(EVENT_SUBSCRIBERS.UPDATED_AT, DSL.currentOffsetDateTime())
                .execute();
    }

    /**
     * Delivers up to max events after the subscriber's position, in order, storing the position
     * after each handled event (its own statement, so it commits when the context autocommits).
     * A handler's exception leaves: the position stays at the last handled event.
     *
     * @return how many events the handler accepted
     */
    static int deliver(DSLContext ctx, String subscriber, Consumer<RegistryEvent> handler, int max) {
        long position = register(ctx, subscriber);
        int delivered = 0;
        for (RegistryEvent event : after(ctx, position, max)) {
            handler.accept(event);
            ctx.update(EVENT_SUBSCRIBERS)
                    .set(EVENT_SUBSCRIBERS.POSITION, event.eventId())
                    .set(EVENT_SUBSCRIBERS.UPDATED_AT, DSL.currentOffsetDateTime())
                    .where(EVENT_SUBSCRIBERS.SUBSCRIBER_NAME.eq(subscriber))
                    .and(EVENT_SUBSCRIBERS.POSITION.lt(event.eventId()))
                    .execute();
            delivered++;
        }
        return delivered;
    }

    private static String json(JSONB json) {
        return json == null ? null : json.data();
    }
}
