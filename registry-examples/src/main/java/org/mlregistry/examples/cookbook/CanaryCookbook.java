package org.mlregistry.examples.cookbook;

import java.math.BigDecimal;
import java.util.List;
import org.mlregistry.core.error.TrafficLimitExceededException;
import org.mlregistry.core.models.Deployment;
import org.mlregistry.core.models.DeploymentMetrics;
import org.mlregistry.core.models.Model;
import org.mlregistry.core.models.ModelRegistry;
import org.mlregistry.core.models.ModelVersion;
import org.mlregistry.core.models.NewDeployment;
import org.mlregistry.core.models.NewModel;
import org.mlregistry.core.models.NewVersion;
import org.mlregistry.core.models.ProductionDeployment;
import org.mlregistry.schema.types.ModelFramework;

/**
 * Cookbook: a canary release in production. The stable version serves 100 %; one promote gives
 * the candidate 10 % and leaves the stable version 90 %, in one transaction. The registry refuses
 * any split above 100 %. After good canary metrics a second promote gives the candidate all
 * traffic and ends the stable deployment (its version goes back to validated).
 */
public final class CanaryCookbook {

    /**
     * What the recipe produced.
     *
     * @param duringCanary production rows while the canary ran
     * @param refusedOverAllocation the refused attempt to give the canary 20 % while stable kept 90 %
     * @param afterPromotion production rows after the promotion
     */
    public record Outcome(List<ProductionDeployment> duringCanary, TrafficLimitExceededException refusedOverAllocation,
            List<ProductionDeployment> afterPromotion) {
    }

    private CanaryCookbook() {
    }

    /** Runs the recipe for a new model called modelName. */
    public static Outcome run(ModelRegistry models, String modelName) {
        Model model = models.catalog().createModel(NewModel.of(modelName, "Recommender"));
        ModelVersion stable = models.versions().register(
                NewVersion.of(model.modelId(), "3.1.0", "s3://models/" + modelName + "/3.1.0", ModelFramework.PYTORCH));
        ModelVersion candidate = models.versions().register(
                NewVersion.of(model.modelId(), "3.2.0", "s3://models/" + modelName + "/3.2.0", ModelFramework.PYTORCH));
        models.versions().validate(stable.versionId(), "baseline");
        models.versions().validate(candidate.versionId(), "offline metrics +2 %");

        models.deployments().deploy(new NewDeployment(stable.versionId(), "prod", 4, 100, null));
        Deployment canary = models.rollouts().promote(candidate.versionId(), "prod", 10).stream()
                .filter(d -> d.versionId().equals(candidate.versionId())).findFirst().orElseThrow();
        List<ProductionDeployment> during = models.deployments().production(modelName);

        TrafficLimitExceededException refused;
        try {
            models.deployments().changeTraffic(canary.deploymentId(), 20);
            throw new IllegalStateException("traffic above 100 % was accepted");
        } catch (TrafficLimitExceededException e) {
            refused = e;
        }

        models.deployments().recordMetrics(canary.deploymentId(),
                new DeploymentMetrics(new BigDecimal("18.0"), new BigDecimal("42.0"), new BigDecimal("80.0"),
                        new BigDecimal("99.98"), new BigDecimal("350")));
        models.rollouts().promote(candidate.versionId(), "prod");
        return new Outcome(during, refused, models.deployments().production(modelName));
    }
}
