package org.mlregistry.examples.cookbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.RolledBackRegistry;
import org.mlregistry.schema.DatabaseTest;

/** The staged rollout recipe, healthy and failing at 50 %, checked against hand-written SQL. */
class StagedRolloutCookbookTest extends DatabaseTest {

    private static final BigDecimal ONE_PERCENT = BigDecimal.ONE;

    private static String unique() {
        return "fraud-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String servingInProd(org.jooq.DSLContext ctx, String modelName) {
        return String.join(",", ctx.fetch("SELECT v.semver || '@' || d.traffic_percentage || ' ' || v.status "
                        + "FROM registry.deployments d JOIN registry.model_versions v USING (version_id) "
                        + "JOIN registry.models m USING (model_id) JOIN registry.environments e USING (environment_id) "
                        + "WHERE m.model_name = ? AND e.environment_name = 'prod' AND d.status = 'active' ORDER BY 1", modelName)
                .getValues(0, String.class));
    }

    @Test
    void aHealthyCandidateReachesAllTheTraffic() {
        String name = unique();
        RolledBackRegistry.run(db(), registry -> {
            var o = StagedRolloutCookbook.run(registry.models().actor("release"), name, ONE_PERCENT, stage -> new BigDecimal("99.95"));
            assertThat(o.reached()).containsExactly(10, 50, 100);
            assertThat(o.rolledBack()).isFalse();
            assertThat(o.serving()).extracting(d -> d.trafficPercentage()).containsExactly(100);
            assertThat(servingInProd(registry.dsl(), name)).isEqualTo("4.1.0@100 deployed");
            return null;
        });
    }

    @Test
    void aCandidateWhoseErrorRateCrossesTheThresholdIsRolledBack() {
        String name = unique();
        RolledBackRegistry.run(db(), registry -> {
            var o = StagedRolloutCookbook.run(registry.models().actor("release"), name, ONE_PERCENT,
                    stage -> stage < 50 ? new BigDecimal("99.90") : new BigDecimal("97.50"));
            assertThat(o.reached()).containsExactly(10, 50);
            assertThat(o.rolledBack()).isTrue();
            assertThat(servingInProd(registry.dsl(), name)).isEqualTo("4.0.0@100 deployed");
            assertThat(registry.dsl().fetchValue("SELECT v.status FROM registry.model_versions v JOIN registry.models m "
                    + "USING (model_id) WHERE m.model_name = ? AND v.semver = '4.1.0'", name)).isEqualTo("validated");
            return null;
        });
    }
}
