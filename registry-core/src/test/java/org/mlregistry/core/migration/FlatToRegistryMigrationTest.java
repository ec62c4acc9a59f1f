package org.mlregistry.core.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mlregistry.schema.jooq.registry.Tables.AUDIT_LOG;
import static org.mlregistry.schema.jooq.registry.Tables.DATASETS;
import static org.mlregistry.schema.jooq.registry.Tables.EXPERIMENTS;
import static org.mlregistry.schema.jooq.registry.Tables.MODELS;
import static org.mlregistry.schema.jooq.registry.Tables.MODEL_VERSIONS;
import static org.mlregistry.schema.jooq.registry.Tables.RUN_DATASETS;
import static org.mlregistry.schema.jooq.registry.Tables.TEAMS;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.error.ConstraintViolationException;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.MigrationRefusedException;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.core.error.UnmigratableRun;
import org.mlregistry.core.models.NewModel;
import org.mlregistry.core.models.NewVersion;
import org.mlregistry.schema.DatabaseTest;
import org.mlregistry.schema.jooq.registry.tables.records.TrainingRunsRecord;
import org.mlregistry.schema.types.AuditEntityType;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.ModelFramework;

/**
 * Lab 02's challenge 3 on lab 01's 20 sample runs: what the migration creates, integrity afterwards
 * (counts, no orphans, values row by row), idempotence, skipped and refused runs, rollback.
 */
class FlatToRegistryMigrationTest extends DatabaseTest {

    private static final org.mlregistry.schema.jooq.tracking.tables.TrainingRuns SRC =
            org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;
    private static final org.mlregistry.schema.jooq.registry.tables.TrainingRuns DST =
            org.mlregistry.schema.jooq.registry.Tables.TRAINING_RUNS;

    /** The tables the migration writes, counted. */
    private static Map<String, Integer> counts(DSLContext ctx) {
        List<Table<?>> tables = List.of(MODELS, MODEL_VERSIONS, DATASETS, EXPERIMENTS, DST, RUN_DATASETS, AUDIT_LOG);
        return tables.stream().collect(java.util.stream.Collectors.toMap(Table::getName, ctx::fetchCount));
    }

    private static Registry registry(DSLContext ctx) {
        return Registry.configure().dsl(ctx).load();
    }

    private static UUID insertTrackingRun(DSLContext ctx, String model, Framework framework, String dataset) {
        return ctx.insertInto(SRC)
                .set(SRC.MODEL_NAME, model)
                .set(SRC.FRAMEWORK, framework)
                .set(SRC.EXPERIMENT_NAME, "exp-added-by-test-" + framework.getLiteral())
                .set(SRC.DATASET, dataset)
                .set(SRC.COMPUTE_TARGET, "local")
                .returningResult(SRC.RUN_ID)
                .fetchSingle(SRC.RUN_ID);
    }

