package org.mlregistry.examples.lab02;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jooq.Record;
import org.jooq.Result;
import org.junit.jupiter.api.Test;
import org.mlregistry.examples.catalog.Example;
import org.mlregistry.examples.catalog.LabCatalog;
import org.mlregistry.examples.equivalence.Equivalence;
import org.mlregistry.examples.equivalence.LabSql;
import org.mlregistry.examples.equivalence.Rows;
import org.mlregistry.schema.DatabaseTest;

/** Lab 02, Parts 6 and 7: the statements the lab writes wrong, EXPLAIN ANALYZE, and challenge 2. */
class ProductionChecksTest extends DatabaseTest {

    private static String labSql(String id) {
        return LabCatalog.select(List.of(id)).get(0).labSql();
    }

    /** L2.P6.01, L2.P6.02: pg_stat_user_indexes / pg_stat_user_tables have relname, not tablename. */
    @Test
    void theLabsStatisticsQueriesNameColumnsTheViewsDoNotHave() {
        for (String id : List.of("L2.P6.01", "L2.P6.02")) {
            Throwable thrown = catchThrowable(() -> rolledBack(ctx -> {
                LabSql.run(ctx, "registry", labSql(id));
            }));
            assertThat(thrown).as(id).hasStackTraceContaining("column \"tablename\" does not exist");
        }
    }

    /** L2.P6.01: one row per index of the registry (57 of lab 02, 12 of challenge 1, 4 of the API's V10, 6 of V50), whatever their scan counts. */
    @Test
    void indexUsageListsEveryIndexOfTheRegistry() {
        rolledBack(ctx -> {
            Result<?> usage = ProductionChecks.indexUsage(ctx);
            // V50: 6; V52: 3 idx_audit_*_id, events (pkey, 2 unique keys), event_subscribers_pkey; V60: audit_log's 6 indexes
            // are now partitioned indexes without storage (not in pg_stat_user_indexes), its 3 partitions have 6 each
            assertThat(usage).hasSize(57 + 12 + 4 + 6 + 7 - 6 + 3 * 6);
            assertThat(usage.getValues("indexname", String.class)).contains("idx_models_name", "models_pkey");
        });
    }

    /** L2.P6.08: the lab's query runs but finds no table in schema public; the registry has 12 + 2 (challenge 1) + 1 (audit_log) + 2 (V50) + 2 (V52: events, event_subscribers). */
    @Test
    void tableSizesCoverTheTablesOfTheRegistry() {
        rolledBack(ctx -> {
            assertThat(LabSql.run(ctx, "registry", labSql("L2.P6.08")).rows()).isEmpty();
            Result<?> sizes = ProductionChecks.tableSizes(ctx);
            assertThat(sizes).hasSize(15 + 2 + 2 + 3); // V60: audit_log's 3 partitions
            assertThat(sizes.getValues("total_size", String.class)).allMatch(s -> s.matches("\\d+ (bytes|kB|MB)"));
        });
    }

    /** L2.P6.04, L2.P6.06, L2.P6.07: the integrity checks find nothing wrong in the samples. */
    @Test
    void integrityChecksFindNothing() {
        rolledBack(ctx -> {
            assertThat(ProductionChecks.orphanedVersions(ctx).get(0).value1()).isZero();
            assertThat(ProductionChecks.activeDeploymentsWithoutEnvironment(ctx).get(0).value1()).isZero();
            assertThat(ProductionChecks.modelsWithoutVersions(ctx)).isEmpty();
        });
    }

    /**
     * L2.P6.04, L2.P6.06, L2.P6.07 on a registry broken on purpose: with foreign keys not enforced
     * ({@code session_replication_role = replica}, rolled back with the test), product-recommender's
     * only version is moved to a model that does not exist and one active deployment to environment
     * 999. Each check finds exactly that, as the lab's SQL does.
     */
    @Test
    void integrityChecksFindWhatIsBroken() {
        rolledBack(ctx -> {
            ctx.execute("SET LOCAL session_replication_role = replica");
            assertThat(ctx.execute("""
                    UPDATE registry.model_versions SET model_id = gen_random_uuid()
                     WHERE model_id = (SELECT model_id FROM registry.models WHERE model_name = 'product-recommender')
                    """)).isEqualTo(1);
            assertThat(ctx.execute("""
                    UPDATE registry.deployments SET environment_id = 999
                     WHERE deployment_id = (SELECT deployment_id FROM registry.deployments WHERE status = 'active'
                                             ORDER BY deployment_id LIMIT 1)
                    """)).isEqualTo(1);
            ctx.execute("SET LOCAL session_replication_role = origin");

            for (Example example : LabCatalog.select(List.of("L2.P6.04", "L2.P6.06", "L2.P6.07"))) {
                Equivalence.assertSameRows(ctx, example);
            }
            assertThat(ProductionChecks.orphanedVersions(ctx).get(0).value1()).isEqualTo(1);
            assertThat(ProductionChecks.activeDeploymentsWithoutEnvironment(ctx).get(0).value1()).isEqualTo(1);
            assertThat(ProductionChecks.modelsWithoutVersions(ctx).getValues(0, String.class))
                    .containsExactly("product-recommender");
        });
    }

