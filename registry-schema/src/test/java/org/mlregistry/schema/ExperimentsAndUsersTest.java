package org.mlregistry.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlregistry.schema.jooq.registry.Tables.DEPLOYMENTS;
import static org.mlregistry.schema.jooq.registry.Tables.EXPERIMENTS;
import static org.mlregistry.schema.jooq.registry.Tables.MODELS;
import static org.mlregistry.schema.jooq.registry.Tables.TRAINING_RUNS;
import static org.mlregistry.schema.jooq.registry.Tables.USERS;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/** Lab 02, challenge 1 (V20): users, experiments grouping runs, models linked to their creator. */
class ExperimentsAndUsersTest extends DatabaseTest {

    private static UUID user(DSLContext ctx, String username, String email, String role) {
        return ctx.insertInto(USERS, USERS.USERNAME, USERS.EMAIL, USERS.USER_ROLE)
                .values(username, email, role)
                .returning(USERS.USER_ID).fetchOne(USERS.USER_ID);
    }

    private static UUID model(DSLContext ctx, String name) {
        return ctx.select(MODELS.MODEL_ID).from(MODELS).where(MODELS.MODEL_NAME.eq(name)).fetchOne(MODELS.MODEL_ID);
    }

    private static UUID experiment(DSLContext ctx, String name, String status, OffsetDateTime completedAt) {
        return ctx.insertInto(EXPERIMENTS, EXPERIMENTS.MODEL_ID, EXPERIMENTS.EXPERIMENT_NAME, EXPERIMENTS.STATUS,
                        EXPERIMENTS.COMPLETED_AT)
                .values(model(ctx, "sentiment-classifier"), name, status, completedAt)
                .returning(EXPERIMENTS.EXPERIMENT_ID).fetchOne(EXPERIMENTS.EXPERIMENT_ID);
    }

    @Test
    void usersNeedAValidUniqueNameAndEmailAndAKnownRole() {
        assertAccepted(ctx -> user(ctx, "test.user", "test.user@example.org", "ml-engineer"));
        assertRefusedBy("valid_username", ctx -> user(ctx, "Test User", "test@example.org", "viewer"));
        assertRefusedBy("valid_user_email", ctx -> user(ctx, "tester", "test-at-example.org", "viewer"));
        assertRefusedBy("valid_user_role", ctx -> user(ctx, "tester", "test@example.org", "superuser"));
        assertRefusedBy("unique_username", ctx -> {
            user(ctx, "tester", "test@example.org", "viewer");
            user(ctx, "tester", "test2@example.org", "viewer");
        });
        assertRefusedBy("unique_user_email", ctx -> {
            user(ctx, "tester", "test@example.org", "viewer");
            user(ctx, "tester2", "test@example.org", "viewer");
        });
    }

    @Test
    void aUserIsAViewerUnlessToldOtherwise() {
        rolledBack(ctx -> {
            UUID id = ctx.insertInto(USERS, USERS.USERNAME, USERS.EMAIL).values("viewer.only", "viewer@example.org")
                    .returning(USERS.USER_ID).fetchOne(USERS.USER_ID);
            var row = ctx.selectFrom(USERS).where(USERS.USER_ID.eq(id)).fetchOne();
            assertThat(row.getUserRole()).isEqualTo("viewer");
            assertThat(row.getIsActive()).isTrue();
        });
    }

    @Test
    void anExperimentIsCompletedOrAbandonedExactlyWhenItHasACompletionTime() {
        assertAccepted(ctx -> experiment(ctx, "active-one", "active", null));
        assertAccepted(ctx -> experiment(ctx, "done", "completed", OffsetDateTime.now().minusDays(1)));
        assertRefusedBy("experiment_completed_timestamp", ctx -> experiment(ctx, "done", "completed", null));
        assertRefusedBy("experiment_completed_timestamp",
                ctx -> experiment(ctx, "active-one", "active", OffsetDateTime.now().minusDays(1)));
        assertRefusedBy("valid_experiment_status", ctx -> experiment(ctx, "x", "paused", OffsetDateTime.now()));
        assertRefusedBy("unique_experiment_per_model", ctx -> {
            experiment(ctx, "same", "active", null);
            experiment(ctx, "same", "active", null);
        });
    }

