package org.mlregistry.core.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mlregistry.schema.jooq.registry.Tables.AUDIT_LOG;
import static org.mlregistry.schema.jooq.registry.Tables.MODEL_ALIASES;

import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.error.ConstraintViolationException;
import org.mlregistry.core.error.InvalidTransitionException;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.core.error.VersionOfAnotherModelException;
import org.mlregistry.core.internal.RegistryNames;
import org.mlregistry.schema.types.AuditEntityType;
import org.mlregistry.schema.types.VersionStatus;

/** Aliases: set, move, swap, remove, resolve by name and by id, list; naming rule; refusals write nothing. */
class AliasesTest extends ModelsTestSupport {

    private static final List<String> SAMPLES = List.of("champion", "challenger", "a", "shadow_2", "blue-green",
            "a" + "b".repeat(62), "a" + "b".repeat(63), "", "Champion", "1st", "_x", "-x", "cham pion", "champion!",
            "champion\n", "ch\u00e4mpion", "prod.eu");

    @Test
    void theJavaAliasRuleIsTheDatabaseCheck() {
        inRollback((models, ctx) -> {
            String regex = checkRegex(ctx, "valid_alias", "registry.model_aliases");
            for (String sample : SAMPLES) {
                boolean db = ctx.fetchValue(DSL.field("{0} ~ {1}", Boolean.class, DSL.val(sample), DSL.val(regex)));
                assertThat(RegistryNames.ALIAS.matcher(sample).matches()).as("alias '%s'", sample).isEqualTo(db);
            }
            assertThat(SAMPLES.stream().filter(s -> RegistryNames.ALIAS.matcher(s).matches())).hasSize(6);
            return null;
        });
    }

    @Test
    void setPutsAnAliasOnAVersionAndResolveFindsItByNameAndById() {
        inRollback((models, ctx) -> {
            Model m = model(models);
            ModelVersion v1 = version(models, m, "1.0.0");

            ModelAlias champion = models.aliases().set(m.modelId(), "champion", v1.versionId());

            assertThat(champion.modelId()).isEqualTo(m.modelId());
            assertThat(champion.alias()).isEqualTo("champion");
            assertThat(champion.versionId()).isEqualTo(v1.versionId());
            assertThat(champion.previousVersionId()).isNull();
            assertThat(champion.setBy()).isEqualTo(ACTOR);
            assertThat(models.aliases().resolve(m.modelName(), "champion")).contains(v1);
            assertThat(models.aliases().resolve(m.modelId(), "champion")).contains(v1);
            assertThat(ctx.fetchValue("SELECT version_id FROM registry.model_aliases WHERE model_id = ? AND alias = 'champion'",
                    m.modelId())).isEqualTo(v1.versionId());
            return null;
        });
    }

    @Test
    void resolveIsEmptyForAnUnknownAliasOrModel() {
        inRollback((models, ctx) -> {
            Model m = model(models);
            models.aliases().set(m.modelId(), "champion", version(models, m, "1.0.0").versionId());
            assertThat(models.aliases().resolve(m.modelName(), "challenger")).isEmpty();
            assertThat(models.aliases().resolve(m.modelId(), "challenger")).isEmpty();
            assertThat(models.aliases().resolve("no-such-model", "champion")).isEmpty();
            assertThat(models.aliases().resolve(UUID.randomUUID(), "champion")).isEmpty();
            return null;
        });
    }

    @Test
    void resolveByNameIsOneStatementServedByTheIndexes() {
        inRollback((models, ctx) -> {
            ctx.execute("SET LOCAL enable_seqscan = off");
            String plan = String.join("\n", ctx.fetch("""
                    EXPLAIN SELECT v.* FROM registry.models m
                    JOIN registry.model_aliases a ON a.model_id = m.model_id AND a.alias = 'champion'
                    JOIN registry.model_versions v ON v.version_id = a.version_id
                    WHERE m.model_name = 'churn-predictor'""").getValues(0, String.class));
            assertThat(plan).contains("model_aliases_pkey").contains("model_versions_pkey").doesNotContain("Seq Scan");
            return null;
        });
    }

