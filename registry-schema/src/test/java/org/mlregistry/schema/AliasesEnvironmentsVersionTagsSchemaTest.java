package org.mlregistry.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/** V50's tables: model aliases (a version of the same model), version tags, and their constraints. */
class AliasesEnvironmentsVersionTagsSchemaTest extends DatabaseTest {

    private static UUID model(DSLContext ctx, String name) {
        return (UUID) ctx.fetchValue("INSERT INTO registry.models (model_name, display_name) VALUES (?, 'M') RETURNING model_id", name);
    }

    private static UUID version(DSLContext ctx, UUID modelId, String semver) {
        return (UUID) ctx.fetchValue("INSERT INTO registry.model_versions (model_id, semver, artifact_uri, framework, registered_by) "
                + "VALUES (?, ?, 's3://m', 'onnx', 'test') RETURNING version_id", modelId, semver);
    }

    private static void alias(DSLContext ctx, UUID modelId, String alias, UUID versionId) {
        ctx.execute("INSERT INTO registry.model_aliases (model_id, alias, version_id, set_by) VALUES (?, ?, ?, 'test')",
                modelId, alias, versionId);
    }

    private static void tag(DSLContext ctx, UUID versionId, String key, String value) {
        ctx.execute("INSERT INTO registry.version_tags (version_id, tag_key, tag_value, set_by) VALUES (?, ?, ?, 'test')",
                versionId, key, value);
    }

    @Test
    void theNewTablesDeclareExactlyTheseConstraints() {
        List<String> declared = db().resultQuery("""
                SELECT c.relname || '.' || k.conname FROM pg_constraint k
                JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'registry' AND c.relname IN ('model_aliases', 'version_tags')
                  AND k.contype <> 'n' -- NOT NULL, listed here from PostgreSQL 18 on""").fetch(0, String.class);
        assertThat(declared).containsExactlyInAnyOrder(
                "model_aliases.model_aliases_pkey", "model_aliases.model_aliases_version_fkey",
                "model_aliases.model_aliases_previous_version_id_fkey", "model_aliases.valid_alias",
                "model_aliases.valid_alias_set_by",
                "version_tags.version_tags_pkey", "version_tags.version_tags_version_id_fkey",
                "version_tags.valid_version_tag_key", "version_tags.valid_version_tag_value",
                "version_tags.valid_version_tag_set_by");
    }

    @Test
    void anAliasPointsAtAVersionOfItsOwnModelOnly() {
        assertAccepted(ctx -> {
            UUID m = model(ctx, "alias-model");
            alias(ctx, m, "champion", version(ctx, m, "1.0.0"));
        });
        assertRefusedBy("model_aliases_version_fkey", ctx -> {
            UUID m = model(ctx, "alias-model");
            UUID other = model(ctx, "other-model");
            alias(ctx, m, "champion", version(ctx, other, "1.0.0"));
        });
        assertRefusedBy("model_aliases_pkey", ctx -> {
            UUID m = model(ctx, "alias-model");
            alias(ctx, m, "champion", version(ctx, m, "1.0.0"));
            alias(ctx, m, "champion", version(ctx, m, "2.0.0"));
        });
    }

    @Test
    void anAliasNameIsALowercaseLetterThenUpTo62LettersDigitsUnderscoresOrHyphens() {
        for (String bad : List.of("", "Champion", "1st", "-x", "a" + "b".repeat(63), "champ ion")) {
            assertRefusedBy("valid_alias", ctx -> {
                UUID m = model(ctx, "alias-model");
                alias(ctx, m, bad, version(ctx, m, "1.0.0"));
            });
        }
        assertAccepted(ctx -> {
            UUID m = model(ctx, "alias-model");
            alias(ctx, m, "a" + "b".repeat(62), version(ctx, m, "1.0.0"));
            alias(ctx, m, "shadow_2-b", version(ctx, m, "2.0.0"));
        });
    }

    @Test
    void deletingAVersionRemovesItsAliasesAndTagsAndForgetsItAsPrevious() {
        rolledBack(ctx -> {
            UUID m = model(ctx, "alias-model");
            UUID v1 = version(ctx, m, "1.0.0");
            UUID v2 = version(ctx, m, "2.0.0");
            alias(ctx, m, "champion", v1);
            ctx.execute("UPDATE registry.model_aliases SET previous_version_id = version_id, version_id = ? WHERE model_id = ?", v2, m);
            alias(ctx, m, "challenger", v1);
            tag(ctx, v1, "owner", "fraud-team");

            ctx.execute("DELETE FROM registry.model_versions WHERE version_id = ?", v1);

            assertThat(ctx.fetch("SELECT alias, version_id, previous_version_id FROM registry.model_aliases WHERE model_id = ?", m)
                    .map(r -> r.get(0) + " " + r.get(1) + " " + r.get(2))).containsExactly("champion " + v2 + " null");
            assertThat(ctx.fetchValue("SELECT count(*) FROM registry.version_tags WHERE version_id = ?", v1)).isEqualTo(0L);
        });
    }

    @Test
    void versionTagsHaveTheLimitsOfRunTags() {
        assertRefusedBy("valid_version_tag_key", ctx -> tag(ctx, version(ctx, model(ctx, "tag-model"), "1.0.0"), "has space", "x"));
        assertRefusedBy("valid_version_tag_key", ctx -> tag(ctx, version(ctx, model(ctx, "tag-model"), "1.0.0"), "k".repeat(129), "x"));
        assertRefusedBy("valid_version_tag_value", ctx -> tag(ctx, version(ctx, model(ctx, "tag-model"), "1.0.0"), "k", "x".repeat(1025)));
        assertRefusedBy("valid_version_tag_value", ctx -> tag(ctx, version(ctx, model(ctx, "tag-model"), "1.0.0"), "k", "a\tb"));
        assertRefusedBy("version_tags_pkey", ctx -> {
            UUID v = version(ctx, model(ctx, "tag-model"), "1.0.0");
            tag(ctx, v, "owner", "a");
            tag(ctx, v, "owner", "b");
        });
        assertAccepted(ctx -> tag(ctx, version(ctx, model(ctx, "tag-model"), "1.0.0"), "k".repeat(128), "x".repeat(1024)));
    }
}
