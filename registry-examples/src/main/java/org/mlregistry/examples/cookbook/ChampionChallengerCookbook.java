package org.mlregistry.examples.cookbook;

import java.math.BigDecimal;
import java.util.List;
import org.mlregistry.core.models.Model;
import org.mlregistry.core.models.ModelAlias;
import org.mlregistry.core.models.ModelRegistry;
import org.mlregistry.core.models.ModelVersion;
import org.mlregistry.core.models.NewModel;
import org.mlregistry.core.models.NewVersion;
import org.mlregistry.core.models.VersionTag;
import org.mlregistry.schema.types.ModelFramework;

/**
 * Cookbook: champion/challenger with aliases. Two versions are registered and tagged with their
 * offline AUC ({@code eval.auc}); {@code champion} points at the first, {@code challenger} at the
 * second. The serving side only ever resolves "the champion of the model" by name. When the
 * challenger's AUC beats the champion's, the two aliases are swapped in one transaction, and the
 * next resolve returns the new champion; no service had to learn a version number.
 */
public final class ChampionChallengerCookbook {

    /** The version tag holding a version's offline AUC. */
    public static final String AUC = "eval.auc";

    /**
     * What the recipe produced.
     *
     * @param championBefore what {@code champion} resolved to before the comparison
     * @param challengerBefore what {@code challenger} resolved to before the comparison
     * @param swapped whether the challenger won and the aliases were swapped
     * @param championAfter what {@code champion} resolves to at the end
     * @param aliases the model's aliases at the end
     */
    public record Outcome(ModelVersion championBefore, ModelVersion challengerBefore, boolean swapped,
            ModelVersion championAfter, List<ModelAlias> aliases) {
    }

    private ChampionChallengerCookbook() {
    }

    /**
     * Runs the recipe for a new model called modelName.
     *
     * @param models the model registry, with an actor
     * @param modelName the model to create
     * @param firstAuc the offline AUC of version 1.0.0, e.g. {@code 0.871}
     * @param secondAuc the offline AUC of version 1.1.0
     * @return what each step produced
     */
    public static Outcome run(ModelRegistry models, String modelName, String firstAuc, String secondAuc) {
        Model model = models.catalog().createModel(NewModel.of(modelName, "Churn predictor"));
        ModelVersion v1 = models.versions().register(
                NewVersion.of(model.modelId(), "1.0.0", "s3://models/" + modelName + "/1.0.0", ModelFramework.XGBOOST));
        ModelVersion v2 = models.versions().register(
                NewVersion.of(model.modelId(), "1.1.0", "s3://models/" + modelName + "/1.1.0", ModelFramework.XGBOOST));
        models.versionTags().set(v1.versionId(), AUC, firstAuc);
        models.versionTags().set(v2.versionId(), AUC, secondAuc);

        models.aliases().set(model.modelId(), "champion", v1.versionId());
        models.aliases().set(model.modelId(), "challenger", v2.versionId());

        ModelVersion champion = models.aliases().resolve(modelName, "champion").orElseThrow();
        ModelVersion challenger = models.aliases().resolve(modelName, "challenger").orElseThrow();
        boolean challengerWins = auc(models, challenger).compareTo(auc(models, champion)) > 0;
        if (challengerWins) {
            models.aliases().swap(model.modelId(), "champion", "challenger");
        }
        return new Outcome(champion, challenger, challengerWins, models.aliases().resolve(modelName, "champion").orElseThrow(),
                models.aliases().of(model.modelId()));
    }

    private static BigDecimal auc(ModelRegistry models, ModelVersion version) {
        return models.versionTags().of(version.versionId()).stream().filter(t -> t.key().equals(AUC))
                .map(VersionTag::value).map(BigDecimal::new).findFirst().orElse(BigDecimal.ZERO);
    }
}
