package org.mlregistry.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.RolledBackRegistry;
import org.mlregistry.core.models.Deployment;
import org.mlregistry.core.models.Model;
import org.mlregistry.core.models.ModelRegistry;
import org.mlregistry.core.models.ModelVersion;
import org.mlregistry.core.models.NewDeployment;
import org.mlregistry.core.models.NewModel;
import org.mlregistry.core.models.NewVersion;
import org.mlregistry.schema.DatabaseTest;
import org.mlregistry.schema.types.ModelFramework;

/** The code of the README's "Promote, roll back, and who may approve", as it stands there. */
class ReadmeRolloutsTest extends DatabaseTest {

    @Test
    void stagedPromotionAndRollbackSnippetRuns() {
        RolledBackRegistry.run(db(), registry -> {
            ModelRegistry setup = registry.models().actor("setup");
            Model model = setup.catalog().createModel(NewModel.of("readme-rollout", "README rollout"));
            ModelVersion stable = setup.versions().register(NewVersion.of(model.modelId(), "1.0.0", "s3://m/1", ModelFramework.ONNX));
            ModelVersion candidate = setup.versions().register(NewVersion.of(model.modelId(), "1.1.0", "s3://m/2", ModelFramework.ONNX));
            setup.versions().validate(stable.versionId(), "ok");
            setup.versions().validate(candidate.versionId(), "ok");
            setup.deployments().deploy(NewDeployment.of(stable.versionId(), "prod", 100));

            // README snippet
            ModelRegistry models = registry.models().actor("release-bot");
            models.rollouts().promote(candidate.versionId(), "prod", 10);   // stable 90 %, candidate 10 %
            assertThat(registry.dsl().fetch("SELECT v.semver || '@' || d.traffic_percentage FROM registry.deployments d "
                    + "JOIN registry.model_versions v USING (version_id) WHERE v.model_id = ? AND d.status = 'active' ORDER BY 1",
                    model.modelId()).getValues(0, String.class)).containsExactly("1.0.0@90", "1.1.0@10");
            models.rollouts().promote(candidate.versionId(), "prod", 50);   // 50 / 50
            List<Deployment> serving = models.rollouts().rollback(model.modelId(), "prod"); // stable 100 % again
            // end of snippet

            assertThat(serving).extracting(Deployment::versionId, Deployment::trafficPercentage)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(stable.versionId(), 100));
            return null;
        });
    }
}
