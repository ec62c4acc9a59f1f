package org.mlregistry.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.models.Environment;
import org.mlregistry.core.models.Model;
import org.mlregistry.core.models.ModelRegistry;
import org.mlregistry.core.models.ModelVersion;
import org.mlregistry.core.models.NewEnvironment;
import org.mlregistry.core.models.NewModel;
import org.mlregistry.core.models.NewVersion;
import org.mlregistry.schema.DatabaseTest;
import org.mlregistry.schema.types.EnvironmentType;
import org.mlregistry.schema.types.ModelFramework;

/** The code of the README's "Aliases, environments and version tags", as it stands there. */
class ReadmeAliasesTest extends DatabaseTest {

    @Test
    void aliasesEnvironmentsAndVersionTagsSnippetRuns() {
        rolledBack(ctx -> {
            Registry registry = Registry.configure().dsl(ctx).load();
            Model model = registry.models().actor("alice").catalog().createModel(NewModel.of("churn-predictor", "Churn predictor"));
            ModelVersion v1 = registry.models().actor("alice").versions().register(
                    NewVersion.of(model.modelId(), "1.0.0", "s3://models/churn-predictor/1.0.0", ModelFramework.XGBOOST));
            ModelVersion v2 = registry.models().actor("alice").versions().register(
                    NewVersion.of(model.modelId(), "1.1.0", "s3://models/churn-predictor/1.1.0", ModelFramework.XGBOOST));

            ModelRegistry models = registry.models().actor("alice");
            models.aliases().set(model.modelId(), "champion", v1.versionId());
            models.aliases().set(model.modelId(), "challenger", v2.versionId());
            ModelVersion serving = models.aliases().resolve("churn-predictor", "champion").orElseThrow();
            models.aliases().swap(model.modelId(), "champion", "challenger");

            models.versionTags().set(v2.versionId(), "eval.auc", "0.893");
            List<ModelVersion> tagged = models.versionTags().findVersions("eval.auc", "0.893");

            Environment perf = models.environments().create(NewEnvironment.of("perf-eu", EnvironmentType.STAGING));
            List<Environment> all = models.environments().list();

            assertThat(serving).isEqualTo(v1);
            assertThat(models.aliases().resolve("churn-predictor", "champion")).contains(v2);
            assertThat(tagged).containsExactly(v2);
            assertThat(perf.type()).isEqualTo(EnvironmentType.STAGING);
            assertThat(all).contains(perf);
        });
    }
}