    @Test
    void settingAnAliasOnAnotherVersionMovesItAndRemembersWhereItWas() {
        inRollback((models, ctx) -> {
            Model m = model(models);
            ModelVersion v1 = version(models, m, "1.0.0");
            ModelVersion v2 = version(models, m, "2.0.0");
            models.aliases().set(m.modelId(), "champion", v1.versionId());

            ModelAlias moved = models.aliases().set(m.modelId(), "champion", v2.versionId());

            assertThat(moved.versionId()).isEqualTo(v2.versionId());
            assertThat(moved.previousVersionId()).isEqualTo(v1.versionId());
            assertThat(models.aliases().resolve(m.modelName(), "champion")).contains(v2);
            assertThat(ctx.fetchCount(MODEL_ALIASES, MODEL_ALIASES.MODEL_ID.eq(m.modelId()))).isEqualTo(1);
            List<AuditEntry> aliasAudit = aliasAudit(models, m);
            assertThat(aliasAudit).extracting(AuditEntry::action).containsExactly("alias.set", "alias.move");
            assertThat(aliasAudit).extracting(AuditEntry::entityType).containsOnly(AuditEntityType.MODEL);
            assertThat(aliasAudit.get(0).before()).isNull();
            assertThat(aliasAudit.get(0).after()).isEqualTo(state("champion", v1));
            assertThat(aliasAudit.get(1).before()).isEqualTo(state("champion", v1));
            assertThat(aliasAudit.get(1).after()).isEqualTo(state("champion", v2));
            assertThat(aliasAudit).extracting(AuditEntry::actor).containsOnly(ACTOR);
            return null;
        });
    }

    @Test
    void settingAnAliasWhereItAlreadyIsWritesNothing() {
        inRollback((models, ctx) -> {
            Model m = model(models);
            ModelVersion v1 = version(models, m, "1.0.0");
            ModelAlias first = models.aliases().set(m.modelId(), "champion", v1.versionId());
            int audits = ctx.fetchCount(AUDIT_LOG);

            ModelAlias again = models.aliases().set(m.modelId(), "champion", v1.versionId());

            assertThat(again).isEqualTo(first);
            assertThat(ctx.fetchCount(AUDIT_LOG)).isEqualTo(audits);
            return null;
        });
    }

    @Test
    void swapExchangesTheVersionsOfTwoAliases() {
        inRollback((models, ctx) -> {
            Model m = model(models);
            ModelVersion v1 = version(models, m, "1.0.0");
            ModelVersion v2 = version(models, m, "2.0.0");
            models.aliases().set(m.modelId(), "champion", v1.versionId());
            models.aliases().set(m.modelId(), "challenger", v2.versionId());

            List<ModelAlias> swapped = models.aliases().swap(m.modelId(), "champion", "challenger");

            assertThat(swapped).extracting(ModelAlias::alias).containsExactly("champion", "challenger");
            assertThat(swapped).extracting(ModelAlias::versionId).containsExactly(v2.versionId(), v1.versionId());
            assertThat(swapped).extracting(ModelAlias::previousVersionId).containsExactly(v1.versionId(), v2.versionId());
            assertThat(models.aliases().resolve(m.modelName(), "champion")).contains(v2);
            assertThat(models.aliases().resolve(m.modelName(), "challenger")).contains(v1);
            assertThat(aliasAudit(models, m)).extracting(AuditEntry::action)
                    .containsExactly("alias.set", "alias.set", "alias.move", "alias.move");
            return null;
        });
    }

    @Test
    void swapNeedsBothAliasesAndTwoDifferentOnes() {
        inRollback((models, ctx) -> {
            Model m = model(models);
            ModelVersion v1 = version(models, m, "1.0.0");
            models.aliases().set(m.modelId(), "champion", v1.versionId());
            int audits = ctx.fetchCount(AUDIT_LOG);

            NotFoundException missing = catchThrowableOfType(NotFoundException.class,
                    () -> models.aliases().swap(m.modelId(), "champion", "challenger"));
            assertThat(missing.id()).isEqualTo("challenger");
            InvalidValueException same = catchThrowableOfType(InvalidValueException.class,
                    () -> models.aliases().swap(m.modelId(), "champion", "champion"));
            assertThat(same.field()).isEqualTo("alias");
            assertThat(same.rule()).isEqualTo("must differ from the alias it is swapped with");
            assertThat(models.aliases().resolve(m.modelId(), "champion")).contains(v1);
            assertThat(ctx.fetchCount(AUDIT_LOG)).isEqualTo(audits);
            return null;
        });
    }

    @Test
    void removeDeletesTheAliasOnceAndAuditsIt() {
        inRollback((models, ctx) -> {
            Model m = model(models);
            ModelVersion v1 = version(models, m, "1.0.0");
            models.aliases().set(m.modelId(), "champion", v1.versionId());

            assertThat(models.aliases().remove(m.modelId(), "champion")).isTrue();
            assertThat(models.aliases().remove(m.modelId(), "champion")).isFalse();

            assertThat(models.aliases().resolve(m.modelId(), "champion")).isEmpty();
            List<AuditEntry> aliasAudit = aliasAudit(models, m);
            assertThat(aliasAudit).extracting(AuditEntry::action).containsExactly("alias.set", "alias.remove");
            assertThat(aliasAudit.get(1).before()).isEqualTo(state("champion", v1));
            assertThat(aliasAudit.get(1).after()).isNull();
            return null;
        });
    }