    @Test
    void migratesTheSampleRunsAndTheRegistryMatchesTrackingRowByRow() {
        rolledBack(ctx -> {
            Map<String, Integer> before = counts(ctx);
            FlatToRegistryReport report = registry(ctx).migrations().flatRunsToRegistry().actor("alice").run();

            int distinctModels = ctx.fetchValue(DSL.select(DSL.countDistinct(SRC.MODEL_NAME)).from(SRC));
            int distinctDatasets = ctx.fetchValue(DSL.select(DSL.countDistinct(SRC.DATASET)).from(SRC));
            int modelFrameworks = ctx.fetchValue(DSL.select(DSL.countDistinct(SRC.MODEL_NAME, SRC.FRAMEWORK)).from(SRC));
            int experiments = ctx.fetchValue(DSL.select(DSL.countDistinct(SRC.MODEL_NAME, SRC.EXPERIMENT_NAME)).from(SRC));
            assertThat(report.trackingRuns()).isEqualTo(20);
            assertThat(report.skipped()).isEmpty();
            assertThat(report.runsCreated()).isEqualTo(20);
            assertThat(report.runsAlreadyMigrated()).isZero();
            assertThat(report.modelsCreated()).isEqualTo(distinctModels);
            assertThat(report.datasetsCreated()).isEqualTo(distinctDatasets);
            assertThat(report.versionsCreated()).isEqualTo(modelFrameworks);
            assertThat(report.experimentsCreated()).isEqualTo(experiments);
            assertThat(report.runDatasetsCreated()).isEqualTo(20);
            assertThat(report.modelsReused() + report.versionsReused() + report.datasetsReused()).isZero();
            assertThat(report.auditRowsCreated())
                    .isEqualTo(distinctModels + modelFrameworks + distinctDatasets + 20);

            // counts match: the tables grew by exactly what the report says
            Map<String, Integer> after = counts(ctx);
            assertThat(after.get("models") - before.get("models")).isEqualTo(distinctModels);
            assertThat(after.get("model_versions") - before.get("model_versions")).isEqualTo(modelFrameworks);
            assertThat(after.get("datasets") - before.get("datasets")).isEqualTo(distinctDatasets);
            assertThat(after.get("experiments") - before.get("experiments")).isEqualTo(experiments);
            assertThat(after.get("training_runs") - before.get("training_runs")).isEqualTo(20);
            assertThat(after.get("run_datasets") - before.get("run_datasets")).isEqualTo(20);
            assertThat(after.get("audit_log") - before.get("audit_log")).isEqualTo(report.auditRowsCreated());

            // every tracking run has exactly one registry run with its run_id
            assertThat(ctx.fetchCount(DSL.select(SRC.RUN_ID).from(SRC).join(DST).on(DST.RUN_ID.eq(SRC.RUN_ID)))).isEqualTo(20);
            // no orphans: every registry run has a version and a model, every run_datasets row a run and a dataset
            assertThat(ctx.fetchCount(DSL.selectOne().from(DST)
                    .leftJoin(MODEL_VERSIONS).on(MODEL_VERSIONS.VERSION_ID.eq(DST.VERSION_ID))
                    .leftJoin(MODELS).on(MODELS.MODEL_ID.eq(MODEL_VERSIONS.MODEL_ID))
                    .where(MODELS.MODEL_ID.isNull()))).isZero();
            assertThat(ctx.fetchCount(DSL.selectOne().from(RUN_DATASETS)
                    .leftJoin(DST).on(DST.RUN_ID.eq(RUN_DATASETS.RUN_ID))
                    .leftJoin(DATASETS).on(DATASETS.DATASET_ID.eq(RUN_DATASETS.DATASET_ID))
                    .where(DST.RUN_ID.isNull().or(DATASETS.DATASET_ID.isNull())))).isZero();

            // row by row: model, framework, dataset (role training), experiment, metrics, compute, timestamps, notes
            var rows = ctx.select(SRC.asterisk(), MODELS.MODEL_NAME, MODEL_VERSIONS.FRAMEWORK, MODEL_VERSIONS.SEMVER,
                            MODEL_VERSIONS.ARTIFACT_URI, DATASETS.DATASET_NAME, RUN_DATASETS.DATASET_ROLE,
                            EXPERIMENTS.EXPERIMENT_NAME)
                    .from(SRC)
                    .join(DST).on(DST.RUN_ID.eq(SRC.RUN_ID))
                    .join(MODEL_VERSIONS).on(MODEL_VERSIONS.VERSION_ID.eq(DST.VERSION_ID))
                    .join(MODELS).on(MODELS.MODEL_ID.eq(MODEL_VERSIONS.MODEL_ID))
                    .join(RUN_DATASETS).on(RUN_DATASETS.RUN_ID.eq(DST.RUN_ID))
                    .join(DATASETS).on(DATASETS.DATASET_ID.eq(RUN_DATASETS.DATASET_ID))
                    .join(EXPERIMENTS).on(EXPERIMENTS.EXPERIMENT_ID.eq(DST.EXPERIMENT_ID))
                    .fetch();
            assertThat(rows).hasSize(20);
            Map<UUID, TrainingRunsRecord> migrated = ctx.selectFrom(DST).where(DST.RUN_ID.in(rows.getValues(SRC.RUN_ID)))
                    .fetchMap(DST.RUN_ID);
            for (Record row : rows) {
                var src = row.into(SRC);
                TrainingRunsRecord dst = migrated.get(src.getRunId());
                String at = "run " + src.getRunId() + " (" + src.getModelName() + ")";
                assertThat(row.get(MODELS.MODEL_NAME)).as(at).isEqualTo(src.getModelName());
                assertThat(row.get(MODEL_VERSIONS.FRAMEWORK).getLiteral()).as(at).isEqualTo(src.getFramework().getLiteral());
                assertThat(row.get(MODEL_VERSIONS.SEMVER)).as(at).isEqualTo("1.0.0");
                assertThat(row.get(MODEL_VERSIONS.ARTIFACT_URI)).as(at).isEqualTo("migrated://tracking/" + src.getModelName() + "/1.0.0");
                assertThat(row.get(DATASETS.DATASET_NAME)).as(at).isEqualTo(src.getDataset());
                assertThat(row.get(RUN_DATASETS.DATASET_ROLE).getLiteral()).as(at).isEqualTo("training");
                assertThat(row.get(EXPERIMENTS.EXPERIMENT_NAME)).as(at).isEqualTo(src.getExperimentName());
                assertThat(dst.getExperimentName()).as(at).isEqualTo(src.getExperimentName());
                assertThat(dst.getStatus()).as(at).isEqualTo(src.getStatus());
                assertNumber(at + " accuracy", dst.getAccuracy(), src.getAccuracy());
                assertNumber(at + " precision", dst.getPrecisionScore(), src.getPrecisionScore());
                assertNumber(at + " recall", dst.getRecallScore(), src.getRecallScore());
                assertNumber(at + " f1", dst.getF1Score(), src.getF1Score());
                assertNumber(at + " loss", dst.getLoss(), src.getLoss());
                assertNumber(at + " gpu_hours", dst.getGpuHours(), src.getGpuHours());
                assertNumber(at + " cpu_hours", dst.getCpuHours(), src.getCpuHours());
                assertThat(dst.getHyperparameters()).as(at).isEqualTo(src.getParameters());
                assertThat(dst.getComputeTarget()).as(at).isEqualTo(src.getComputeTarget());
                assertThat(dst.getCreatedAt()).as(at).isEqualTo(src.getCreatedAt());
                assertThat(dst.getStartedAt()).as(at).isEqualTo(src.getStartedAt());
                assertThat(dst.getCompletedAt()).as(at).isEqualTo(src.getCompletedAt());
                assertThat(dst.getNotes()).as(at).isEqualTo(src.getNotes());
                assertThat(dst.getStartedBy()).as(at).isEqualTo(src.getCreatedBy());
                assertThat(dst.getDurationSeconds()).as(at).isEqualTo(src.getStartedAt() == null || src.getCompletedAt() == null
                        ? null : (int) java.time.Duration.between(src.getStartedAt(), src.getCompletedAt()).getSeconds());
            }
            // the same comparison in SQL, every copied column at once (IS DISTINCT FROM is NULL-safe)
            assertThat(ctx.fetchCount(DSL.selectOne().from(SRC).join(DST).on(DST.RUN_ID.eq(SRC.RUN_ID))
                    .where(DST.ACCURACY.isDistinctFrom(SRC.ACCURACY)
                            .or(DST.PRECISION_SCORE.isDistinctFrom(SRC.PRECISION_SCORE))
                            .or(DST.RECALL_SCORE.isDistinctFrom(SRC.RECALL_SCORE))
                            .or(DST.F1_SCORE.isDistinctFrom(SRC.F1_SCORE))
                            .or(DST.LOSS.isDistinctFrom(SRC.LOSS))
                            .or(DST.GPU_HOURS.isDistinctFrom(SRC.GPU_HOURS))
                            .or(DST.CPU_HOURS.isDistinctFrom(SRC.CPU_HOURS))
                            .or(DST.HYPERPARAMETERS.isDistinctFrom(SRC.PARAMETERS))
                            .or(DST.STATUS.isDistinctFrom(SRC.STATUS))
                            .or(DST.CREATED_AT.isDistinctFrom(SRC.CREATED_AT))
                            .or(DST.STARTED_AT.isDistinctFrom(SRC.STARTED_AT))
                            .or(DST.COMPLETED_AT.isDistinctFrom(SRC.COMPLETED_AT))
                            .or(DST.NOTES.isDistinctFrom(SRC.NOTES))))).isZero();

            // derived values and placeholders
            assertThat(ctx.select(MODELS.DISPLAY_NAME, MODELS.CREATED_BY).from(MODELS)
                    .where(MODELS.MODEL_NAME.eq("resnet50-classification")).fetchSingle().intoArray())
                    .containsExactly("Resnet50 Classification", "alice");
            assertThat(ctx.fetchValue(DSL.select(DATASETS.STORAGE_LOCATION).from(DATASETS)
                    .where(DATASETS.DATASET_NAME.eq("imagenet-1k")))).isEqualTo("migrated://tracking/datasets/imagenet-1k");

            // audit: one row per created model, version, dataset and run, by the actor
            assertThat(ctx.select(AUDIT_LOG.ENTITY_TYPE, DSL.count()).from(AUDIT_LOG)
                    .where(AUDIT_LOG.ACTION.eq("migrate")).and(AUDIT_LOG.ACTOR.eq("alice"))
                    .groupBy(AUDIT_LOG.ENTITY_TYPE).fetchMap(AUDIT_LOG.ENTITY_TYPE, DSL.count()))
                    .containsOnly(Map.entry(AuditEntityType.MODEL, distinctModels), Map.entry(AuditEntityType.VERSION, modelFrameworks),
                            Map.entry(AuditEntityType.DATASET, distinctDatasets), Map.entry(AuditEntityType.TRAINING_RUN, 20));
            assertThat(ctx.fetchValue(DSL.select(DSL.field("after_state->>'migrated_from'", String.class)).from(AUDIT_LOG)
                    .where(AUDIT_LOG.ACTION.eq("migrate")).limit(1))).isEqualTo("tracking.training_runs");
        });
    }

