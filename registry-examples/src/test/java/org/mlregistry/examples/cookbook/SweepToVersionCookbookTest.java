package org.mlregistry.examples.cookbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.RolledBackRegistry;
import org.mlregistry.core.error.DuplicateRunException;
import org.mlregistry.core.models.Lineage;
import org.mlregistry.core.tracking.NewRun;
import org.mlregistry.schema.DatabaseTest;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.ModelFramework;

class SweepToVersionCookbookTest extends DatabaseTest {

    @Test
    void theBestOfThreeTrialsBecomesVersion100() {
        String model = "resnet50-sweep-" + UUID.randomUUID().toString().substring(0, 8);
        RolledBackRegistry.run(db(), registry -> {
            var o = SweepToVersionCookbook.run(registry, model, "alice", Map.of("0.1", 0.81, "0.01", 0.93, "0.001", 0.88));

            assertThat(o.trials()).extracting(t -> t.run().experimentName()).containsExactly(
                    "exp-" + model + "/lr-search/trial-1", "exp-" + model + "/lr-search/trial-2",
                    "exp-" + model + "/lr-search/trial-3");
            assertThat(o.leaderboard()).extracting(e -> e.value().toPlainString()).containsExactly("0.9300", "0.8800", "0.8100");
            assertThat(o.leaderboard().get(0).run().parametersJson()).contains("\"lr\": 0.01");
            assertThat(o.version().semver()).isEqualTo("1.0.0");
            assertThat(o.version().framework()).isEqualTo(ModelFramework.PYTORCH);
            Lineage.ModelLineage tree = registry.models().lineage().of(o.version().modelId());
            assertThat(tree.versions()).singleElement().satisfies(v -> assertThat(v.runs()).singleElement()
                    .satisfies(r -> {
                        assertThat(r.run().runId()).isEqualTo(o.leaderboard().get(0).run().runId());
                        assertThat(r.datasets()).extracting(d -> d.dataset().datasetName()).containsExactly("imagenet-1k");
                    }));
            NewRun plain = NewRun.builder().model(model).framework(Framework.PYTORCH).experiment("exp-" + model)
                    .dataset("imagenet-1k").computeTarget("k8s-gpu-a100").build();
            registry.runs().submit(plain);
            assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(DuplicateRunException.class,
                    () -> registry.runs().submit(plain)).constraint()).isEqualTo("unique_daily_run");
            return null;
        });
    }
}
