package org.mlregistry.examples.cookbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.RolledBackRegistry;
import org.mlregistry.core.models.ModelRegistry;
import org.mlregistry.schema.DatabaseTest;
import org.mlregistry.schema.types.ApprovalStatus;
import org.mlregistry.schema.types.ApprovalType;
import org.mlregistry.schema.types.VersionStatus;

/** Runs each cookbook recipe on the shared database in a transaction that is rolled back. */
class CookbookTest extends DatabaseTest {

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The registry's transactions nest (as savepoints) in an outer jOOQ transaction that is rolled back. */
    private static <T> T inRollback(Function<ModelRegistry, T> work) {
        return RolledBackRegistry.run(db(), registry -> work.apply(registry.models().actor("cookbook")));
    }

    @Test
    void registerAndPromote() {
        var o = inRollback(models -> RegisterAndPromoteCookbook.run(models, unique("churn")));
        assertThat(o.latestBySemver().semver()).isEqualTo("1.10.0");
        assertThat(o.promoted().status()).isEqualTo(VersionStatus.DEPLOYED);
        assertThat(o.promoted().promotedToProductionAt()).isNotNull();
        assertThat(o.deprecated().status()).isEqualTo(VersionStatus.DEPRECATED);
        assertThat(o.deprecated().deprecationReason()).isEqualTo("superseded by 1.10.0");
    }

    @Test
    void gatedRollout() {
        var o = inRollback(models -> GatedRolloutCookbook.run(models, unique("credit")));
        assertThat(o.missingAtFirstAttempt()).containsExactly(ApprovalType.COMPLIANCE);
        assertThat(o.approval().status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(o.approval().approvedBy()).isEqualTo("compliance-officer");
        assertThat(o.deployment().trafficPercentage()).isEqualTo(100);
        assertThat(o.deployment().deployedBy()).isEqualTo("cookbook");
    }

    @Test
    void canary() {
        var o = inRollback(models -> CanaryCookbook.run(models, unique("recommender")));
        assertThat(o.duringCanary()).extracting(r -> r.semver() + "@" + r.trafficPercentage())
                .containsExactlyInAnyOrder("3.1.0@90", "3.2.0@10");
        assertThat(o.refusedOverAllocation().alreadyAllocated()).isEqualTo(90);
        assertThat(o.afterPromotion()).extracting(r -> r.semver() + "@" + r.trafficPercentage()).containsExactly("3.2.0@100");
        assertThat(o.afterPromotion().get(0).actualAvailabilityPercent()).isEqualByComparingTo("99.98");
    }

    @Test
    void lineageReport() {
        String name = unique("sentiment");
        List<String> report = inRollback(models -> LineageReportCookbook.run(models, name));
        assertThat(report).containsExactly(
                "model " + name,
                "  version 1.0.0 [deployed]",
                "    run bert-finetune-1 accuracy=0.9120",
                "      training " + name + "_train samples=50000 PII",
                "      test " + name + "_test samples=5000",
                "    deployed to staging traffic=100% active");
    }
}
