package org.mlregistry.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.analytics.TopRow;
import org.mlregistry.core.error.ApprovalRequiredException;
import org.mlregistry.core.models.Model;
import org.mlregistry.core.models.ModelRegistry;
import org.mlregistry.core.models.ModelVersion;
import org.mlregistry.core.models.NewDeployment;
import org.mlregistry.core.models.NewModel;
import org.mlregistry.core.models.NewVersion;
import org.mlregistry.core.tracking.Metrics;
import org.mlregistry.core.tracking.NewRun;
import org.mlregistry.core.tracking.Page;
import org.mlregistry.core.tracking.Run;
import org.mlregistry.core.tracking.RunFilter;
import org.mlregistry.core.tracking.RunOrder;
import org.mlregistry.schema.DatabaseTest;
import org.mlregistry.schema.jooq.tracking.tables.records.TrainingRunsRecord;
import org.mlregistry.schema.types.ApprovalType;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.ModelFramework;
import org.mlregistry.schema.types.RiskLevel;
import org.mlregistry.schema.types.RunStatus;

/** The code of the README's "Using mlregistry in a service", as it stands there, on the samples. */
class ReadmeExampleTest extends DatabaseTest {

    @Test
    void trackingSnippetRuns() {
        rolledBack(ctx -> {
            Registry registry = Registry.configure().dsl(ctx).load();

            Run run = registry.runs().submit(NewRun.builder()
                    .model("resnet50-classification").framework(Framework.PYTORCH)
                    .experiment("exp-readme").dataset("imagenet-1k").computeTarget("k8s-gpu-a100")
                    .parameters("{\"batch_size\": 128, \"optimizer\": \"adam\"}")
                    .build());
            Optional<Run> claimed = registry.runs().claimNext("k8s-gpu-a100");
            registry.runs().succeed(claimed.orElseThrow().runId(), Metrics.none().withAccuracy(0.9412));

            Page page = registry.runs()
                    .where(RunFilter.param("batch_size").asInt().ge(64))
                    .orderBy(RunOrder.NEWEST_FIRST)
                    .pageSize(50)
                    .fetchPage();
            List<TopRow<Framework, TrainingRunsRecord>> best = registry.analytics().topN(TRAINING_RUNS)
                    .where(TRAINING_RUNS.STATUS.eq(RunStatus.SUCCEEDED).and(TRAINING_RUNS.ACCURACY.isNotNull()))
                    .perGroup(TRAINING_RUNS.FRAMEWORK)
                    .orderBy(TRAINING_RUNS.ACCURACY.desc(), TRAINING_RUNS.RUN_ID)
                    .limit(2)
                    .fetch();

            assertThat(claimed.get().runId()).isEqualTo(run.runId());
            assertThat(registry.runs().get(run.runId()).status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(page.runs()).extracting(Run::runId).contains(run.runId());
            assertThat(best).filteredOn(row -> row.group() == Framework.PYTORCH).hasSize(2)
                    .first().satisfies(row -> assertThat(row.row().getAccuracy()).isEqualByComparingTo("0.9456"));
        });
    }

    @Test
    void registrySnippetRuns() {
        rolledBack(ctx -> {
            Registry registry = Registry.configure().dsl(ctx).load();

            ModelRegistry models = registry.models().actor("alice");
            Model model = models.catalog().createModel(NewModel.of("churn-predictor", "Churn predictor").risk(RiskLevel.HIGH, true));
            ModelVersion version = models.versions().register(NewVersion.of(model.modelId(), "1.0.0",
                    "s3://models/churn-predictor/1.0.0", ModelFramework.XGBOOST));
            models.versions().validate(version.versionId(), "offline evaluation passed");
            assertThatThrownBy(() -> models.deployments().deploy(NewDeployment.of(version.versionId(), "prod", 100)))
                    .isInstanceOf(ApprovalRequiredException.class)
                    .satisfies(e -> assertThat(((ApprovalRequiredException) e).missing()).containsExactly(ApprovalType.COMPLIANCE));
            return null;
        });
    }
}
