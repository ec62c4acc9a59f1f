package org.mlregistry.core.tracking;

import org.mlregistry.core.internal.Validator;
import static org.mlregistry.core.tracking.Runs.T;
import static org.mlregistry.schema.jooq.tracking.Tables.RUN_TAGS;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.RecordMapper;
import org.jooq.Records;
import org.jooq.impl.DSL;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.core.internal.Session;
import org.mlregistry.core.internal.TrackingLimits;

/**
 * Free key/value tags of runs, one value per key ({@code tracking.run_tags}); search by them with
 * {@link RunFilter#tag(String)} and {@link RunFilter#hasTag(String)}. Obtain it from
 * {@code Registry.runs().tags()}.
 *
 * <p>Limits, checked before the round trip (an {@link org.mlregistry.core.error.InvalidValueException}
 * naming {@code tag_key} or {@code tag_value}, the value shortened, and the rule; nothing written):
 * a key has 1 to 128 characters, each a letter, digit or one of {@code _ . : / -}; a value at most
 * 1024 characters and no control character (NUL included). Archived runs can be tagged too.
 */
public final class RunTags {

    static final RecordMapper<Record, RunTag> TAG = r -> Records.mapping(RunTag::new)
            .map(r.into(RUN_TAGS.RUN_ID, RUN_TAGS.KEY, RUN_TAGS.VALUE, RUN_TAGS.UPDATED_AT));

    private final Session session;

    private RunTags(Session session) {
        this.session = session;
    }

    static RunTags of(Session session) {
        return new RunTags(Validator.required("session", session));
    }

    /**
     * Sets a tag: adds it, or replaces the value the run has for key. One statement
     * ({@code INSERT … SELECT … WHERE EXISTS (run) ON CONFLICT (run_id, key) DO UPDATE}).
     *
     * @param runId the run
     * @param key the tag's key
     * @param value its value, may be empty
     * @return the tag as stored
     * @throws NotFoundException when there is no such run
     */
    public RunTag set(UUID runId, String key, String value) {
        Validator.required("runId", runId);
        TrackingLimits.tagKey(key);
        TrackingLimits.tagValue(value);
        return session.inTransaction(ctx -> ctx.insertInto(RUN_TAGS, RUN_TAGS.RUN_ID, RUN_TAGS.KEY, RUN_TAGS.VALUE)
                .select(DSL.select(DSL.val(runId), DSL.val(key), DSL.val(value))
                        .whereExists(DSL.selectOne().from(T).where(T.RUN_ID.eq(runId))))
                .onConflict(RUN_TAGS.RUN_ID, RUN_TAGS.KEY)
                .doUpdate()
                .set(RUN_TAGS.VALUE, DSL.excluded(RUN_TAGS.VALUE))
                .set(RUN_TAGS.UPDATED_AT, DSL.currentOffsetDateTime())
                .returning()
                .fetchOptional(TAG)
                .orElseThrow(() -> new NotFoundException(Runs.ENTITY, runId)));
    }

    /**
     * Removes a tag.
     *
     * @param runId the run
     * @param key the tag's key
     * @return whether the run had the tag
     */
    public boolean remove(UUID runId, String key) {
        Validator.required("runId", runId);
        TrackingLimits.tagKey(key);
        return session.inTransaction(ctx -> ctx.deleteFrom(RUN_TAGS)
                .where(RUN_TAGS.RUN_ID.eq(runId)).and(RUN_TAGS.KEY.eq(key)).execute() == 1);
    }

    /**
     * The tags of a run.
     *
     * @param runId the run
     * @return its tags ordered by key; empty when it has none or does not exist
     */
    public List<RunTag> of(UUID runId) {
        Validator.required("runId", runId);
        return session.read(ctx -> ctx.selectFrom(RUN_TAGS).where(RUN_TAGS.RUN_ID.eq(runId))
                .orderBy(RUN_TAGS.KEY).fetch(TAG));
    }

    /** Stores the tags of a new run in ctx's transaction, in one statement. */
    static void insertAll(DSLContext ctx, UUID runId, Map<String, String> tags) {
        if (tags.isEmpty()) {
            return;
        }
        var insert = ctx.insertInto(RUN_TAGS, RUN_TAGS.RUN_ID, RUN_TAGS.KEY, RUN_TAGS.VALUE);
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            insert = insert.values(runId, tag.getKey(), tag.getValue());
        }
        insert.execute();
    }
}
