package org.mlregistry.core.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;
import static org.mlregistry.schema.jooq.registry.Tables.AUDIT_LOG;
import static org.mlregistry.schema.jooq.registry.Tables.VERSION_TAGS;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.error.ConstraintViolationException;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.schema.types.AuditEntityType;

/** Version tags: set (create and replace), remove, list, find by key = value; rules; audit. */
class VersionTagsTest extends ModelsTestSupport {

    @Test
    void setCreatesATagAndReplacesItsValue() {
        inRollback((models, ctx) -> {
            ModelVersion v = version(models, model(models), "1.0.0");

            VersionTag created = models.versionTags().set(v.versionId(), "dataset.snapshot", "2026-01-15");
            VersionTag replaced = models.versionTags().set(v.versionId(), "dataset.snapshot", "2026-02-01");

            assertThat(created.value()).isEqualTo("2026-01-15");
            assertThat(created.setBy()).isEqualTo(ACTOR);
            assertThat(replaced.value()).isEqualTo("2026-02-01");
            assertThat(ctx.fetchValue("SELECT tag_value FROM registry.version_tags WHERE version_id = ? AND tag_key = ?",
                    v.versionId(), "dataset.snapshot")).isEqualTo("2026-02-01");
            assertThat(ctx.fetchCount(VERSION_TAGS, VERSION_TAGS.VERSION_ID.eq(v.versionId()))).isEqualTo(1);
            List<AuditEntry> audit = models.audit().of(v.versionId()).stream()
                    .filter(a -> a.action().startsWith("tag.")).toList();
            assertThat(audit).extracting(AuditEntry::entityType, AuditEntry::action, AuditEntry::before, AuditEntry::after)
                    .containsExactly(
                            tuple(AuditEntityType.VERSION, "tag.set", null, state("dataset.snapshot", "2026-01-15")),
                            tuple(AuditEntityType.VERSION, "tag.set", state("dataset.snapshot", "2026-01-15"),
                                    state("dataset.snapshot", "2026-02-01")));
            return null;
        });
    }

    @Test
    void settingTheValueATagAlreadyHasWritesNothing() {
        inRollback((models, ctx) -> {
            ModelVersion v = version(models, model(models), "1.0.0");
            VersionTag first = models.versionTags().set(v.versionId(), "owner", "fraud-team");
            int audits = ctx.fetchCount(AUDIT_LOG);

            assertThat(models.versionTags().set(v.versionId(), "owner", "fraud-team")).isEqualTo(first);
            assertThat(ctx.fetchCount(AUDIT_LOG)).isEqualTo(audits);
            return null;
        });
    }

    @Test
    void ofListsAVersionsTagsByKeyAndRemoveDeletesOne() {
        inRollback((models, ctx) -> {
            Model m = model(models);
            ModelVersion v1 = version(models, m, "1.0.0");
            ModelVersion v2 = version(models, m, "2.0.0");
            models.versionTags().set(v1.versionId(), "owner", "fraud-team");
            models.versionTags().set(v1.versionId(), "git.commit", "4f2a9c1");
            models.versionTags().set(v1.versionId(), "empty", "");
            models.versionTags().set(v2.versionId(), "owner", "other-team");

            assertThat(models.versionTags().of(v1.versionId())).extracting(VersionTag::key, VersionTag::value)
                    .containsExactly(tuple("empty", ""), tuple("git.commit", "4f2a9c1"), tuple("owner", "fraud-team"));

            assertThat(models.versionTags().remove(v1.versionId(), "git.commit")).isTrue();
            assertThat(models.versionTags().remove(v1.versionId(), "git.commit")).isFalse();
            assertThat(models.versionTags().of(v1.versionId())).extracting(VersionTag::key).containsExactly("empty", "owner");
            assertThat(models.versionTags().of(v2.versionId())).extracting(VersionTag::value).containsExactly("other-team");
            AuditEntry removal = models.audit().of(v1.versionId()).stream()
                    .filter(a -> a.action().equals("tag.remove")).findFirst().orElseThrow();
            assertThat(removal.before()).isEqualTo(state("git.commit", "4f2a9c1"));
            assertThat(removal.after()).isNull();
            assertThat(models.versionTags().of(UUID.randomUUID())).isEmpty();
            return null;
        });
    }

