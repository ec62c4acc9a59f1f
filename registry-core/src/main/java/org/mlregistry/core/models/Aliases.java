package org.mlregistry.core.models;

import static org.mlregistry.schema.jooq.registry.Tables.MODELS;
import static org.mlregistry.schema.jooq.registry.Tables.MODEL_ALIASES;
import static org.mlregistry.schema.jooq.registry.Tables.MODEL_VERSIONS;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.mlregistry.core.error.InvalidTransitionException;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.core.error.VersionOfAnotherModelException;
import org.mlregistry.core.internal.AuditWriter;
import org.mlregistry.core.internal.JsonText;
import org.mlregistry.core.internal.RegistryNames;
import org.mlregistry.core.internal.Validator;
import org.mlregistry.schema.jooq.registry.tables.records.ModelVersionsRecord;
import org.mlregistry.schema.types.AuditEntityType;
import org.mlregistry.schema.types.VersionStatus;

/**
 * Named pointers to a model's versions ({@code champion}, {@code challenger}, …), unique per
 * model: a service resolves "the champion of churn-predictor" in one indexed query instead of
 * knowing a version number. Obtain it from {@link ModelRegistry#aliases()}.
 *
 * <p>An alias is a lowercase letter followed by up to 62 lowercase letters, digits, {@code _} or
 * {@code -}. Every change is audited in its transaction under the model (entity type
 * {@code model}, entity id the model's id, actions {@code alias.set}, {@code alias.move},
 * {@code alias.remove}), so the model's audit trail shows its aliases' history. An archived
 * version cannot be given an alias; an alias already on a version that is archived later stays
 * until it is moved or removed (resolve shows the version's status).
 */
public final class Aliases {

    private final Scope scope;

    Aliases(Scope scope) {
        this.scope = scope;
    }

    /**
     * Sets an alias on a version of the model, or moves it there from the version it was on, in
     * one statement ({@code INSERT … ON CONFLICT (model_id, alias) DO UPDATE}): concurrent sets of
     * the same alias serialize on its row, and the last one wins. Setting it on the version it is
     * already on changes and audits nothing.
     *
     * @param modelId the model
     * @param alias the alias, e.g. {@code champion}
     * @param versionId a version of that model, not archived
     * @return the alias as stored; {@link ModelAlias#previousVersionId()} is the version it moved from
     * @throws InvalidValueException when the alias breaks the naming rule or a value is missing
     * @throws VersionOfAnotherModelException when the version belongs to another model
     * @throws InvalidTransitionException when the version is archived
     * @throws NotFoundException when the version or the model does not exist
     */
    public ModelAlias set(UUID modelId, String alias, UUID versionId) {
        AuditWriter audit = scope.audit();
        Validator.required("model_id", modelId);
        RegistryNames.alias(alias);
        Validator.required("version_id", versionId);
        return scope.tx(ctx -> {
            requireAliasable(ctx, modelId, versionId, alias);
            Optional<ModelAlias> changed = ctx.insertInto(MODEL_ALIASES)
                    .set(MODEL_ALIASES.MODEL_ID, modelId)
                    .set(MODEL_ALIASES.ALIAS, alias)
                    .set(MODEL_ALIASES.VERSION_ID, versionId)
                    .set(MODEL_ALIASES.SET_BY, scope.actor())
                    .onConflict(MODEL_ALIASES.MODEL_ID, MODEL_ALIASES.ALIAS).doUpdate()
                    .set(MODEL_ALIASES.PREVIOUS_VERSION_ID, MODEL_ALIASES.VERSION_ID)
                    .set(MODEL_ALIASES.VERSION_ID, DSL.excluded(MODEL_ALIASES.VERSION_ID))
                    .set(MODEL_ALIASES.SET_BY, DSL.excluded(MODEL_ALIASES.SET_BY))
                    .set(MODEL_ALIASES.SET_AT, DSL.field("clock_timestamp()", OffsetDateTime.class))
                    .where(MODEL_ALIASES.VERSION_ID.ne(DSL.excluded(MODEL_ALIASES.VERSION_ID)))
                    .returning()
                    .fetchOptional(ExtensionRows.ALIAS);
            if (changed.isEmpty()) {
                return current(ctx, modelId, alias).orElseThrow(); // the row the conflict locked
            }
            ModelAlias set = changed.get();
            if (set.previousVersionId() == null) {
                audit.record(ctx, AuditEntityType.MODEL, modelId, "alias.set", null, json(alias, versionId));
            } else {
                audit.record(ctx, AuditEntityType.MODEL, modelId, "alias.move",
                        json(alias, set.previousVersionId()), json(alias, versionId));
            }
            return set;
        });
    }

