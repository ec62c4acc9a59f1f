package org.mlregistry.core.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.RolledBackRegistry;
import org.mlregistry.core.error.ConstraintViolationException;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.core.tracking.FrameworkName;
import org.mlregistry.core.tracking.Metrics;
import org.mlregistry.core.tracking.NewRun;
import org.mlregistry.core.tracking.Run;
import org.mlregistry.schema.DatabaseTest;
import org.mlregistry.schema.types.AuditEntityType;
import org.mlregistry.schema.types.DatasetRole;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.ModelFramework;
import org.mlregistry.schema.types.VersionStatus;

class RegisterFromRunTest extends DatabaseTest {

    private static final String ACTOR = "promoter";

    private static <T> T inRollback(Function<Registry, T> work) {
        return RolledBackRegistry.run(db(), work);
    }

    private static NewRun run(String model, String dataset, Framework framework) {
        return NewRun.builder().model(model).framework(framework).experiment("exp-promote").dataset(dataset)
                .computeTarget("target-promote").parameters("{\"lr\": 0.01}").build();
    }

    private static Run succeeded(Registry registry, NewRun spec) {
        UUID id = registry.runs().submit(spec).runId();
        registry.runs().start(id);
        return registry.runs().succeed(id, Metrics.none().withAccuracy(0.9321));
    }

    private static long count(DSLContext ctx, String sql, Object... binds) {
        return ctx.fetchOne(sql, binds).get(0, Long.class);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void theLineageTreeShowsTheRunAndItsDatasetExactlyOnce() {
        inRollback(registry -> {
            Run run = succeeded(registry, run(unique("promo"), unique("promo_ds"), Framework.PYTORCH));
            ModelRegistry models = registry.models().actor(ACTOR);

            ModelVersion version = models.versions().registerFromRun(run.runId(), "1.0.0", "s3://models/promo/1.0.0");

            assertThat(version.framework()).isEqualTo(ModelFramework.PYTORCH);
            assertThat(version.status()).isEqualTo(VersionStatus.REGISTERED);
            assertThat(version.registeredBy()).isEqualTo(ACTOR);
            Lineage.ModelLineage tree = models.lineage().of(version.modelId());
            assertThat(tree.model().modelName()).isEqualTo(run.modelName());
            assertThat(tree.versions()).singleElement().satisfies(v -> {
                assertThat(v.version().versionId()).isEqualTo(version.versionId());
                assertThat(v.runs()).singleElement().satisfies(r -> {
                    assertThat(r.run().runId()).isEqualTo(run.runId());
                    assertThat(r.run().accuracy()).isEqualByComparingTo("0.9321");
                    assertThat(r.run().experimentName()).isEqualTo("exp-promote");
                    assertThat(r.datasets()).singleElement().satisfies(d -> {
                        assertThat(d.role()).isEqualTo(DatasetRole.TRAINING);
                        assertThat(d.dataset().datasetName()).isEqualTo(run.dataset());
                    });
                });
            });
            DSLContext ctx = registry.dsl();
            assertThat(count(ctx, "SELECT count(*) FROM registry.training_runs WHERE run_id = ?", run.runId())).isOne();
            assertThat(count(ctx, "SELECT count(*) FROM registry.run_datasets WHERE run_id = ?", run.runId())).isOne();
            assertThat(models.audit().of(version.versionId())).extracting(AuditEntry::action).containsExactly("register");
            assertThat(models.audit().of(run.runId())).extracting(AuditEntry::entityType, AuditEntry::action)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(AuditEntityType.TRAINING_RUN, "record"));
            assertThat(models.audit().of(version.modelId())).extracting(AuditEntry::action).containsExactly("create");
            return null;
        });
    }

    @Test
    void theMigrationAfterwardsFindsTheRunAlreadyInTheRegistry() {
        inRollback(registry -> {
            Run run = succeeded(registry, run(unique("promo-mig"), unique("promo_ds"), Framework.SKLEARN));
            ModelRegistry models = registry.models().actor(ACTOR);
            ModelVersion version = models.versions().registerFromRun(run.runId(), "2.0.0", "s3://models/promo/2.0.0");

            assertThat(registry.migrations().flatRunsToRegistry().actor(ACTOR).run().runsAlreadyMigrated()).isPositive();

            assertThat(count(registry.dsl(), "SELECT count(*) FROM registry.training_runs WHERE run_id = ?", run.runId())).isOne();
            assertThat(models.lineage().of(version.modelId()).versions()).extracting(v -> v.version().semver()).containsExactly("2.0.0");
            return null;
        });
    }

    @Test
    void anExistingModelAndDatasetAreReused() {
        inRollback(registry -> {
            ModelRegistry models = registry.models().actor(ACTOR);
            Model model = models.catalog().createModel(NewModel.of(unique("promo-existing"), "Existing"));
            Dataset dataset = models.catalog().createDataset(NewDataset.of(unique("promo_ds"), "Existing", "s3://data/x"));
            Run run = succeeded(registry, run(model.modelName(), dataset.datasetName(), Framework.JAX));

            ModelVersion version = models.versions().registerFromRun(run.runId(), "1.0.0", "s3://m/1.0.0");

            assertThat(version.modelId()).isEqualTo(model.modelId());
            assertThat(models.lineage().of(model.modelId()).versions().get(0).runs().get(0).datasets().get(0).dataset().datasetId())
                    .isEqualTo(dataset.datasetId());
            assertThat(models.audit().of(model.modelId())).extracting(AuditEntry::action).containsExactly("create");
            return null;
        });
    }

