package org.mlregistry.examples.cookbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.RolledBackRegistry;
import org.mlregistry.core.models.AuditEntry;
import org.mlregistry.core.models.ModelAlias;
import org.mlregistry.core.models.ModelRegistry;
import org.mlregistry.core.models.ModelVersion;
import org.mlregistry.schema.DatabaseTest;

/** The champion/challenger recipe: the better challenger becomes champion, a worse one does not. */
class ChampionChallengerCookbookTest extends DatabaseTest {

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static <T> T inRollback(Function<ModelRegistry, T> work) {
        return RolledBackRegistry.run(db(), registry -> work.apply(registry.models().actor("cookbook")));
    }

    @Test
    void aBetterChallengerBecomesChampion() {
        String name = unique("churn-predictor");
        inRollback(models -> {
            var o = ChampionChallengerCookbook.run(models, name, "0.871", "0.893");

            assertThat(o.championBefore().semver()).isEqualTo("1.0.0");
            assertThat(o.challengerBefore().semver()).isEqualTo("1.1.0");
            assertThat(o.swapped()).isTrue();
            assertThat(o.championAfter().semver()).isEqualTo("1.1.0");
            assertThat(o.aliases()).extracting(ModelAlias::alias, ModelAlias::versionId, ModelAlias::previousVersionId)
                    .containsExactly(
                            tuple("challenger", o.championBefore().versionId(), o.challengerBefore().versionId()),
                            tuple("champion", o.challengerBefore().versionId(), o.championBefore().versionId()));
            assertThat(models.audit().of(o.championAfter().modelId())).extracting(AuditEntry::action)
                    .containsExactly("create", "alias.set", "alias.set", "alias.move", "alias.move");
            return null;
        });
    }

    @Test
    void aWorseChallengerLeavesTheChampionAlone() {
        String name = unique("churn-predictor");
        inRollback(models -> {
            var o = ChampionChallengerCookbook.run(models, name, "0.871", "0.866");

            assertThat(o.swapped()).isFalse();
            assertThat(o.championAfter()).isEqualTo(o.championBefore());
            assertThat(o.aliases()).extracting(ModelAlias::alias, ModelAlias::versionId).containsExactly(
                    tuple("challenger", o.challengerBefore().versionId()), tuple("champion", o.championBefore().versionId()));
            assertThat(models.aliases().resolve(name, "champion")).map(ModelVersion::semver).contains("1.0.0");
            return null;
        });
    }
}