    @Test
    void findVersionsReturnsTheVersionsTaggedKeyEqualsValue() {
        inRollback((models, ctx) -> {
            String team = unique("team");
            Model a = model(models);
            Model b = model(models);
            ModelVersion a1 = version(models, a, "1.0.0");
            ModelVersion a2 = version(models, a, "2.0.0");
            ModelVersion b1 = version(models, b, "1.0.0");
            models.versionTags().set(a1.versionId(), "owner", team);
            models.versionTags().set(a2.versionId(), "owner", "someone-else");
            models.versionTags().set(b1.versionId(), "owner", team);
            models.versionTags().set(a2.versionId(), "reviewer", team);

            assertThat(models.versionTags().findVersions("owner", team)).extracting(ModelVersion::versionId)
                    .containsExactlyInAnyOrder(a1.versionId(), b1.versionId());
            assertThat(models.versionTags().findVersions("owner", team)).containsExactlyElementsOf(
                    ctx.fetch("SELECT v.version_id FROM registry.version_tags t JOIN registry.model_versions v USING (version_id) "
                            + "WHERE t.tag_key = 'owner' AND t.tag_value = ? ORDER BY v.registered_at, v.version_id", team)
                            .map(r -> models.versions().get(r.get(0, UUID.class))));
            assertThat(models.versionTags().findVersions("owner", unique("nobody"))).isEmpty();
            return null;
        });
    }

    @Test
    void keysAndValuesBreakingTheRulesAreRefusedBeforeTheRoundTrip() {
        inRollback((models, ctx) -> {
            ModelVersion v = version(models, model(models), "1.0.0");
            int rows = ctx.fetchCount(VERSION_TAGS);
            for (String bad : List.of("", "has space", "k".repeat(129), "tab\tkey", "caf\u00e9")) {
                InvalidValueException e = catchThrowableOfType(InvalidValueException.class,
                        () -> models.versionTags().set(v.versionId(), bad, "x"));
                assertThat(e).as("key '%s'", bad).isNotInstanceOf(ConstraintViolationException.class);
                assertThat(e.field()).isEqualTo("tag_key");
                assertThat(e.rule()).isEqualTo("must have 1 to 128 characters, each a letter, digit or one of _ . : / -");
            }
            InvalidValueException tooLong = catchThrowableOfType(InvalidValueException.class,
                    () -> models.versionTags().set(v.versionId(), "note", "x".repeat(1025)));
            assertThat(tooLong.field()).isEqualTo("tag_value");
            assertThat(tooLong.rule()).isEqualTo("must have at most 1024 characters");
            InvalidValueException control = catchThrowableOfType(InvalidValueException.class,
                    () -> models.versionTags().set(v.versionId(), "note", "line\nbreak"));
            assertThat(control.field()).isEqualTo("tag_value");
            InvalidValueException nullValue = catchThrowableOfType(InvalidValueException.class,
                    () -> models.versionTags().set(v.versionId(), "note", null));
            assertThat(nullValue.field()).isEqualTo("tag_value");
            assertThat(nullValue.rule()).isEqualTo("must not be null");
            assertThat(ctx.fetchCount(VERSION_TAGS)).isEqualTo(rows);
            assertThat(models.versionTags().set(v.versionId(), "k".repeat(128), "x".repeat(1024)).value()).hasSize(1024);
            return null;
        });
    }

    @Test
    void anUnknownVersionIsNotFoundAndNothingIsWritten() {
        inRollback((models, ctx) -> {
            int rows = ctx.fetchCount(VERSION_TAGS);
            int audits = ctx.fetchCount(AUDIT_LOG);
            UUID nowhere = UUID.randomUUID();
            NotFoundException e = catchThrowableOfType(NotFoundException.class,
                    () -> models.versionTags().set(nowhere, "owner", "x"));
            assertThat(e.entity()).isEqualTo("model version");
            assertThat(e.id()).isEqualTo(nowhere);
            assertThat(ctx.fetchCount(VERSION_TAGS)).isEqualTo(rows);
            assertThat(ctx.fetchCount(AUDIT_LOG)).isEqualTo(audits);
            return null;
        });
    }

    @Test
    void theDatabaseChecksTheSameRules() {
        inRollback((models, ctx) -> {
            ModelVersion v = version(models, model(models), "1.0.0");
            ConstraintViolationException e = catchThrowableOfType(ConstraintViolationException.class,
                    () -> org.mlregistry.core.Registry.configure().dsl(ctx).load().inTransaction(c -> c.insertInto(VERSION_TAGS)
                            .set(VERSION_TAGS.VERSION_ID, v.versionId()).set(VERSION_TAGS.TAG_KEY, "has space")
                            .set(VERSION_TAGS.TAG_VALUE, "x").set(VERSION_TAGS.SET_BY, ACTOR).execute()));
            assertThat(e.constraint()).isEqualTo("valid_version_tag_key");
            assertThat(e.field()).isEqualTo("tag_key");
            return null;
        });
    }

    private static String state(String key, String value) {
        return "{\"tag_key\": \"" + key + "\", \"tag_value\": \"" + value + "\"}";
    }
}
