package org.mlregistry.examples.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.mlregistry.examples.LabSamplesTest;

/** Fresh samples are the samples as tracking.sql describes them at the transaction's now(), and go away with it. */
class FreshSamplesTest extends LabSamplesTest {

    /** How long before the transaction's now() the run was created. */
    private static Duration age(DSLContext ctx, String modelName) {
        OffsetDateTime now = ctx.select(currentOffsetDateTime()).fetchSingle().value1();
        OffsetDateTime created = ctx.select(TRAINING_RUNS.CREATED_AT).from(TRAINING_RUNS)
                .where(TRAINING_RUNS.MODEL_NAME.eq(modelName)).fetchSingle().value1();
        return Duration.between(created, now);
    }

    private static List<UUID> runIds(DSLContext ctx) {
        return ctx.select(TRAINING_RUNS.RUN_ID).from(TRAINING_RUNS).orderBy(TRAINING_RUNS.RUN_ID).fetch(TRAINING_RUNS.RUN_ID);
    }

    @Test
    void freshSamplesAreExactlyAsOldAsTheSampleScriptSays() {
        onFreshSamples(ctx -> {
            // tracking.sql: NOW() - INTERVAL '15 minutes', '30 minutes', '6 hours', '12 days'
            assertThat(age(ctx, "reinforcement-learning-ppo")).isEqualTo(Duration.ofMinutes(15));
            assertThat(age(ctx, "speech-recognition-whisper")).isEqualTo(Duration.ofMinutes(30));
            assertThat(age(ctx, "llm-fine-tune-mistral")).isEqualTo(Duration.ofHours(6));
            assertThat(age(ctx, "neural-architecture-search")).isEqualTo(Duration.ofDays(12));
            assertThat(ctx.fetchCount(TRAINING_RUNS)).isEqualTo(20);
        });
    }

    @Test
    void theReloadIsRolledBackWithTheTransaction() {
        List<UUID> committed = runIds(db());

        List<UUID> inside = onFreshSamples(ctx -> {
            return runIds(ctx);
        });

        // reloaded rows get new ids (gen_random_uuid()); afterwards the committed ones are back
        assertThat(inside).hasSize(20).doesNotContainAnyElementsOf(committed);
        assertThat(runIds(db())).isEqualTo(committed);
    }
}