    private static void assertNumber(String what, BigDecimal actual, BigDecimal expected) {
        if (expected == null) {
            assertThat(actual).as(what).isNull();
        } else {
            assertThat(actual).as(what).isEqualByComparingTo(expected);
        }
    }

    @Test
    void secondRunAddsNothing() {
        rolledBack(ctx -> {
            Registry registry = registry(ctx);
            FlatToRegistryReport first = registry.migrations().flatRunsToRegistry().actor("alice").run();
            Map<String, Integer> afterFirst = counts(ctx);
            FlatToRegistryReport second = registry.migrations().flatRunsToRegistry().actor("bob").run();

            assertThat(first.runsCreated()).isEqualTo(20);
            assertThat(second.createdNothing()).isTrue();
            assertThat(second).isEqualTo(new FlatToRegistryReport(20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, List.of()));
            assertThat(counts(ctx)).isEqualTo(afterFirst);
        });
    }

    @Test
    void newTrackingRunsLaterJoinTheirModelVersionAndDataset() {
        rolledBack(ctx -> {
            Registry registry = registry(ctx);
            registry.migrations().flatRunsToRegistry().actor("alice").run();
            UUID added = insertTrackingRun(ctx, "resnet50-classification", Framework.PYTORCH, "imagenet-1k");
            UUID otherFramework = insertTrackingRun(ctx, "resnet50-classification", Framework.JAX, "imagenet-1k");

            FlatToRegistryReport report = registry.migrations().flatRunsToRegistry().actor("alice").run();

            assertThat(report.runsCreated()).isEqualTo(2);
            assertThat(report.runsAlreadyMigrated()).isEqualTo(20);
            assertThat(report.modelsCreated()).isZero();
            assertThat(report.modelsReused()).isEqualTo(1);
            assertThat(report.datasetsReused()).isEqualTo(1);
            assertThat(report.versionsReused()).isEqualTo(1);
            assertThat(report.versionsCreated()).isEqualTo(1);
            assertThat(report.experimentsCreated()).isEqualTo(2);
            assertThat(semverOf(ctx, added)).isEqualTo("1.0.0");
            // a second framework of the model: the next major version
            assertThat(semverOf(ctx, otherFramework)).isEqualTo("2.0.0");
        });
    }

