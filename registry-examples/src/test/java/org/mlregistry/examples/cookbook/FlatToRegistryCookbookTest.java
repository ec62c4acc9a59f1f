package org.mlregistry.examples.cookbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.error.UnmigratableRun;
import org.mlregistry.core.migration.FlatToRegistryReport;
import org.mlregistry.schema.DatabaseTest;
import org.mlregistry.schema.types.Framework;

/** The cookbook on lab 01's 20 sample runs, in a transaction that is rolled back. */
class FlatToRegistryCookbookTest extends DatabaseTest {

    @Test
    void migratesTheSampleRunsOnceAndReportsWhatItDid() {
        rolledBack(ctx -> {
            Registry registry = Registry.configure().dsl(ctx).load();

            FlatToRegistryReport first = FlatToRegistryCookbook.migrate(registry, "cookbook");
            FlatToRegistryReport second = FlatToRegistryCookbook.migrate(registry, "cookbook");

            // lab 01's seed: 20 runs of 20 distinct models (one framework each) on 20 datasets
            assertThat(first.runsCreated()).isEqualTo(20);
            assertThat(first.modelsCreated()).isEqualTo(20);
            assertThat(first.versionsCreated()).isEqualTo(20);
            assertThat(first.datasetsCreated()).isEqualTo(20);
            assertThat(first.runDatasetsCreated()).isEqualTo(20);
            assertThat(first.auditRowsCreated()).isEqualTo(80);
            assertThat(first.skipped()).isEmpty();
            assertThat(FlatToRegistryCookbook.summary(first)).startsWith(
                    "tracking runs: 20, migrated now: 20, migrated before: 0, skipped: 0",
                    "created: 20 models, 20 versions, 20 datasets, 20 experiments, 20 run datasets, 80 audit rows");

            assertThat(second.createdNothing()).isTrue();
            assertThat(second.runsAlreadyMigrated()).isEqualTo(20);
        });
    }

    @Test
    void anMxnetRunIsListedAsSkipped() {
        rolledBack(ctx -> {
            ctx.insertInto(TRAINING_RUNS)
                    .set(TRAINING_RUNS.MODEL_NAME, "legacy-mxnet-model")
                    .set(TRAINING_RUNS.FRAMEWORK, Framework.MXNET)
                    .set(TRAINING_RUNS.EXPERIMENT_NAME, "exp-legacy")
                    .set(TRAINING_RUNS.DATASET, "legacy-data")
                    .set(TRAINING_RUNS.COMPUTE_TARGET, "on-premise-cpu")
                    .execute();

            FlatToRegistryReport report = FlatToRegistryCookbook.migrate(Registry.configure().dsl(ctx).load(), "cookbook");

            assertThat(report.runsCreated()).isEqualTo(20);
            assertThat(report.skipped()).singleElement()
                    .satisfies(s -> assertThat(s.reason()).isEqualTo(UnmigratableRun.Reason.UNMAPPED_FRAMEWORK));
            assertThat(FlatToRegistryCookbook.summary(report)).last().asString()
                    .startsWith("skipped ").contains("legacy-mxnet-model: UNMAPPED_FRAMEWORK").contains("mxnet");
        });
    }
}
