package org.mlregistry.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/** V42's tables beside lab 01's: their CHECKs refuse by name what the Java API refuses first. */
class TrackingExtensionsConstraintsTest extends DatabaseTest {

    private static UUID run(DSLContext ctx) {
        return ctx.fetchOne("""
                INSERT INTO tracking.training_runs (model_name, framework, experiment_name, dataset, compute_target)
                VALUES ('v42-model', 'pytorch', 'v42-exp-' || gen_random_uuid(), 'v42-ds', 'v42-target') RETURNING run_id
                """).get(0, UUID.class);
    }

    private static void tag(DSLContext ctx, String key, String value) {
        ctx.execute("INSERT INTO tracking.run_tags (run_id, key, value) VALUES (?, ?, ?)", run(ctx), key, value);
    }

    @Test
    void tagKeysAreOneTo128LettersDigitsAndSomePunctuation() {
        assertAccepted(ctx -> tag(ctx, "k".repeat(128), "v"));
        assertAccepted(ctx -> tag(ctx, "mlflow.source:git/branch-name_1", ""));
        assertRefusedBy("valid_tag_key", ctx -> tag(ctx, "k".repeat(129), "v"));
        assertRefusedBy("valid_tag_key", ctx -> tag(ctx, "", "v"));
        assertRefusedBy("valid_tag_key", ctx -> tag(ctx, "team name", "v"));
    }

    @Test
    void tagValuesHaveAtMost1024CharactersAndNoControlCharacters() {
        assertAccepted(ctx -> tag(ctx, "k", "é".repeat(1024)));
        assertRefusedBy("valid_tag_value", ctx -> tag(ctx, "k", "v".repeat(1025)));
        assertRefusedBy("valid_tag_value", ctx -> tag(ctx, "k", "a\nb"));
        assertRefusedBy("valid_tag_value", ctx -> tag(ctx, "k", "a\u0085b"));
    }

    @Test
    void sweepAndFrameworkNamesFollowTheirRules() {
        String insertSweep = """
                INSERT INTO tracking.sweeps (sweep_name, experiment_name, model_name, framework, framework_name, dataset, compute_target)
                VALUES (?, 'v42-exp', 'm', ?, ?, 'd', 't')""";
        assertAccepted(ctx -> ctx.execute(insertSweep, "lr-search.v2", "xgboost", "lightgbm"));
        assertRefusedBy("valid_sweep_name", ctx -> ctx.execute(insertSweep, "-lead", "xgboost", null));
        assertRefusedBy("valid_sweep_framework", ctx -> ctx.execute(insertSweep, "s", "lightgbm", null));
        assertRefusedBy("valid_sweep_framework_name", ctx -> ctx.execute(insertSweep, "s", "xgboost", "LightGBM"));
        assertRefusedBy("unique_sweep_name", ctx -> {
            ctx.execute(insertSweep, "twice", "jax", null);
            ctx.execute(insertSweep, "twice", "jax", null);
        });
        assertRefusedBy("valid_framework_name", ctx -> ctx.execute(
                "INSERT INTO tracking.run_frameworks (run_id, framework_name) VALUES (?, 'Hugging Face')", run(ctx)));
    }

    @Test
    void deletingARunDeletesItsTagsTrialLinkAndFrameworkName() {
        rolledBack(ctx -> {
            UUID run = run(ctx);
            UUID sweep = ctx.fetchOne("""
                    INSERT INTO tracking.sweeps (sweep_name, experiment_name, model_name, framework, dataset, compute_target)
                    VALUES ('cascade', 'v42-exp', 'm', 'jax', 'd', 't') RETURNING sweep_id""").get(0, UUID.class);
            ctx.execute("INSERT INTO tracking.run_tags (run_id, key, value) VALUES (?, 'team', 'nlp')", run);
            ctx.execute("INSERT INTO tracking.sweep_trials (sweep_id, trial_number, run_id) VALUES (?, 1, ?)", sweep, run);
            ctx.execute("INSERT INTO tracking.run_frameworks (run_id, framework_name) VALUES (?, 'catboost')", run);

            ctx.execute("DELETE FROM tracking.training_runs WHERE run_id = ?", run);

            assertThat(ctx.fetchOne("""
                    SELECT (SELECT count(*) FROM tracking.run_tags WHERE run_id = ?)
                         + (SELECT count(*) FROM tracking.sweep_trials WHERE run_id = ?)
                         + (SELECT count(*) FROM tracking.run_frameworks WHERE run_id = ?)""", run, run, run).get(0, Long.class))
                    .isZero();
        });
    }
}
