package org.mlregistry.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.models.ModelVersion;
import org.mlregistry.core.tracking.FrameworkName;
import org.mlregistry.core.tracking.LeaderboardEntry;
import org.mlregistry.core.tracking.Metrics;
import org.mlregistry.core.tracking.NewRun;
import org.mlregistry.core.tracking.NewSweep;
import org.mlregistry.core.tracking.RankBy;
import org.mlregistry.core.tracking.Run;
import org.mlregistry.core.tracking.RunFilter;
import org.mlregistry.core.tracking.Runs;
import org.mlregistry.core.tracking.Sweep;
import org.mlregistry.core.tracking.Trial;
import org.mlregistry.schema.DatabaseTest;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.ModelFramework;

/** The code of the README's "Tags, experiments, sweeps and versions from runs", as it stands there. */
class ReadmeTrackingExtrasTest extends DatabaseTest {

    @Test
    void tagsSweepsAndVersionsFromRunsSnippetRuns() {
        rolledBack(ctx -> {
            Registry registry = Registry.configure().dsl(ctx).load();
            Run run = registry.runs().submit(NewRun.builder().model("bert-readme").framework(Framework.PYTORCH)
                    .experiment("exp-readme").dataset("squad").computeTarget("k8s-gpu-a100").build());

            Runs runs = registry.runs();
            runs.tags().set(run.runId(), "team", "nlp");
            List<Run> nlp = runs.where(RunFilter.tag("team").in("nlp", "cv").and(RunFilter.hasTag("owner").not())).fetch();

            Sweep sweep = runs.sweeps().start(NewSweep.builder().name("lr-search")
                    .model("churn-gbm").framework(Framework.XGBOOST).frameworkName(FrameworkName.of("lightgbm"))
                    .experiment("exp-churn").dataset("churn-2026").computeTarget("cpu-pool").build());
            Trial trial = runs.sweeps().addTrial(sweep.sweepId(), "{\"num_leaves\": 31}");
            runs.start(trial.run().runId());
            runs.succeed(trial.run().runId(), Metrics.none().withAccuracy(0.87));
            List<LeaderboardEntry> board = runs.sweeps().leaderboard(sweep.sweepId(), RankBy.accuracy(), 5);

            ModelVersion version = registry.models().actor("alice").versions()
                    .registerFromRun(board.get(0).run().runId(), "1.0.0", "s3://models/churn-gbm/1.0.0");

            assertThat(nlp).extracting(Run::runId).containsExactly(run.runId());
            assertThat(board).extracting(e -> e.run().runId()).containsExactly(trial.run().runId());
            assertThat(version.framework()).isEqualTo(ModelFramework.LIGHTGBM);
            assertThat(registry.models().lineage().of(version.modelId()).versions().get(0).runs())
                    .extracting(r -> r.run().runId()).containsExactly(trial.run().runId());
        });
    }
}