    @Test
    void ofListsAModelsAliasesByName() {
        inRollback((models, ctx) -> {
            Model m = model(models);
            Model other = model(models);
            ModelVersion v1 = version(models, m, "1.0.0");
            ModelVersion v2 = version(models, m, "2.0.0");
            models.aliases().set(m.modelId(), "shadow", v2.versionId());
            models.aliases().set(m.modelId(), "champion", v1.versionId());
            models.aliases().set(m.modelId(), "challenger", v2.versionId());
            models.aliases().set(other.modelId(), "champion", version(models, other, "1.0.0").versionId());

            assertThat(models.aliases().of(m.modelId())).extracting(ModelAlias::alias, ModelAlias::versionId)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("challenger", v2.versionId()),
                            org.assertj.core.groups.Tuple.tuple("champion", v1.versionId()),
                            org.assertj.core.groups.Tuple.tuple("shadow", v2.versionId()));
            assertThat(models.aliases().of(UUID.randomUUID())).isEmpty();
            return null;
        });
    }

    @Test
    void anAliasBreakingTheRuleIsRefusedBeforeTheRoundTrip() {
        inRollback((models, ctx) -> {
            Model m = model(models);
            ModelVersion v1 = version(models, m, "1.0.0");
            int rows = ctx.fetchCount(MODEL_ALIASES);
            for (String bad : List.of("", "Champion", "1st", "a" + "b".repeat(63), "champ ion")) {
                InvalidValueException e = catchThrowableOfType(InvalidValueException.class,
                        () -> models.aliases().set(m.modelId(), bad, v1.versionId()));
                assertThat(e).as("alias '%s'", bad).isNotInstanceOf(ConstraintViolationException.class);
                assertThat(e.field()).isEqualTo("alias");
                assertThat(e.value()).isEqualTo(bad);
                assertThat(e.rule()).isEqualTo(RegistryNames.ALIAS_RULE);
            }
            InvalidValueException nullAlias = catchThrowableOfType(InvalidValueException.class,
                    () -> models.aliases().resolve(m.modelName(), null));
            assertThat(nullAlias.field()).isEqualTo("alias");
            assertThat(ctx.fetchCount(MODEL_ALIASES)).isEqualTo(rows);
            return null;
        });
    }

    @Test
    void anAliasCannotPointAtAnotherModelsVersion() {
        inRollback((models, ctx) -> {
            Model m = model(models);
            Model other = model(models);
            ModelVersion mine = version(models, m, "1.0.0");
            ModelVersion theirs = version(models, other, "1.0.0");
            models.aliases().set(m.modelId(), "champion", mine.versionId());
            int aliases = ctx.fetchCount(MODEL_ALIASES);
            int audits = ctx.fetchCount(AUDIT_LOG);

            VersionOfAnotherModelException e = catchThrowableOfType(VersionOfAnotherModelException.class,
                    () -> models.aliases().set(m.modelId(), "champion", theirs.versionId()));

            assertThat(e.field()).isEqualTo("version_id");
            assertThat(e.value()).isEqualTo(theirs.versionId());
            assertThat(e.modelId()).isEqualTo(m.modelId());
            assertThat(e.versionModelId()).isEqualTo(other.modelId());
            assertThat(models.aliases().resolve(m.modelId(), "champion")).contains(mine);
            assertThat(ctx.fetchCount(MODEL_ALIASES)).isEqualTo(aliases);
            assertThat(ctx.fetchCount(AUDIT_LOG)).isEqualTo(audits);
            return null;
        });
    }

    @Test
    void theDatabaseRefusesAnAliasOfAnotherModelsVersionToo() {
        inRollback((models, ctx) -> {
            Model m = model(models);
            ModelVersion theirs = version(models, model(models), "1.0.0");
            ConstraintViolationException e = catchThrowableOfType(ConstraintViolationException.class,
                    () -> org.mlregistry.core.Registry.configure().dsl(ctx).load().inTransaction(c -> c.insertInto(MODEL_ALIASES)
                            .set(MODEL_ALIASES.MODEL_ID, m.modelId()).set(MODEL_ALIASES.ALIAS, "champion")
                            .set(MODEL_ALIASES.VERSION_ID, theirs.versionId()).set(MODEL_ALIASES.SET_BY, ACTOR).execute()));
            assertThat(e.constraint()).isEqualTo("model_aliases_version_fkey");
            assertThat(e.field()).isEqualTo("version_id");
            return null;
        });
    }

    @Test
    void unknownVersionsAndModelsAreNotFound() {
        inRollback((models, ctx) -> {
            Model m = model(models);
            ModelVersion v1 = version(models, m, "1.0.0");
            UUID nowhere = UUID.randomUUID();
            assertThat(catchThrowableOfType(NotFoundException.class,
                    () -> models.aliases().set(m.modelId(), "champion", nowhere)).entity()).isEqualTo("model version");
            assertThat(catchThrowableOfType(NotFoundException.class,
                    () -> models.aliases().set(nowhere, "champion", v1.versionId())).entity()).isEqualTo("model");
            assertThat(ctx.fetchCount(MODEL_ALIASES, MODEL_ALIASES.MODEL_ID.eq(m.modelId()))).isZero();
            return null;
        });
    }

    @Test
    void anArchivedVersionGetsNoAlias() {
        inRollback((models, ctx) -> {
            Model m = model(models);
            ModelVersion v1 = archived(models, validated(models, m, "1.0.0"));
            int audits = ctx.fetchCount(AUDIT_LOG);

            InvalidTransitionException e = catchThrowableOfType(InvalidTransitionException.class,
                    () -> models.aliases().set(m.modelId(), "champion", v1.versionId()));

            assertThat(e.current()).isEqualTo(VersionStatus.ARCHIVED);
            assertThat(e.attempted()).isEqualTo("alias champion");
            assertThat(ctx.fetchCount(MODEL_ALIASES, MODEL_ALIASES.MODEL_ID.eq(m.modelId()))).isZero();
            assertThat(ctx.fetchCount(AUDIT_LOG)).isEqualTo(audits);
            return null;
        });
    }

    @Test
    void swapRefusesToMoveAnAliasOntoAVersionArchivedSince() {
        inRollback((models, ctx) -> {
            Model m = model(models);
            ModelVersion v1 = validated(models, m, "1.0.0");
            ModelVersion v2 = validated(models, m, "2.0.0");
            models.aliases().set(m.modelId(), "champion", v1.versionId());
            models.aliases().set(m.modelId(), "challenger", v2.versionId());
            archived(models, v2);
            int audits = ctx.fetchCount(AUDIT_LOG);

            InvalidTransitionException e = catchThrowableOfType(InvalidTransitionException.class,
                    () -> models.aliases().swap(m.modelId(), "champion", "challenger"));

            assertThat(e.id()).isEqualTo(v2.versionId());
            assertThat(e.current()).isEqualTo(VersionStatus.ARCHIVED);
            assertThat(models.aliases().resolve(m.modelId(), "champion").orElseThrow().versionId()).isEqualTo(v1.versionId());
            assertThat(models.aliases().resolve(m.modelId(), "challenger").orElseThrow().status()).isEqualTo(VersionStatus.ARCHIVED);
            assertThat(ctx.fetchCount(AUDIT_LOG)).isEqualTo(audits);
            return null;
        });
    }

    private static ModelVersion archived(ModelRegistry models, ModelVersion v) {
        models.versions().deprecate(v.versionId(), "superseded");
        return models.versions().archive(v.versionId(), "superseded");
    }

    @Test
    void writingNeedsAnActor() {
        org.mlregistry.core.RolledBackRegistry.run(db(), registry -> {
            ModelRegistry withActor = registry.models().actor(ACTOR);
            Model m = model(withActor);
            ModelVersion v1 = version(withActor, m, "1.0.0");
            InvalidValueException e = catchThrowableOfType(InvalidValueException.class,
                    () -> registry.models().aliases().set(m.modelId(), "champion", v1.versionId()));
            assertThat(e.field()).isEqualTo("actor");
            assertThat(registry.models().aliases().of(m.modelId())).isEmpty();
            return null;
        });
    }

    /** The audit state of an alias, as jsonb prints it. */
    static String state(String alias, ModelVersion v) {
        return "{\"alias\": \"" + alias + "\", \"version_id\": \"" + v.versionId() + "\"}";
    }

    static List<AuditEntry> aliasAudit(ModelRegistry models, Model m) {
        return models.audit().of(m.modelId()).stream().filter(a -> a.action().startsWith("alias.")).toList();
    }

    static String checkRegex(DSLContext ctx, String constraint, String table) {
        String def = String.valueOf(ctx.fetchValue("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = ? "
                + "AND conrelid = ?::regclass", constraint, table));
        return def.substring(def.indexOf("~ '") + 3, def.lastIndexOf("'::text"));
    }
}