    private static String semverOf(DSLContext ctx, UUID runId) {
        return ctx.fetchValue(DSL.select(MODEL_VERSIONS.SEMVER).from(DST).join(MODEL_VERSIONS)
                .on(MODEL_VERSIONS.VERSION_ID.eq(DST.VERSION_ID)).where(DST.RUN_ID.eq(runId)));
    }

    @Test
    void existingModelIsReusedAndGetsTheNextMajorVersionAndTheDefaultTeamOnlyGoesToCreatedRows() {
        rolledBack(ctx -> {
            Registry registry = registry(ctx);
            var models = registry.models().actor("carol");
            var model = models.catalog().createModel(NewModel.of("resnet50-classification", "ResNet-50 (API)"));
            models.versions().register(NewVersion.of(model.modelId(), "1.0.0", "s3://models/resnet/1.0.0", ModelFramework.PYTORCH));
            UUID team = models.catalog().createTeam("migration-team", null).teamId();

            FlatToRegistryReport report = registry.migrations().flatRunsToRegistry().actor("alice").team(team).run();

            assertThat(report.modelsReused()).isEqualTo(1);
            assertThat(report.modelsCreated()).isEqualTo(19);
            assertThat(ctx.select(MODEL_VERSIONS.SEMVER).from(MODEL_VERSIONS).where(MODEL_VERSIONS.MODEL_ID.eq(model.modelId()))
                    .orderBy(MODEL_VERSIONS.SEMVER).fetch(MODEL_VERSIONS.SEMVER)).containsExactly("1.0.0", "2.0.0");
            assertThat(ctx.fetchValue(DSL.select(MODELS.DISPLAY_NAME).from(MODELS).where(MODELS.MODEL_ID.eq(model.modelId()))))
                    .isEqualTo("ResNet-50 (API)");
            assertThat(ctx.fetchValue(DSL.select(MODELS.TEAM_ID).from(MODELS).where(MODELS.MODEL_ID.eq(model.modelId())))).isNull();
            assertThat(ctx.fetchValue(DSL.select(MODELS.TEAM_ID).from(MODELS).where(MODELS.MODEL_NAME.eq("bert-sentiment-analysis"))))
                    .isEqualTo(team);
            assertThat(ctx.fetchValue(DSL.select(DATASETS.TEAM_ID).from(DATASETS).where(DATASETS.DATASET_NAME.eq("imdb-reviews"))))
                    .isEqualTo(team);
        });
    }

