package org.mlregistry.examples.cookbook;

import org.mlregistry.core.models.Model;
import org.mlregistry.core.models.ModelRegistry;
import org.mlregistry.core.models.ModelVersion;
import org.mlregistry.core.models.NewDeployment;
import org.mlregistry.core.models.NewModel;
import org.mlregistry.core.models.NewVersion;
import org.mlregistry.core.models.Team;
import org.mlregistry.core.models.VersionOrder;
import org.mlregistry.schema.types.ModelFramework;
import org.mlregistry.schema.types.RiskLevel;
import org.mlregistry.schema.types.VersionStatus;

/**
 * Cookbook: register a model and two versions, validate the new one, promote it through staging
 * to production, and deprecate the old one.
 *
 * <pre>{@code
 * ModelRegistry models = registry.models().actor("alice");
 * RegisterAndPromoteCookbook.Outcome o = RegisterAndPromoteCookbook.run(models, "churn-predictor");
 * }</pre>
 */
public final class RegisterAndPromoteCookbook {

    /**
     * What the recipe produced.
     *
     * @param model the model
     * @param latestBySemver the highest version (1.10.0, not 1.9.0)
     * @param promoted the promoted version after deployment
     * @param deprecated the old version after deprecation
     */
    public record Outcome(Model model, ModelVersion latestBySemver, ModelVersion promoted, ModelVersion deprecated) {
    }

    private RegisterAndPromoteCookbook() {
    }

    /** Runs the recipe for a new model called modelName (kebab-case). */
    public static Outcome run(ModelRegistry models, String modelName) {
        Team team = models.catalog().createTeam(modelName + "-team", "ml-team@example.com");
        Model model = models.catalog().createModel(NewModel.of(modelName, "Churn predictor").team(team.teamId())
                .risk(RiskLevel.MEDIUM, false));

        ModelVersion old = models.versions().register(
                NewVersion.of(model.modelId(), "1.9.0", "s3://models/" + modelName + "/1.9.0", ModelFramework.XGBOOST));
        ModelVersion next = models.versions().register(
                NewVersion.of(model.modelId(), "1.10.0", "s3://models/" + modelName + "/1.10.0", ModelFramework.XGBOOST));

        // The old version went through its lifecycle before.
        models.versions().validate(old.versionId(), "offline evaluation passed");
        models.deployments().deploy(NewDeployment.of(old.versionId(), "staging", 100));

        // Latest by semantic version: 1.10.0 (text order would say 1.9.0).
        ModelVersion latest = models.versions().latest(model.modelId(), VersionOrder.SEMVER).orElseThrow();

        models.versions().validate(latest.versionId(), "AUC 0.91 on hold-out set");
        models.deployments().deploy(new NewDeployment(latest.versionId(), "prod", 3, 100, "https://serving/" + modelName));
        ModelVersion promoted = models.versions().get(latest.versionId());

        ModelVersion deprecated = models.versions().deprecate(old.versionId(), "superseded by " + latest.semver());
        if (promoted.status() != VersionStatus.DEPLOYED) {
            throw new IllegalStateException("expected a deployed version, got " + promoted.status());
        }
        return new Outcome(model, latest, promoted, deprecated);
    }
}
