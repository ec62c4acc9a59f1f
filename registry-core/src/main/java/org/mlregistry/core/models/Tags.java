package org.mlregistry.core.models;

import static org.jooq.impl.DSL.select;
import static org.mlregistry.schema.jooq.registry.Tables.DATASETS;
import static org.mlregistry.schema.jooq.registry.Tables.DATASET_TAGS;
import static org.mlregistry.schema.jooq.registry.Tables.MODELS;
import static org.mlregistry.schema.jooq.registry.Tables.MODEL_TAGS;
import static org.mlregistry.schema.jooq.registry.Tables.TAGS;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.core.internal.AuditWriter;
import org.mlregistry.core.internal.JsonText;
import org.mlregistry.core.internal.Validator;
import org.mlregistry.schema.types.AuditEntityType;

/**
 * The lab's categorized tags on models and datasets. Obtain it from {@link ModelRegistry#tags()}.
 */
public final class Tags {

    private final Scope scope;

    Tags(Scope scope) {
        this.scope = scope;
    }

    /**
     * Tags a model (the tag is created when new); tagging twice is a no-op.
     *
     * @param modelId the model
     * @param tag the category and value to tag it with
     * @throws NotFoundException when the model does not exist
     */
    public void tagModel(UUID modelId, TagRef tag) {
        AuditWriter audit = scope.audit();
        requireTag(tag);
        scope.tx(ctx -> {
            if (!ctx.fetchExists(MODELS, MODELS.MODEL_ID.eq(modelId))) {
                throw new NotFoundException("model", modelId);
            }
            int added = ctx.insertInto(MODEL_TAGS).set(MODEL_TAGS.MODEL_ID, modelId).set(MODEL_TAGS.TAG_ID, tagId(ctx, tag))
                    .set(MODEL_TAGS.TAGGED_BY, scope.actor()).onConflictDoNothing().execute();
            if (added > 0) {
                audit.record(ctx, AuditEntityType.MODEL, modelId, "tag", null, json(tag));
            }
            return null;
        });
    }

    /**
     * Removes a tag from a model; returns whether it had it.
     *
     * @param modelId the model
     * @param tag the category and value to remove
     * @return true when the model had the tag (an audit row is written then), false otherwise
     */
    public boolean untagModel(UUID modelId, TagRef tag) {
        AuditWriter audit = scope.audit();
        requireTag(tag);
        return scope.tx(ctx -> {
            int removed = ctx.deleteFrom(MODEL_TAGS).where(MODEL_TAGS.MODEL_ID.eq(modelId))
                    .and(MODEL_TAGS.TAG_ID.in(select(TAGS.TAG_ID).from(TAGS).where(is(tag)))).execute();
            if (removed > 0) {
                audit.record(ctx, AuditEntityType.MODEL, modelId, "untag", json(tag), null);
            }
            return removed > 0;
        });
    }

    /**
     * Tags a dataset (the tag is created when new); tagging twice is a no-op.
     *
     * @param datasetId the dataset
     * @param tag the category and value to tag it with
     * @throws NotFoundException when the dataset does not exist
     */
    public void tagDataset(UUID datasetId, TagRef tag) {
        AuditWriter audit = scope.audit();
        requireTag(tag);
        scope.tx(ctx -> {
            if (!ctx.fetchExists(DATASETS, DATASETS.DATASET_ID.eq(datasetId))) {
                throw new NotFoundException("dataset", datasetId);
            }
            int added = ctx.insertInto(DATASET_TAGS).set(DATASET_TAGS.DATASET_ID, datasetId)
                    .set(DATASET_TAGS.TAG_ID, tagId(ctx, tag))
                    .set(DATASET_TAGS.TAGGED_BY, scope.actor()).onConflictDoNothing().execute();
            if (added > 0) {
                audit.record(ctx, AuditEntityType.DATASET, datasetId, "tag", null, json(tag));
            }
            return null;
        });
    }

    /**
     * The tags of a model, by category and value.
     *
     * @param modelId the model
     * @return its tags, ordered by category, then value
     */
    public List<TagRef> ofModel(UUID modelId) {
        return scope.read(ctx -> ctx.select(TAGS.TAG_CATEGORY, TAGS.TAG_VALUE).from(MODEL_TAGS)
                .join(TAGS).on(TAGS.TAG_ID.eq(MODEL_TAGS.TAG_ID))
                .where(MODEL_TAGS.MODEL_ID.eq(modelId)).orderBy(TAGS.TAG_CATEGORY, TAGS.TAG_VALUE)
                .fetch(r -> new TagRef(r.value1(), r.value2())));
    }

    /**
     * The tags of a dataset, by category and value.
     *
     * @param datasetId the dataset
     * @return its tags, ordered by category, then value
     */
    public List<TagRef> ofDataset(UUID datasetId) {
        return scope.read(ctx -> ctx.select(TAGS.TAG_CATEGORY, TAGS.TAG_VALUE).from(DATASET_TAGS)
                .join(TAGS).on(TAGS.TAG_ID.eq(DATASET_TAGS.TAG_ID))
                .where(DATASET_TAGS.DATASET_ID.eq(datasetId)).orderBy(TAGS.TAG_CATEGORY, TAGS.TAG_VALUE)
                .fetch(r -> new TagRef(r.value1(), r.value2())));
    }

    /**
     * Models that carry every one of the tags, by name; all models for an empty set.
     *
     * @param tags the tags each model must carry; duplicates count once
     * @return the matching models, ordered by name
     */
    public List<Model> findModels(Collection<TagRef> tags) {
        Set<TagRef> wanted = Set.copyOf(tags);
        Condition carriesAll = wanted.isEmpty() ? DSL.noCondition()
                : MODELS.MODEL_ID.in(select(MODEL_TAGS.MODEL_ID).from(MODEL_TAGS)
                        .join(TAGS).on(TAGS.TAG_ID.eq(MODEL_TAGS.TAG_ID))
                        .where(DSL.or(wanted.stream().map(Tags::is).toList()))
                        .groupBy(MODEL_TAGS.MODEL_ID)
                        .having(DSL.countDistinct(MODEL_TAGS.TAG_ID).eq(wanted.size())));
        return scope.read(ctx -> ctx.selectFrom(MODELS).where(carriesAll).orderBy(MODELS.MODEL_NAME).fetch(Rows.MODEL));
    }

    private static void requireTag(TagRef tag) {
        Validator.required("tag", tag);
        Validator.required("tag_category", tag.category());
        Validator.required("tag_value", tag.value());
    }

    private static Condition is(TagRef tag) {
        return TAGS.TAG_CATEGORY.eq(tag.category()).and(TAGS.TAG_VALUE.eq(tag.value()));
    }

    private static JSONB json(TagRef tag) {
        return JSONB.jsonb("{\"tag_category\":\"" + tag.category().getLiteral() + "\",\"tag_value\":"
                + JsonText.quote(tag.value()) + "}");
    }

    private static UUID tagId(DSLContext ctx, TagRef tag) {
        ctx.insertInto(TAGS).set(TAGS.TAG_CATEGORY, tag.category()).set(TAGS.TAG_VALUE, tag.value())
                .onConflict(TAGS.TAG_CATEGORY, TAGS.TAG_VALUE).doNothing().execute();
        return ctx.select(TAGS.TAG_ID).from(TAGS).where(is(tag)).fetchSingle(TAGS.TAG_ID);
    }
}
