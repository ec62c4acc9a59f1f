package org.mlregistry.examples.cookbook;

import java.math.BigDecimal;
import java.util.List;
import org.mlregistry.core.models.DeploymentMetrics;
import org.mlregistry.core.models.ModelRegistry;
import org.mlregistry.core.models.NewDeployment;
import org.mlregistry.core.models.NewModel;
import org.mlregistry.core.models.NewVersion;
import org.mlregistry.core.models.TrafficLimitExceededException;
import org.mlregistry.schema.jooq.registry.tables.pojos.Deployments;
import org.mlregistry.schema.jooq.registry.tables.pojos.ModelVersions;
import org.mlregistry.schema.jooq.registry.tables.pojos.VwProductionDeployments;
import org.mlregistry.schema.types.ModelFramework;

/**
 * Cookbook: a canary release in production. The stable version serves 100 %; it is turned down to
 * 90 % and the candidate deployed at 10 %. The registry refuses any split above 100 %. After good
 * canary metrics the candidate takes all traffic and the stable deployment is undeployed.
 */
public final class CanaryCookbook {

    /**
     * What the recipe produced.
     *
     * @param duringCanary production rows while the canary ran
     * @param refusedOverAllocation the refused attempt to give the canary 20 % while stable kept 90 %
     * @param afterPromotion production rows after the promotion
     */
    public record Outcome(List<VwProductionDeployments> duringCanary, TrafficLimitExceededException refusedOverAllocation,
            List<VwProductionDeployments> afterPromotion) {
    }

    private CanaryCookbook() {
    }

    /** Runs the recipe for a new model called modelName. */
    public static Outcome run(ModelRegistry models, String modelName) {
        var model = models.createModel(NewModel.of(modelName, "Recommender"));
        ModelVersions stable = models.registerVersion(
                NewVersion.of(model.modelId(), "3.1.0", "s3://models/" + modelName + "/3.1.0", ModelFramework.PYTORCH));
        ModelVersions candidate = models.registerVersion(
                NewVersion.of(model.modelId(), "3.2.0", "s3://models/" + modelName + "/3.2.0", ModelFramework.PYTORCH));
        models.validate(stable.versionId(), "baseline");
        models.validate(candidate.versionId(), "offline metrics +2 %");

        Deployments stableDeployment = models.deploy(new NewDeployment(stable.versionId(), "prod", 4, 100, null));
        models.changeTraffic(stableDeployment.deploymentId(), 90);
        Deployments canary = models.deploy(new NewDeployment(candidate.versionId(), "prod", 1, 10, null));
        List<VwProductionDeployments> during = models.productionDeployments(modelName);

        TrafficLimitExceededException refused;
        try {
            models.changeTraffic(canary.deploymentId(), 20);
            throw new IllegalStateException("traffic above 100 % was accepted");
        } catch (TrafficLimitExceededException e) {
            refused = e;
        }

        models.recordMetrics(canary.deploymentId(),
                new DeploymentMetrics(new BigDecimal("18.0"), new BigDecimal("42.0"), new BigDecimal("80.0"),
                        new BigDecimal("99.98"), new BigDecimal("350")));
        models.undeploy(stableDeployment.deploymentId());
        models.changeTraffic(canary.deploymentId(), 100);
        return new Outcome(during, refused, models.productionDeployments(modelName));
    }
}
