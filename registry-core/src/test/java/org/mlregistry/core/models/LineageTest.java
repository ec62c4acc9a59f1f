package org.mlregistry.core.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mlregistry.schema.jooq.registry.Tables.RUN_DATASETS;
import static org.mlregistry.schema.jooq.registry.Tables.TRAINING_RUNS;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.error.ConstraintViolationException;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.schema.types.DatasetRole;
import org.mlregistry.schema.types.RunStatus;

class LineageTest extends ModelsTestSupport {

    private static Dataset dataset(ModelRegistry models, String prefix) {
        return models.catalog().createDataset(NewDataset.of(unique(prefix), prefix, "s3://data/" + prefix));
    }

    @Test
    void recordsARunWithDatasetsAndReadsTheLineageTree() {
        inRollback((models, ctx) -> {
            Model m = model(models);
            ModelVersion v1 = validated(models, m, "1.9.0");
            ModelVersion v2 = validated(models, m, "1.10.0");
            Dataset train = dataset(models, "train");
            Dataset val = dataset(models, "val");
            Dataset test = dataset(models, "test");
            TrainingRun run = models.lineage().recordTrainingRun(new NewTrainingRun(v2.versionId(), "run-1", "exp", RunStatus.SUCCEEDED,
                    new BigDecimal("0.9312"), new BigDecimal("0.9100"), "{\"lr\": 0.001}",
                    List.of(new DatasetUsage(train.datasetId(), DatasetRole.TRAINING, 80_000L),
                            DatasetUsage.of(val.datasetId(), DatasetRole.VALIDATION),
                            DatasetUsage.of(test.datasetId(), DatasetRole.TEST))));
            assertThat(run.completedAt()).isNotNull();
            assertThat(run.startedBy()).isEqualTo(ACTOR);
            var d = models.deployments().deploy(NewDeployment.of(v2.versionId(), "staging", 100));

            Lineage.ModelLineage tree = models.lineage().of(m.modelId());
            assertThat(tree.model().modelName()).isEqualTo(m.modelName());
            assertThat(tree.versions()).extracting(vl -> vl.version().semver()).containsExactly("1.10.0", "1.9.0");
            Lineage.VersionLineage latest = tree.versions().get(0);
            assertThat(latest.runs()).hasSize(1);
            Lineage.RunLineage r = latest.runs().get(0);
            assertThat(r.run().runId()).isEqualTo(run.runId());
            assertThat(r.run().accuracy()).isEqualByComparingTo("0.9312");
            assertThat(r.run().status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(r.datasets()).extracting(Lineage.DatasetNode::role)
                    .containsExactly(DatasetRole.TRAINING, DatasetRole.VALIDATION, DatasetRole.TEST);
            assertThat(r.datasets().get(0).dataset().datasetName()).isEqualTo(train.datasetName());
            assertThat(r.datasets().get(0).sampleCount()).isEqualTo(80_000L);
            assertThat(latest.deployments()).hasSize(1);
            assertThat(latest.deployments().get(0).environment()).isEqualTo("staging");
            assertThat(latest.deployments().get(0).deployment().deploymentId()).isEqualTo(d.deploymentId());
            assertThat(tree.versions().get(1).runs()).isEmpty();
            assertThat(tree.versions().get(1).deployments()).isEmpty();
            assertThat(models.audit().of(run.runId()).get(0).after()).contains("\"datasets\"").contains(train.datasetId().toString());
            return null;
        });
    }

    @Test
    void aRunWithAMissingOrDuplicateDatasetWritesNothing() {
        inRollback((models, ctx) -> {
            ModelVersion v = version(models, model(models), "1.0.0");
            Dataset train = dataset(models, "train");
            UUID ghost = UUID.randomUUID();
            NotFoundException nf = catchThrowableOfType(NotFoundException.class, () -> models.lineage().recordTrainingRun(
                    new NewTrainingRun(v.versionId(), "r", null, RunStatus.SUCCEEDED, null, null, null,
                            List.of(DatasetUsage.of(train.datasetId(), DatasetRole.TRAINING), DatasetUsage.of(ghost, DatasetRole.TEST)))));
            assertThat(nf.id()).isEqualTo(ghost);
            ConstraintViolationException dup = catchThrowableOfType(ConstraintViolationException.class, () -> models.lineage().recordTrainingRun(
                    new NewTrainingRun(v.versionId(), "r", null, RunStatus.RUNNING, null, null, null,
                            List.of(DatasetUsage.of(train.datasetId(), DatasetRole.TRAINING),
                                    DatasetUsage.of(train.datasetId(), DatasetRole.TRAINING)))));
            assertThat(dup.constraint()).isEqualTo("run_datasets_pkey");
            InvalidValueException acc = catchThrowableOfType(InvalidValueException.class, () -> models.lineage().recordTrainingRun(
                    new NewTrainingRun(v.versionId(), "r", null, RunStatus.SUCCEEDED, new BigDecimal("1.5"), null, null, List.of())));
            assertThat(acc.field()).isEqualTo("accuracy");
            assertThat(ctx.fetchCount(TRAINING_RUNS, TRAINING_RUNS.VERSION_ID.eq(v.versionId()))).isZero();
            assertThat(ctx.fetchCount(RUN_DATASETS, RUN_DATASETS.DATASET_ID.eq(train.datasetId()))).isZero();
            assertThat(catchThrowableOfType(NotFoundException.class, () -> models.lineage().of(UUID.randomUUID())).entity())
                    .isEqualTo("model");
            return null;
        });
    }
}
