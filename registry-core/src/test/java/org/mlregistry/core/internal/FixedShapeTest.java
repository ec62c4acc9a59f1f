package org.mlregistry.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.tracking.NewRun;
import org.mlregistry.core.tracking.Run;
import org.mlregistry.schema.DatabaseTest;
import org.mlregistry.schema.jooq.tracking.tables.records.TrainingRunsRecord;
import org.mlregistry.schema.types.Framework;

/**
 * A statement of fixed shape is built and rendered once per context, then sent with new values:
 * the text is the one jOOQ renders for the same query, the values are bound, and a session with
 * other settings (renamed schemas) keeps text of its own.
 */
class FixedShapeTest extends DatabaseTest {

    private static final FixedShape<TrainingRunsRecord> BY_MODEL_AND_TARGET = FixedShape.of(TRAINING_RUNS,
            ctx -> ctx.selectFrom(TRAINING_RUNS)
                    .where(TRAINING_RUNS.MODEL_NAME.eq(FixedShape.slot(0, TRAINING_RUNS.MODEL_NAME)))
                    .and(TRAINING_RUNS.COMPUTE_TARGET.eq(FixedShape.slot(1, TRAINING_RUNS.COMPUTE_TARGET)))
                    .and(TRAINING_RUNS.DATASET.ne("a constant of the shape, bound ?"))
                    .orderBy(TRAINING_RUNS.CREATED_AT));

    @Test
    void theTextIsWhatJooqRendersForTheSameQueryAndEachCallBindsItsOwnValues() {
        rolledBack(ctx -> {
            List<String> sent = new ArrayList<>();
            DSLContext listened = ctx.configuration().deriveAppending(ExecuteListener.onExecuteStart(e -> sent.add(e.sql()))).dsl();
            Run a = submit(ctx, "shape-a", "gpu-1");
            Run b = submit(ctx, "shape-b", "gpu-2");

            List<UUID> first = BY_MODEL_AND_TARGET.with(listened, "shape-a", "gpu-1").fetch(TRAINING_RUNS.RUN_ID);
            List<UUID> second = BY_MODEL_AND_TARGET.with(listened, "shape-b", "gpu-2").fetch(TRAINING_RUNS.RUN_ID);
            List<UUID> none = BY_MODEL_AND_TARGET.with(listened, "shape-a", "gpu-2").fetch(TRAINING_RUNS.RUN_ID);

            assertThat(first).containsExactly(a.runId());
            assertThat(second).containsExactly(b.runId());
            assertThat(none).isEmpty();
            String rendered = ctx.render(ctx.selectFrom(TRAINING_RUNS)
                    .where(TRAINING_RUNS.MODEL_NAME.eq("x")).and(TRAINING_RUNS.COMPUTE_TARGET.eq("y"))
                    .and(TRAINING_RUNS.DATASET.ne("a constant of the shape, bound ?"))
                    .orderBy(TRAINING_RUNS.CREATED_AT));
            assertThat(sent).containsOnly(rendered).hasSize(3);
        });
    }

    @Test
    void rowsAreReadAsTheTablesRecords() {
        rolledBack(ctx -> {
            Run a = submit(ctx, "shape-rows", "gpu-3");

            TrainingRunsRecord row = BY_MODEL_AND_TARGET.with(ctx, "shape-rows", "gpu-3").fetchSingle();

            assertThat(Run.from(row)).isEqualTo(a);
        });
    }

    @Test
    void aSessionsContextsRenderAShapeOnceAndOtherContextsEveryTime() {
        AtomicInteger builds = new AtomicInteger();
        FixedShape<TrainingRunsRecord> counted = FixedShape.of(TRAINING_RUNS, ctx -> {
            builds.incrementAndGet();
            return ctx.selectFrom(TRAINING_RUNS).where(TRAINING_RUNS.RUN_ID.eq(FixedShape.slot(0, TRAINING_RUNS.RUN_ID)));
        });
        Configuration session = db().configuration().derive();
        FixedShape.cacheIn(session);

        session.dsl().transaction(tx -> {
            counted.with(tx.dsl(), UUID.randomUUID()).fetch();
            counted.with(tx.dsl(), UUID.randomUUID()).fetch();
        });
        counted.with(session.dsl(), UUID.randomUUID()).fetch();
        int bySession = builds.get();
        counted.with(db(), UUID.randomUUID()).fetch();
        counted.with(db(), UUID.randomUUID()).fetch();

        assertThat(bySession).isEqualTo(1);
        assertThat(builds.get()).isEqualTo(3);
    }

    @Test
    void aSessionWithRenamedSchemasRendersItsOwnText() {
        Settings renamed = new Settings().withRenderMapping(new RenderMapping()
                .withSchemata(new MappedSchema().withInput("tracking").withOutput("elsewhere")));
        Configuration plainSession = db().configuration().derive();
        Configuration renamedSession = db().configuration().derive(renamed);
        FixedShape.cacheIn(plainSession);
        FixedShape.cacheIn(renamedSession);

        String plain = BY_MODEL_AND_TARGET.with(plainSession.dsl(), "m", "t").getSQL();
        String mapped = BY_MODEL_AND_TARGET.with(renamedSession.dsl(), "m", "t").getSQL();

        assertThat(plain).contains("from \"tracking\".\"training_runs\"");
        assertThat(mapped).contains("from \"elsewhere\".\"training_runs\"").doesNotContain("\"tracking\"");
        assertThat(BY_MODEL_AND_TARGET.with(plainSession.dsl(), "m", "t").getSQL()).isEqualTo(plain);
    }

    @Test
    void bindMarkersAreFoundOutsideLiteralsAndQuotedNames() {
        assertThat(FixedShape.cutAtBindMarkers("select \"a?\" from t where x = ? and y = 'why?' and z = cast(? as uuid)"))
                .containsExactly("select \"a?\" from t where x = ", " and y = 'why?' and z = cast(", " as uuid)");
        assertThat(FixedShape.cutAtBindMarkers("select 'it''s ?' where j ?? 'k' and v = ?"))
                .containsExactly("select 'it''s ?' where j ?? 'k' and v = ", "");
    }

    @Test
    void aSlotUsedTwiceIsRefusedWhenTheShapeIsFirstRendered() {
        FixedShape<TrainingRunsRecord> twice = FixedShape.of(TRAINING_RUNS, ctx -> ctx.selectFrom(TRAINING_RUNS)
                .where(TRAINING_RUNS.MODEL_NAME.eq(FixedShape.slot(0, TRAINING_RUNS.MODEL_NAME)))
                .or(TRAINING_RUNS.EXPERIMENT_NAME.eq(FixedShape.slot(0, TRAINING_RUNS.MODEL_NAME))));

        assertThatThrownBy(() -> twice.with(db(), "m"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("a slot appears more than once in a fixed shape");
    }

    private static Run submit(DSLContext ctx, String model, String target) {
        return Registry.configure().dsl(ctx).load().runs().submit(NewRun.builder().model(model).framework(Framework.PYTORCH)
                .experiment("e").dataset("d").computeTarget(target).parameters("{}").build());
    }
}
