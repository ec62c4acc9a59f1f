package org.mlregistry.core.models;

import static org.mlregistry.schema.jooq.registry.Tables.MODEL_VERSIONS;
import static org.mlregistry.schema.jooq.registry.Tables.VERSION_TAGS;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.core.internal.AuditWriter;
import org.mlregistry.core.internal.JsonText;
import org.mlregistry.core.internal.TrackingLimits;
import org.mlregistry.core.internal.Validator;
import org.mlregistry.schema.types.AuditEntityType;

/**
 * Free key/value tags of model versions ({@code registry.version_tags}), one value per key, beside
 * the lab's categorized tags of models and datasets ({@link Tags}). Keys and values follow the
 * rules of run tags: a key has 1 to 128 letters, digits or {@code _ . : / -}; a value at most
 * 1024 characters and no control characters. Every change is audited under the version (entity
 * type {@code version}, actions {@code tag.set}, {@code tag.remove}). Obtain it from
 * {@link ModelRegistry#versionTags()}.
 */
public final class VersionTags {

    private final Scope scope;

    VersionTags(Scope scope) {
        this.scope = scope;
    }

    /**
     * Sets a tag of a version, replacing the value it had under that key; setting the value it
     * already has changes and audits nothing. The audit row shows the value replaced.
     *
     * @param versionId the version
     * @param key the key, e.g. {@code dataset.snapshot}
     * @param value the value, possibly empty
     * @return the tag as stored
     * @throws InvalidValueException when the key or value breaks its rule
     * @throws NotFoundException when the version does not exist
     */
    public VersionTag set(UUID versionId, String key, String value) {
        AuditWriter audit = scope.audit();
        Validator.required("version_id", versionId);
        TrackingLimits.tagKey(key);
        TrackingLimits.tagValue(value);
        return scope.tx(ctx -> {
            if (!ctx.fetchExists(MODEL_VERSIONS, MODEL_VERSIONS.VERSION_ID.eq(versionId))) {
                throw new NotFoundException("model version", versionId);
            }
            while (true) {
                Optional<VersionTag> created = ctx.insertInto(VERSION_TAGS)
                        .set(VERSION_TAGS.VERSION_ID, versionId)
                        .set(VERSION_TAGS.TAG_KEY, key)
                        .set(VERSION_TAGS.TAG_VALUE, value)
                        .set(VERSION_TAGS.SET_BY, scope.actor())
                        .onConflictDoNothing().returning().fetchOptional(ExtensionRows.VERSION_TAG);
                if (created.isPresent()) {
                    audit.record(ctx, AuditEntityType.VERSION, versionId, "tag.set", null, json(key, value));
                    return created.get();
                }
                // the tag exists (committed, perhaps just now): lock it to read the value it replaces
                Optional<VersionTag> current = ctx.selectFrom(VERSION_TAGS).where(is(versionId, key)).forUpdate()
                        .fetchOptional(ExtensionRows.VERSION_TAG);
                if (current.isEmpty()) {
                    continue; // removed meanwhile: insert again
                }
                if (current.get().value().equals(value)) {
                    return current.get();
                }
                VersionTag updated = ctx.update(VERSION_TAGS)
                        .set(VERSION_TAGS.TAG_VALUE, value)
                        .set(VERSION_TAGS.SET_BY, scope.actor())
                        .set(VERSION_TAGS.SET_AT, DSL.field("clock_timestamp()", OffsetDateTime.class))
                        .where(is(versionId, key)).returning().fetchSingle(ExtensionRows.VERSION_TAG);
                audit.record(ctx, AuditEntityType.VERSION, versionId, "tag.set", json(key, current.get().value()),
                        json(key, value));
                return updated;
            }
        });
    }

    /**
     * Removes a tag of a version.
     *
     * @param versionId the version
     * @param key the key
     * @return true when the version had it (a {@code tag.remove} audit row is written then)
     * @throws InvalidValueException when the key breaks its rule
     */
    public boolean remove(UUID versionId, String key) {
        AuditWriter audit = scope.audit();
        Validator.required("version_id", versionId);
        TrackingLimits.tagKey(key);
        return scope.tx(ctx -> {
            Optional<VersionTag> removed = ctx.deleteFrom(VERSION_TAGS).where(is(versionId, key)).returning()
                    .fetchOptional(ExtensionRows.VERSION_TAG);
            removed.ifPresent(t -> audit.record(ctx, AuditEntityType.VERSION, versionId, "tag.remove",
                    json(key, t.value()), null));
            return removed.isPresent();
        });
    }

    /**
     * The tags of a version.
     *
     * @param versionId the version
     * @return its tags, by key; empty when it has none
     */
    public List<VersionTag> of(UUID versionId) {
        return scope.read(ctx -> ctx.selectFrom(VERSION_TAGS).where(VERSION_TAGS.VERSION_ID.eq(versionId))
                .orderBy(VERSION_TAGS.TAG_KEY).fetch(ExtensionRows.VERSION_TAG));
    }

    /**
     * The versions tagged key = value, of every model, over the index on (key, value).
     *
     * @param key the key
     * @param value the value
     * @return the versions, oldest registration first
     * @throws InvalidValueException when the key or value breaks its rule
     */
    public List<ModelVersion> findVersions(String key, String value) {
        TrackingLimits.tagKey(key);
        TrackingLimits.tagValue(value);
        return scope.read(ctx -> ctx.select(MODEL_VERSIONS.fields()).from(VERSION_TAGS)
                .join(MODEL_VERSIONS).on(MODEL_VERSIONS.VERSION_ID.eq(VERSION_TAGS.VERSION_ID))
                .where(VERSION_TAGS.TAG_KEY.eq(key)).and(VERSION_TAGS.TAG_VALUE.eq(value))
                .orderBy(MODEL_VERSIONS.REGISTERED_AT, MODEL_VERSIONS.VERSION_ID)
                .fetch(Rows.VERSION));
    }

    private static Condition is(UUID versionId, String key) {
        return VERSION_TAGS.VERSION_ID.eq(versionId).and(VERSION_TAGS.TAG_KEY.eq(key));
    }

    private static JSONB json(String key, String value) {
        return JSONB.jsonb("{\"tag_key\":" + JsonText.quote(key) + ",\"tag_value\":" + JsonText.quote(value) + "}");
    }
}