    @Test
    void aFrameworkBeyondTheLabsSixMapsToLab02sFrameworkOfTheSameName() {
        inRollback(registry -> {
            Run run = registry.runs().frameworks().submit(run(unique("promo-gbm"), unique("promo_ds"), Framework.XGBOOST),
                    FrameworkName.of("lightgbm"));
            registry.runs().start(run.runId());
            registry.runs().succeed(run.runId(), Metrics.none().withAccuracy(0.8));

            ModelVersion version = registry.models().actor(ACTOR).versions().registerFromRun(run.runId(), "1.0.0", "s3://m/gbm");

            assertThat(version.framework()).isEqualTo(ModelFramework.LIGHTGBM);
            return null;
        });
    }

    @Test
    void refusalsAreTypedAndWriteNothing() {
        inRollback(registry -> {
            Versions versions = registry.models().actor(ACTOR).versions();
            DSLContext ctx = registry.dsl();
            long versionsBefore = count(ctx, "SELECT count(*) FROM registry.model_versions");
            long modelsBefore = count(ctx, "SELECT count(*) FROM registry.models");

            UUID queued = registry.runs().submit(run(unique("promo-queued"), unique("promo_ds"), Framework.PYTORCH)).runId();
            InvalidValueException notDone = catchThrowableOfType(InvalidValueException.class,
                    () -> versions.registerFromRun(queued, "1.0.0", "s3://m/q"));
            assertThat(notDone.field()).isEqualTo("status");
            assertThat(notDone.value()).isEqualTo("queued");

            Run mxnet = succeeded(registry, run(unique("promo-mxnet"), unique("promo_ds"), Framework.MXNET));
            InvalidValueException unmapped = catchThrowableOfType(InvalidValueException.class,
                    () -> versions.registerFromRun(mxnet.runId(), "1.0.0", "s3://m/mx"));
            assertThat(unmapped.field()).isEqualTo("framework");
            assertThat(unmapped.value()).isEqualTo("mxnet");

            Run notKebab = succeeded(registry, run("Promo_Model_" + UUID.randomUUID().toString().substring(0, 4), "ds", Framework.PYTORCH));
            assertThat(catchThrowableOfType(InvalidValueException.class,
                    () -> versions.registerFromRun(notKebab.runId(), "1.0.0", "s3://m/k")).field()).isEqualTo("model_name");

            assertThat(catchThrowableOfType(InvalidValueException.class,
                    () -> versions.registerFromRun(mxnet.runId(), "1.0", "s3://m/mx")).field()).isEqualTo("semver");
            UUID ghost = UUID.randomUUID();
            assertThat(catchThrowableOfType(NotFoundException.class,
                    () -> versions.registerFromRun(ghost, "1.0.0", "s3://m/g")).id()).isEqualTo(ghost);
            assertThat(catchThrowableOfType(InvalidValueException.class,
                    () -> registry.models().versions().registerFromRun(ghost, "1.0.0", "s3://m/g")).field()).isEqualTo("actor");

            assertThat(count(ctx, "SELECT count(*) FROM registry.model_versions")).isEqualTo(versionsBefore);
            assertThat(count(ctx, "SELECT count(*) FROM registry.models")).isEqualTo(modelsBefore);
            return null;
        });
    }

    @Test
    void aRunTrainsOneVersionAndASemverTakenRollsEverythingBack() {
        inRollback(registry -> {
            Versions versions = registry.models().actor(ACTOR).versions();
            String model = unique("promo-twice");
            Run first = succeeded(registry, run(model, unique("promo_ds"), Framework.PYTORCH));
            ModelVersion v1 = versions.registerFromRun(first.runId(), "1.0.0", "s3://m/1");

            InvalidValueException again = catchThrowableOfType(InvalidValueException.class,
                    () -> versions.registerFromRun(first.runId(), "1.1.0", "s3://m/1.1"));
            assertThat(again.field()).isEqualTo("run_id");
            assertThat(again.rule()).contains(v1.versionId().toString());

            String newDataset = unique("promo_ds");
            Run second = succeeded(registry, NewRun.builder().model(model).framework(Framework.PYTORCH).experiment("exp-2")
                    .dataset(newDataset).computeTarget("t").build());
            ConstraintViolationException taken = catchThrowableOfType(ConstraintViolationException.class,
                    () -> versions.registerFromRun(second.runId(), "1.0.0", "s3://m/dup"));
            assertThat(taken).isNotNull();
            assertThat(count(registry.dsl(), "SELECT count(*) FROM registry.datasets WHERE dataset_name = ?", newDataset)).isZero();
            assertThat(count(registry.dsl(), "SELECT count(*) FROM registry.training_runs WHERE run_id = ?", second.runId())).isZero();
            return null;
        });
    }
}