    /** Runs join an experiment; deleting the experiment keeps the runs, deleting the model removes it. */
    @Test
    void experimentsGroupRunsAndGoWithTheirModel() {
        rolledBack(ctx -> {
            UUID experiment = experiment(ctx, "test-grouping", "active", null);
            int grouped = ctx.update(TRAINING_RUNS).set(TRAINING_RUNS.EXPERIMENT_ID, experiment)
                    .where(TRAINING_RUNS.EXPERIMENT_NAME.eq("sentiment-baseline")).execute();
            assertThat(grouped).isEqualTo(2);

            ctx.deleteFrom(EXPERIMENTS).where(EXPERIMENTS.EXPERIMENT_ID.eq(experiment)).execute();
            assertThat(ctx.fetchCount(TRAINING_RUNS, TRAINING_RUNS.EXPERIMENT_NAME.eq("sentiment-baseline")
                    .and(TRAINING_RUNS.EXPERIMENT_ID.isNull()))).isEqualTo(2);
        });
        rolledBack(ctx -> {
            UUID experiment = experiment(ctx, "test-cascade", "active", null);
            int before = ctx.fetchCount(EXPERIMENTS);
            // the model's versions go with it (CASCADE); its deployments must go first (RESTRICT)
            ctx.deleteFrom(DEPLOYMENTS).execute();
            ctx.deleteFrom(MODELS).where(MODELS.MODEL_NAME.eq("sentiment-classifier")).execute();
            assertThat(ctx.fetchCount(EXPERIMENTS, EXPERIMENTS.EXPERIMENT_ID.eq(experiment))).isZero();
            // test-cascade, sentiment-baseline and sentiment-transformer were sentiment-classifier's
            assertThat(ctx.fetchCount(EXPERIMENTS)).isEqualTo(before - 3);
        });
    }

    /** Models name the registry user who created them; deleting the user keeps the model. */
    @Test
    void modelsLinkToTheirCreator() {
        rolledBack(ctx -> {
            UUID tester = user(ctx, "tester", "test@example.org", "data-scientist");
            ctx.update(MODELS).set(MODELS.CREATED_BY_USER_ID, tester)
                    .where(MODELS.MODEL_NAME.eq("sentiment-classifier")).execute();
            assertThat(ctx.select(USERS.USERNAME).from(MODELS).join(USERS).on(MODELS.CREATED_BY_USER_ID.eq(USERS.USER_ID))
                    .where(MODELS.MODEL_NAME.eq("sentiment-classifier")).fetchOne(USERS.USERNAME)).isEqualTo("tester");

            ctx.deleteFrom(USERS).where(USERS.USER_ID.eq(tester)).execute();
            assertThat(ctx.fetchCount(MODELS, MODELS.MODEL_NAME.eq("sentiment-classifier").and(MODELS.CREATED_BY_USER_ID.isNull())))
                    .isEqualTo(1);
        });
        assertRefusedBy("models_created_by_user_id_fkey", ctx -> ctx.update(MODELS)
                .set(MODELS.CREATED_BY_USER_ID, UUID.randomUUID()).where(MODELS.MODEL_NAME.eq("fraud-detector")).execute());
        assertRefusedBy("training_runs_experiment_id_fkey", ctx -> ctx.update(TRAINING_RUNS)
                .set(TRAINING_RUNS.EXPERIMENT_ID, UUID.randomUUID()).execute());
    }

    @Test
    void theNewTablesAndColumnsAreCommented() {
        assertThat(USERS.getComment()).isEqualTo("People using the registry, for authentication and authorization");
        assertThat(EXPERIMENTS.getComment()).isEqualTo("Groups of related training runs of one model");
        assertThat(MODELS.CREATED_BY_USER_ID.getComment()).startsWith("Registry user who created the model");
        assertThat(TRAINING_RUNS.EXPERIMENT_ID.getComment()).startsWith("Experiment grouping this run");
    }
}