    /** L2.P6.09: EXPLAIN ANALYZE runs the jOOQ query and reports actual times, like the lab's. */
    @Test
    void explainAnalyzeReportsThePlanWithActualTimes() {
        rolledBack(ctx -> {
            Result<Record> plan = ProductionChecks.explainAnalyzeVersionCount(ctx);
            List<String> lines = plan.getValues(0, String.class);
            System.out.println(String.join("\n", lines));
            assertThat(plan.field(0).getName()).isEqualTo("QUERY PLAN");
            assertThat(lines.get(0)).containsIgnoringCase("Aggregate").contains("actual time=");
            assertThat(lines).anyMatch(line -> line.contains("Join"));
            assertThat(lines.get(lines.size() - 1)).startsWith("Execution Time:");

            Result<Record> labPlan = LabSql.run(ctx, "registry", labSql("L2.P6.09")).rows();
            assertThat(labPlan.field(0).getName()).isEqualTo("QUERY PLAN");
            assertThat(labPlan.getValues(0, String.class).get(0)).containsIgnoringCase("Aggregate");
        });
    }

    /** L2.P7.01: the lab's hint selects dep.* but has no table dep. */
    @Test
    void theLabsChallengeHintDoesNotRun() {
        Throwable thrown = catchThrowable(() -> rolledBack(ctx -> {
            LabSql.run(ctx, "registry", labSql("L2.P7.01"));
        }));
        assertThat(thrown).hasStackTraceContaining("missing FROM-clause entry for table \"dep\"");
    }

    /**
     * L2.P7.01, checked by hand against registry-extended.sql: active production deployments are
     * sentiment-classifier 1.0.0 (prod, 90 %), 1.1.0 (prod, 10 %) and fraud-detector 2.0.0
     * (prod-us). Only fraud-detector has approvals: legal rejected, legal approved, compliance
     * approved, security pending, so three statuses. Latest runs: sentiment-1.0.0-tuned,
     * sentiment-1.1.0-bert-retry (running, no metrics), fraud-2.0.0-xgb-v2 (transaction-logs for
     * training, user-interactions for calibration).
     */
    @Test
    void productionModelsWithApprovalsMetricsAndDatasetsOnTheSamples() {
        rolledBack(ctx -> {
            List<List<Object>> rows = withoutDeployedAt(Rows.values(
                    ProductionChecks.productionModelsWithApprovalsMetricsAndDatasets(ctx)));
            assertThat(rows).containsExactlyInAnyOrder(
                    Arrays.asList("sentiment-classifier", "1.0.0", "prod", null, new BigDecimal("0.9134"), new BigDecimal("0.9050"), "customer-reviews-2024"),
                    Arrays.asList("sentiment-classifier", "1.1.0", "prod", null, null, null, "customer-reviews-2024"),
                    Arrays.asList("fraud-detector", "2.0.0", "prod-us", "approved", new BigDecimal("0.9768"), new BigDecimal("0.9502"),
                            "transaction-logs, user-interactions"),
                    Arrays.asList("fraud-detector", "2.0.0", "prod-us", "pending", new BigDecimal("0.9768"), new BigDecimal("0.9502"),
                            "transaction-logs, user-interactions"),
                    Arrays.asList("fraud-detector", "2.0.0", "prod-us", "rejected", new BigDecimal("0.9768"), new BigDecimal("0.9502"),
                            "transaction-logs, user-interactions"));
        });
    }

    /**
     * Fixing only the alias is not enough: the two approved approvals of fraud-detector double
     * every dataset of the run, and the sentiment run lists its dataset once per role.
     */
    @Test
    void theHintWithOnlyItsAliasFixedRepeatsDatasets() {
        rolledBack(ctx -> {
            String aliasFixed = labSql("L2.P7.01")
                    .replace("dep.environment_name", "e.environment_name")
                    .replace("dep.deployed_at", "dep_join.deployed_at");
            List<List<Object>> rows = withoutDeployedAt(Rows.values(LabSql.run(ctx, "registry", aliasFixed).rows()));
            List<Object> approved = rows.stream().filter(r -> "approved".equals(r.get(3))).findFirst().orElseThrow();
            assertThat(((String) approved.get(6)).split(", "))
                    .containsExactlyInAnyOrder("transaction-logs", "transaction-logs", "user-interactions", "user-interactions");
            List<Object> sentiment = rows.stream().filter(r -> "1.0.0".equals(r.get(1))).findFirst().orElseThrow();
            assertThat(sentiment.get(6)).isEqualTo("customer-reviews-2024, customer-reviews-2024");
        });
    }

    private static List<List<Object>> withoutDeployedAt(List<List<Object>> rows) {
        List<List<Object>> result = new ArrayList<>();
        for (List<Object> row : rows) {
            assertThat(row.get(3)).as("deployed_at").isNotNull();
            List<Object> copy = new ArrayList<>(row);
            copy.remove(3);
            result.add(copy);
        }
        return result;
    }

    /** Every lab-02 example of the catalog is there, 34 statement ids in all. */
    @Test
    void theCatalogHoldsAllThirtyFourLab02Statements() {
        List<String> ids = LabCatalog.all().stream().filter(e -> e.lab() == 2)
                .flatMap(e -> e.ids().stream()).toList();
        assertThat(ids).hasSize(34).doesNotHaveDuplicates();
        assertThat(LabCatalog.all().stream().filter(e -> e.lab() == 2).map(Example::id))
                .startsWith("L2.P3.101").endsWith("L2.P7.01");
    }
}