    /**
     * Swaps the versions of two aliases of a model in one transaction, e.g. champion and
     * challenger after the challenger won; each is audited as {@code alias.move}. Nothing changes
     * when both are on the same version.
     *
     * @param modelId the model
     * @param first an alias of the model
     * @param second another alias of the model
     * @return both aliases as stored, first then second
     * @throws InvalidValueException when an alias breaks the naming rule or both are the same
     * @throws NotFoundException when the model lacks one of them
     * @throws InvalidTransitionException when one of the two versions has been archived since
     */
    public List<ModelAlias> swap(UUID modelId, String first, String second) {
        AuditWriter audit = scope.audit();
        Validator.required("model_id", modelId);
        RegistryNames.alias(first);
        RegistryNames.alias(second);
        if (first.equals(second)) {
            throw new InvalidValueException("alias", second, "must differ from the alias it is swapped with");
        }
        return scope.tx(ctx -> {
            // both rows locked in one order, so two swaps of the same pair cannot deadlock
            List<ModelAlias> locked = ctx.selectFrom(MODEL_ALIASES).where(MODEL_ALIASES.MODEL_ID.eq(modelId))
                    .and(MODEL_ALIASES.ALIAS.in(first, second)).orderBy(MODEL_ALIASES.ALIAS).forUpdate()
                    .fetch(ExtensionRows.ALIAS);
            ModelAlias a = find(locked, modelId, first);
            ModelAlias b = find(locked, modelId, second);
            if (a.versionId().equals(b.versionId())) {
                return List.of(a, b);
            }
            requireAliasable(ctx, modelId, b.versionId(), first);
            requireAliasable(ctx, modelId, a.versionId(), second);
            return List.of(move(ctx, audit, a, b.versionId()), move(ctx, audit, b, a.versionId()));
        });
    }

    /**
     * Removes an alias from a model.
     *
     * @param modelId the model
     * @param alias the alias
     * @return true when the model had it (an {@code alias.remove} audit row is written then)
     * @throws InvalidValueException when the alias breaks the naming rule
     */
    public boolean remove(UUID modelId, String alias) {
        AuditWriter audit = scope.audit();
        Validator.required("model_id", modelId);
        RegistryNames.alias(alias);
        return scope.tx(ctx -> {
            Optional<ModelAlias> removed = ctx.deleteFrom(MODEL_ALIASES).where(MODEL_ALIASES.MODEL_ID.eq(modelId))
                    .and(MODEL_ALIASES.ALIAS.eq(alias)).returning().fetchOptional(ExtensionRows.ALIAS);
            removed.ifPresent(r -> audit.record(ctx, AuditEntityType.MODEL, modelId, "alias.remove",
                    json(alias, r.versionId()), null));
            return removed.isPresent();
        });
    }

    /**
     * The version an alias of a model points to, by the model's name, in one statement over the
     * unique model name, the alias's primary key and the version's primary key.
     *
     * @param modelName the model's name, e.g. {@code churn-predictor}
     * @param alias the alias, e.g. {@code champion}
     * @return the version; empty when there is no such model or the model has no such alias
     * @throws InvalidValueException when the alias breaks the naming rule or the name is blank
     */
    public Optional<ModelVersion> resolve(String modelName, String alias) {
        Validator.required("model_name", modelName);
        RegistryNames.alias(alias);
        return scope.read(ctx -> ctx.select(MODEL_VERSIONS.fields()).from(MODELS)
                .join(MODEL_ALIASES).on(MODEL_ALIASES.MODEL_ID.eq(MODELS.MODEL_ID)).and(MODEL_ALIASES.ALIAS.eq(alias))
                .join(MODEL_VERSIONS).on(MODEL_VERSIONS.VERSION_ID.eq(MODEL_ALIASES.VERSION_ID))
                .where(MODELS.MODEL_NAME.eq(modelName))
                .fetchOptional(Rows.VERSION));
    }

