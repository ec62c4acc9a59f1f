package org.mlregistry.examples.cookbook;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.mlregistry.core.models.Deployment;
import org.mlregistry.core.models.DeploymentMetrics;
import org.mlregistry.core.models.Model;
import org.mlregistry.core.models.ModelRegistry;
import org.mlregistry.core.models.ModelVersion;
import org.mlregistry.core.models.NewDeployment;
import org.mlregistry.core.models.NewModel;
import org.mlregistry.core.models.NewVersion;
import org.mlregistry.schema.types.ModelFramework;

/**
 * Cookbook: a staged rollout, 10 → 50 → 100 %, with automatic rollback. At each stage one
 * {@code rollouts().promote} moves the traffic in one transaction, the measured service level of
 * the candidate's deployment is recorded ({@code deployments().recordMetrics}), and when its
 * error rate (100 − recorded availability) crosses the threshold, one {@code rollouts().rollback}
 * returns all traffic to the stable version.
 */
public final class StagedRolloutCookbook {

    /** The stages of the rollout, in % of the traffic. */
    public static final int[] STAGES = {10, 50, 100};

    /**
     * What the recipe produced.
     *
     * @param reached the stages the candidate reached, e.g. {@code [10, 50]}
     * @param rolledBack whether the rollout was rolled back
     * @param serving the serving deployments in {@code prod} at the end
     */
    public record Outcome(List<Integer> reached, boolean rolledBack, List<Deployment> serving) {
    }

    private StagedRolloutCookbook() {
    }

    /**
     * Runs the recipe for a new model called modelName.
     *
     * @param models the registry, acting as the release engineer
     * @param modelName a new model's name (kebab-case)
     * @param maxErrorRatePercent the error rate, in %, above which the rollout is rolled back
     * @param availabilityAtStage what monitoring measures for the candidate at a stage (in %), e.g. 99.95
     * @return the stages reached, whether it rolled back, and what serves at the end
     */
    public static Outcome run(ModelRegistry models, String modelName, BigDecimal maxErrorRatePercent,
            IntFunction<BigDecimal> availabilityAtStage) {
        Model model = models.catalog().createModel(NewModel.of(modelName, "Fraud detector"));
        ModelVersion stable = models.versions().register(
                NewVersion.of(model.modelId(), "4.0.0", "s3://models/" + modelName + "/4.0.0", ModelFramework.XGBOOST));
        ModelVersion candidate = models.versions().register(
                NewVersion.of(model.modelId(), "4.1.0", "s3://models/" + modelName + "/4.1.0", ModelFramework.XGBOOST));
        models.versions().validate(stable.versionId(), "baseline");
        models.versions().validate(candidate.versionId(), "recall +3 %");
        models.deployments().deploy(new NewDeployment(stable.versionId(), "prod", 4, 100, "https://serve/" + modelName));

        List<Integer> reached = new ArrayList<>();
        for (int stage : STAGES) {
            Deployment canary = models.rollouts().promote(candidate.versionId(), "prod", stage).stream()
                    .filter(d -> d.versionId().equals(candidate.versionId())).findFirst().orElseThrow();
            reached.add(stage);
            Deployment measured = models.deployments().recordMetrics(canary.deploymentId(),
                    new DeploymentMetrics(null, null, null, availabilityAtStage.apply(stage), null));
            BigDecimal errorRate = BigDecimal.valueOf(100).subtract(measured.actualAvailabilityPercent());
            if (errorRate.compareTo(maxErrorRatePercent) > 0) {
                return new Outcome(reached, true, models.rollouts().rollback(model.modelId(), "prod"));
            }
        }
        return new Outcome(reached, false, models.deployments().active(model.modelId(), "prod"));
    }
}
