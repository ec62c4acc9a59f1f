package org.mlregistry.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mlregistry.core.tracking.RunFilter.hasTag;
import static org.mlregistry.core.tracking.RunFilter.modelName;
import static org.mlregistry.core.tracking.RunFilter.tag;
import static org.mlregistry.schema.jooq.tracking.Tables.RUN_TAGS;

import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.NotFoundException;

class RunTagsTest extends TrackingTestSupport {

    private static List<UUID> sqlRunIds(DSLContext ctx, String where, Object... binds) {
        return ctx.fetch("SELECT r.run_id FROM tracking.training_runs r WHERE r.archived_at IS NULL AND " + where, binds)
                .getValues(0, UUID.class).stream().sorted().toList();
    }

    private static List<UUID> ids(RunSearch search) {
        return search.fetch().stream().map(Run::runId).sorted().toList();
    }

    @Test
    void setReplacesTheValueOfAKeyAndListsTagsByKey() {
        withRollback(registry -> {
            RunTags tags = registry.runs().tags();
            UUID run = registry.runs().submit(newRun("tags-set")).runId();
            tags.set(run, "team", "cv");
            tags.set(run, "owner", "alice");
            RunTag replaced = tags.set(run, "team", "nlp");

            assertThat(replaced.value()).isEqualTo("nlp");
            assertThat(tags.of(run)).extracting(RunTag::key, RunTag::value)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("owner", "alice"),
                            org.assertj.core.groups.Tuple.tuple("team", "nlp"));
            assertThat(registry.dsl().fetchCount(RUN_TAGS, RUN_TAGS.RUN_ID.eq(run))).isEqualTo(2);
            return null;
        });
    }

    @Test
    void removeTakesOneTagAndSaysWhetherItWasThere() {
        withRollback(registry -> {
            RunTags tags = registry.runs().tags();
            UUID run = registry.runs().submit(newRun("tags-remove")).runId();
            tags.set(run, "team", "nlp");
            tags.set(run, "stage", "");

            assertThat(tags.remove(run, "team")).isTrue();
            assertThat(tags.remove(run, "team")).isFalse();
            assertThat(tags.of(run)).extracting(RunTag::key).containsExactly("stage");
            return null;
        });
    }

    @Test
    void aTagOfAMissingRunIsNotFound() {
        withRollback(registry -> {
            UUID ghost = UUID.randomUUID();
            NotFoundException e = catchThrowableOfType(NotFoundException.class,
                    () -> registry.runs().tags().set(ghost, "team", "nlp"));
            assertThat(e.id()).isEqualTo(ghost);
            assertThat(registry.runs().tags().of(ghost)).isEmpty();
            return null;
        });
    }

    @Test
    void tagFiltersMatchHandWrittenSql() {
        withRollback(registry -> {
            Runs runs = registry.runs();
            UUID a = runs.submit(newRun("tags-filter-a")).runId();
            UUID b = runs.submit(newRun("tags-filter-b")).runId();
            UUID c = runs.submit(newRun("tags-filter-c")).runId();
            runs.tags().set(a, "team", "nlp");
            runs.tags().set(b, "team", "cv");
            runs.tags().set(c, "team", "speech");
            runs.tags().set(c, "priority", "high");
            DSLContext ctx = registry.dsl();

            assertThat(ids(runs.where(tag("team").eq("nlp")))).containsExactly(a)
                    .isEqualTo(sqlRunIds(ctx, "EXISTS (SELECT 1 FROM tracking.run_tags t WHERE t.run_id = r.run_id AND t.key = ? AND t.value = ?)", "team", "nlp"));
            assertThat(ids(runs.where(tag("team").in("nlp", "cv"))))
                    .isEqualTo(sqlRunIds(ctx, "EXISTS (SELECT 1 FROM tracking.run_tags t WHERE t.run_id = r.run_id AND t.key = 'team' AND t.value IN ('nlp', 'cv'))"))
                    .containsExactlyInAnyOrder(a, b);
            assertThat(ids(runs.where(hasTag("team"))))
                    .isEqualTo(sqlRunIds(ctx, "EXISTS (SELECT 1 FROM tracking.run_tags t WHERE t.run_id = r.run_id AND t.key = 'team')"))
                    .containsExactlyInAnyOrder(a, b, c);
            assertThat(ids(runs.where(hasTag("team").and(hasTag("priority").not()))))
                    .isEqualTo(sqlRunIds(ctx, "EXISTS (SELECT 1 FROM tracking.run_tags t WHERE t.run_id = r.run_id AND t.key = 'team')"
                            + " AND NOT EXISTS (SELECT 1 FROM tracking.run_tags t WHERE t.run_id = r.run_id AND t.key = 'priority')"))
                    .containsExactlyInAnyOrder(a, b);
            assertThat(runs.where(tag("team").eq("nlp").and(modelName().eq("tags-filter-b"))).count()).isZero();
            return null;
        });
    }

    @Test
    void tagValuesAreBoundNeverConcatenated() {
        Runs runs = Registry.configure().dataSource(dataSource()).load().runs();
        RunSearch search = runs.where(tag("team").eq("x' OR '1'='1"));
        assertThat(search.asSelect().getSQL()).doesNotContain("x'").doesNotContain("'team'").contains("?");
        assertThat(search.count()).isZero();
    }

    @Test
    void limitsAreRefusedTypedNamingFieldShortenedValueAndRuleWithNothingWritten() {
        withRollback(registry -> {
            RunTags tags = registry.runs().tags();
            UUID run = registry.runs().submit(newRun("tags-limits")).runId();

            InvalidValueException longKey = catchThrowableOfType(InvalidValueException.class,
                    () -> tags.set(run, "k".repeat(129), "v"));
            assertThat(longKey.field()).isEqualTo("tag_key");
            assertThat(longKey.value()).isEqualTo("k".repeat(64) + "…(129 chars)");
            assertThat(longKey.rule()).isEqualTo("must have 1 to 128 characters, each a letter, digit or one of _ . : / -");

            assertThat(catchThrowableOfType(InvalidValueException.class, () -> tags.set(run, "team name", "v")).field())
                    .isEqualTo("tag_key");
            assertThat(catchThrowableOfType(InvalidValueException.class, () -> tags.set(run, "", "v")).field())
                    .isEqualTo("tag_key");

            InvalidValueException longValue = catchThrowableOfType(InvalidValueException.class,
                    () -> tags.set(run, "team", "v".repeat(1025)));
            assertThat(longValue.field()).isEqualTo("tag_value");
            assertThat(longValue.value()).isEqualTo("v".repeat(64) + "…(1025 chars)");
            assertThat(longValue.rule()).isEqualTo("must have at most 1024 characters");

            InvalidValueException nul = catchThrowableOfType(InvalidValueException.class,
                    () -> tags.set(run, "team", "nlp\u0000"));
            assertThat(nul.field()).isEqualTo("tag_value");
            assertThat(nul.value()).isEqualTo("nlp\\u0000");
            assertThat(nul.rule()).isEqualTo("must not contain control characters (found U+0000 at index 3)");

            InvalidValueException newline = catchThrowableOfType(InvalidValueException.class,
                    () -> tags.set(run, "team", "a\nb"));
            assertThat(newline.rule()).isEqualTo("must not contain control characters (found U+000A at index 1)");

            assertThat(catchThrowableOfType(InvalidValueException.class, () -> tags.set(run, "team", null)).rule())
                    .isEqualTo("must not be null");
            assertThat(catchThrowableOfType(InvalidValueException.class, () -> tag("bad key")).field()).isEqualTo("tag_key");
            assertThat(catchThrowableOfType(InvalidValueException.class, () -> hasTag("")).field()).isEqualTo("tag_key");

            assertThat(tags.set(run, "k".repeat(128), "v".repeat(1024)).key()).hasSize(128);
            assertThat(registry.dsl().fetchCount(RUN_TAGS, RUN_TAGS.RUN_ID.eq(run))).isEqualTo(1);
            return null;
        });
    }

    @Test
    void theDatabaseRefusesWhatJavaRefuses() {
        withRollback(registry -> {
            UUID run = registry.runs().submit(newRun("tags-db")).runId();
            assertThat(catchThrowableOfType(org.jooq.exception.DataAccessException.class, () -> registry.dsl()
                    .execute("INSERT INTO tracking.run_tags (run_id, key, value) VALUES (?, 'a b', 'v')", run)))
                    .hasMessageContaining("valid_tag_key");
            return null;
        });
    }
}