    @Test
    void mxnetInvalidNamesAndArchivedRunsAreSkippedWithReasons() {
        rolledBack(ctx -> {
            UUID mxnet = insertTrackingRun(ctx, "mxnet-legacy-model", Framework.MXNET, "legacy-data");
            UUID badModel = insertTrackingRun(ctx, "My_Model", Framework.PYTORCH, "legacy-data");
            UUID badDataset = insertTrackingRun(ctx, "dataset-name-model", Framework.SKLEARN, "ImageNet 1K");
            UUID archived = ctx.update(SRC).set(SRC.ARCHIVED_AT, DSL.currentOffsetDateTime())
                    .where(SRC.MODEL_NAME.eq("neural-architecture-search")).returningResult(SRC.RUN_ID).fetchSingle(SRC.RUN_ID);

            FlatToRegistryReport report = registry(ctx).migrations().flatRunsToRegistry().actor("alice").run();

            assertThat(report.trackingRuns()).isEqualTo(23);
            assertThat(report.runsCreated()).isEqualTo(19);
            assertThat(report.skipped()).extracting(UnmigratableRun::runId, UnmigratableRun::reason).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple(mxnet, UnmigratableRun.Reason.UNMAPPED_FRAMEWORK),
                    org.assertj.core.groups.Tuple.tuple(badModel, UnmigratableRun.Reason.INVALID_MODEL_NAME),
                    org.assertj.core.groups.Tuple.tuple(badDataset, UnmigratableRun.Reason.INVALID_DATASET_NAME),
                    org.assertj.core.groups.Tuple.tuple(archived, UnmigratableRun.Reason.ARCHIVED));
            assertThat(report.skipped()).filteredOn(s -> s.reason() == UnmigratableRun.Reason.UNMAPPED_FRAMEWORK)
                    .singleElement().satisfies(s -> assertThat(s.detail()).contains("mxnet"));
            assertThat(ctx.fetchCount(DST, DST.RUN_ID.in(mxnet, badModel, badDataset, archived))).isZero();
            // nothing of a skipped run is created: no model, no dataset
            assertThat(ctx.fetchCount(MODELS, MODELS.MODEL_NAME.in("mxnet-legacy-model", "My_Model", "dataset-name-model",
                    "neural-architecture-search"))).isZero();
            assertThat(ctx.fetchCount(DATASETS, DATASETS.DATASET_NAME.in("legacy-data", "cifar-100"))).isZero();

            // once archived runs are included, the archived one follows; the others stay skipped
            FlatToRegistryReport again = registry(ctx).migrations().flatRunsToRegistry().actor("alice").includeArchived().run();
            assertThat(again.runsCreated()).isEqualTo(1);
            assertThat(again.runsAlreadyMigrated()).isEqualTo(19);
            assertThat(again.skipped()).extracting(UnmigratableRun::reason).containsExactlyInAnyOrder(
                    UnmigratableRun.Reason.UNMAPPED_FRAMEWORK, UnmigratableRun.Reason.INVALID_MODEL_NAME, UnmigratableRun.Reason.INVALID_DATASET_NAME);
        });
    }

    @Test
    void strictMigrationRefusesAndWritesNothing() {
        rolledBack(ctx -> {
            UUID mxnet = insertTrackingRun(ctx, "mxnet-legacy-model", Framework.MXNET, "legacy-data");
            Map<String, Integer> before = counts(ctx);

            MigrationRefusedException refused = catchThrowableOfType(
                    () -> registry(ctx).migrations().flatRunsToRegistry().actor("alice").strict().run(),
                    MigrationRefusedException.class);

            assertThat(refused).isNotNull();
            assertThat(refused.unmigratable()).singleElement().satisfies(s -> {
                assertThat(s.runId()).isEqualTo(mxnet);
                assertThat(s.reason()).isEqualTo(UnmigratableRun.Reason.UNMAPPED_FRAMEWORK);
            });
            assertThat(refused).hasMessageContaining("mxnet").hasMessageContaining("nothing was written");
            assertThat(counts(ctx)).isEqualTo(before);

            // without mxnet, strict migrates everything
            ctx.deleteFrom(SRC).where(SRC.RUN_ID.eq(mxnet)).execute();
            assertThat(registry(ctx).migrations().flatRunsToRegistry().actor("alice").strict().run().runsCreated()).isEqualTo(20);
        });
    }

    @Test
    void failureMidWayRollsBackEveryRowOfTheMigration() {
        rolledBack(ctx -> {
            // a rule only this transaction knows: the registry refuses the GAN run (one of the later runs)
            ctx.execute("ALTER TABLE registry.training_runs ADD CONSTRAINT test_refuse_gan "
                    + "CHECK (experiment_name <> 'exp-stylegan3-highres') NOT VALID");
            Map<String, Integer> before = counts(ctx);

            ConstraintViolationException refused = catchThrowableOfType(
                    () -> registry(ctx).migrations().flatRunsToRegistry().actor("alice").run(),
                    ConstraintViolationException.class);

            assertThat(refused).isNotNull();
            assertThat(refused.constraint()).isEqualTo("test_refuse_gan");
            assertThat(counts(ctx)).isEqualTo(before);
            assertThat(ctx.fetchCount(MODELS, MODELS.MODEL_NAME.eq("resnet50-classification"))).isZero();
            assertThat(ctx.fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("migrate"))).isZero();
        });
    }

    @Test
    void refusesWithoutActorOrWithAnUnknownTeam() {
        rolledBack(ctx -> {
            Registry registry = registry(ctx);
            assertThat(catchThrowableOfType(() -> registry.migrations().flatRunsToRegistry().run(),
                    InvalidValueException.class).field()).isEqualTo("actor");
            assertThat(catchThrowableOfType(() -> registry.migrations().flatRunsToRegistry().actor(" "),
                    InvalidValueException.class).field()).isEqualTo("actor");
            UUID unknown = UUID.randomUUID();
            NotFoundException notFound = catchThrowableOfType(
                    () -> registry.migrations().flatRunsToRegistry().actor("alice").team(unknown).run(),
                    NotFoundException.class);
            assertThat(notFound.id()).isEqualTo(unknown);
            assertThat(ctx.fetchCount(DST, DST.RUN_ID.in(DSL.select(SRC.RUN_ID).from(SRC)))).isZero();
            assertThat(ctx.fetchCount(TEAMS, TEAMS.TEAM_ID.eq(unknown))).isZero();
        });
    }

    @Test
    void frameworkMappingAndNames() {
        assertThat(FlatToRegistryMigration.framework(Framework.MXNET)).isEmpty();
        for (Framework f : Framework.values()) {
            if (f != Framework.MXNET) {
                assertThat(FlatToRegistryMigration.framework(f)).contains(ModelFramework.valueOf(f.name()));
            }
        }
        assertThat(FlatToRegistryMigration.displayName("imagenet-1k")).isEqualTo("Imagenet 1k");
        assertThat(FlatToRegistryMigration.displayName("laion_400m-subset")).isEqualTo("Laion 400m Subset");
        assertThat(FlatToRegistryMigration.artifactUri("m", "1.0.0")).isEqualTo("migrated://tracking/m/1.0.0");
    }
}
