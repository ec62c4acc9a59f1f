package org.mlregistry.examples.cookbook;

import java.util.List;
import java.util.Map;
import org.mlregistry.core.Registry;
import org.mlregistry.core.models.ModelVersion;
import org.mlregistry.core.tracking.LeaderboardEntry;
import org.mlregistry.core.tracking.Metrics;
import org.mlregistry.core.tracking.NewSweep;
import org.mlregistry.core.tracking.RankBy;
import org.mlregistry.core.tracking.Runs;
import org.mlregistry.core.tracking.Sweep;
import org.mlregistry.core.tracking.Trial;
import org.mlregistry.schema.types.Framework;

/**
 * Cookbook: a hyperparameter sweep, its leaderboard, and the best trial promoted to a model version.
 * Every trial is a run of {@code tracking.training_runs} on the same day, model and dataset (lab
 * 01's unique_daily_run still holds: each trial has its own experiment_name); the version is
 * registered from the winning run, so the registry's lineage shows that run and its dataset.
 *
 * <pre>{@code
 * SweepToVersionCookbook.Outcome o = SweepToVersionCookbook.run(registry, "resnet50-sweep", "alice",
 *         Map.of("0.1", 0.81, "0.01", 0.93, "0.001", 0.88));
 * }</pre>
 */
public final class SweepToVersionCookbook {

    private SweepToVersionCookbook() {
    }

    /**
     * What the recipe made.
     *
     * @param sweep the sweep
     * @param trials its trials, in number order
     * @param leaderboard its trials by accuracy, best first
     * @param version the version registered from the best trial
     */
    public record Outcome(Sweep sweep, List<Trial> trials, List<LeaderboardEntry> leaderboard, ModelVersion version) {
    }

    /**
     * Starts a sweep over learning rates, runs one trial per rate (here the "training" is simulated:
     * each trial succeeds with the accuracy given for its rate), ranks the trials and registers the
     * best as version 1.0.0.
     *
     * @param registry the registry
     * @param modelName the model (kebab-case, as the model registry requires)
     * @param actor who registers the version
     * @param accuracyByLearningRate the trials: learning rate → the accuracy its run reaches
     * @return the sweep, its trials, its leaderboard and the version
     */
    public static Outcome run(Registry registry, String modelName, String actor, Map<String, Double> accuracyByLearningRate) {
        Runs runs = registry.runs();
        Sweep sweep = runs.sweeps().start(NewSweep.builder().name("lr-search").model(modelName)
                .framework(Framework.PYTORCH).experiment("exp-" + modelName).dataset("imagenet-1k")
                .computeTarget("k8s-gpu-a100").parameters("{\"epochs\": 10, \"optimizer\": \"adam\"}").build());
        accuracyByLearningRate.keySet().stream().sorted().forEach(lr -> {
            Trial trial = runs.sweeps().addTrial(sweep.sweepId(), "{\"lr\": " + lr + "}");
            runs.start(trial.run().runId());
            runs.succeed(trial.run().runId(), Metrics.none().withAccuracy(accuracyByLearningRate.get(lr)));
        });
        List<LeaderboardEntry> leaderboard = runs.sweeps().leaderboard(sweep.sweepId(), RankBy.accuracy(), 10);
        ModelVersion version = registry.models().actor(actor).versions().registerFromRun(
                leaderboard.get(0).run().runId(), "1.0.0", "s3://models/" + modelName + "/1.0.0");
        return new Outcome(sweep, runs.sweeps().trials(sweep.sweepId()), leaderboard, version);
    }
}