    /**
     * The version an alias of a model points to, by the model's id, in one statement over the
     * alias's primary key and the version's primary key.
     *
     * @param modelId the model
     * @param alias the alias, e.g. {@code champion}
     * @return the version; empty when the model has no such alias
     * @throws InvalidValueException when the alias breaks the naming rule
     */
    public Optional<ModelVersion> resolve(UUID modelId, String alias) {
        Validator.required("model_id", modelId);
        RegistryNames.alias(alias);
        return scope.read(ctx -> ctx.select(MODEL_VERSIONS.fields()).from(MODEL_ALIASES)
                .join(MODEL_VERSIONS).on(MODEL_VERSIONS.VERSION_ID.eq(MODEL_ALIASES.VERSION_ID))
                .where(MODEL_ALIASES.MODEL_ID.eq(modelId)).and(MODEL_ALIASES.ALIAS.eq(alias))
                .fetchOptional(Rows.VERSION));
    }

    /**
     * The aliases of a model.
     *
     * @param modelId the model
     * @return its aliases, by name; empty when it has none
     */
    public List<ModelAlias> of(UUID modelId) {
        return scope.read(ctx -> ctx.selectFrom(MODEL_ALIASES).where(MODEL_ALIASES.MODEL_ID.eq(modelId))
                .orderBy(MODEL_ALIASES.ALIAS).fetch(ExtensionRows.ALIAS));
    }

    /** The version exists, belongs to the model and is not archived; FOR SHARE keeps it so until commit. */
    private static void requireAliasable(DSLContext ctx, UUID modelId, UUID versionId, String alias) {
        ModelVersionsRecord version = ctx.selectFrom(MODEL_VERSIONS).where(MODEL_VERSIONS.VERSION_ID.eq(versionId))
                .forShare().fetchOptional()
                .orElseThrow(() -> new NotFoundException("model version", versionId));
        if (!version.getModelId().equals(modelId)) {
            if (!ctx.fetchExists(MODELS, MODELS.MODEL_ID.eq(modelId))) {
                throw new NotFoundException("model", modelId);
            }
            throw new VersionOfAnotherModelException(modelId, versionId, version.getModelId());
        }
        if (version.getStatus() == VersionStatus.ARCHIVED) {
            throw new InvalidTransitionException("model version", versionId, VersionStatus.ARCHIVED, "alias " + alias);
        }
    }

    private static Optional<ModelAlias> current(DSLContext ctx, UUID modelId, String alias) {
        return ctx.selectFrom(MODEL_ALIASES).where(MODEL_ALIASES.MODEL_ID.eq(modelId)).and(MODEL_ALIASES.ALIAS.eq(alias))
                .fetchOptional(ExtensionRows.ALIAS);
    }

    private static ModelAlias find(List<ModelAlias> aliases, UUID modelId, String alias) {
        return aliases.stream().filter(a -> a.alias().equals(alias)).findFirst()
                .orElseThrow(() -> new NotFoundException("alias of model " + modelId, alias));
    }

    private ModelAlias move(DSLContext ctx, AuditWriter audit, ModelAlias alias, UUID to) {
        ModelAlias moved = ctx.update(MODEL_ALIASES)
                .set(MODEL_ALIASES.PREVIOUS_VERSION_ID, MODEL_ALIASES.VERSION_ID)
                .set(MODEL_ALIASES.VERSION_ID, to)
                .set(MODEL_ALIASES.SET_BY, scope.actor())
                .set(MODEL_ALIASES.SET_AT, DSL.field("clock_timestamp()", OffsetDateTime.class))
                .where(MODEL_ALIASES.MODEL_ID.eq(alias.modelId())).and(MODEL_ALIASES.ALIAS.eq(alias.alias()))
                .returning().fetchSingle(ExtensionRows.ALIAS);
        audit.record(ctx, AuditEntityType.MODEL, alias.modelId(), "alias.move",
                json(alias.alias(), alias.versionId()), json(alias.alias(), to));
        return moved;
    }

    private static JSONB json(String alias, UUID versionId) {
        return JSONB.jsonb("{\"alias\":" + JsonText.quote(alias) + ",\"version_id\":\"" + versionId + "\"}");
    }
}
