package org.mlregistry.examples.lab02;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.jooq.Record;
import org.jooq.Result;
import org.junit.jupiter.api.Test;
import org.mlregistry.examples.catalog.Example;
import org.mlregistry.examples.catalog.LabCatalog;
import org.mlregistry.examples.equivalence.Rows;
import org.mlregistry.schema.DatabaseTest;

/**
 * Lab 02, Part 5 on the extended samples (registry-extended.sql): every query returns rows, and
 * the aggregates are the ones worked out by hand from the sample rows.
 */
class RelationshipQueriesTest extends DatabaseTest {

    /** L2.P5.01–L2.P5.09 on registry-extended.sql. */
    @Test
    void everyPart5QueryReturnsRows() {
        rolledBack(ctx -> {
            for (Example example : LabCatalog.select(List.of("L2.P5"))) {
                Result<? extends Record> rows = example.run(ctx);
                assertThat(rows).as(example.toString()).isNotEmpty();
            }
        });
    }

    /** Costs: sentiment 13.50 + 18.00 + 6.00 (the running retry has none); GPU hours 4.5, 6, 2, 1.25. */
    @Test
    void trainingRunsPerModelAddUpTheSampleRuns() {
        rolledBack(ctx -> {
            assertThat(Rows.values(RelationshipQueries.trainingRunsPerModel(ctx))).containsExactly(
                    List.of("fraud-detector", 2L, 2L, new BigDecimal("11.00"), new BigDecimal("66.00")),
                    List.of("sentiment-classifier", 4L, 2L, new BigDecimal("3.44"), new BigDecimal("37.50")),
                    List.of("product-recommender", 1L, 1L, new BigDecimal("0.00"), new BigDecimal("4.20")));
        });
    }

    /** total_training_runs counts run_datasets rows: a dataset used for training and validation counts twice. */
    @Test
    void datasetUsageCountsModelsAndRuns() {
        rolledBack(ctx -> {
            assertThat(Rows.values(RelationshipQueries.datasetUsage(ctx))).containsExactly(
                    List.of("user-interactions", "User Interaction Events", 2L, 3L, "fraud-detector, product-recommender"),
                    List.of("customer-reviews-2024", "Customer Reviews 2024", 1L, 6L, "sentiment-classifier"),
                    List.of("transaction-logs", "Transaction Logs", 1L, 3L, "fraud-detector"));
        });
    }

    @Test
    void deploymentSummaryByEnvironment() {
        rolledBack(ctx -> {
            List<List<Object>> rows = Rows.values(RelationshipQueries.deploymentsByEnvironment(ctx));
            assertThat(rows).hasSize(10).contains(
                    List.of("prod", 2L, 1L, 2L),
                    List.of("prod-us", 1L, 1L, 1L),
                    List.of("staging", 3L, 3L, 2L),
                    List.of("dev", 3L, 2L, 2L),
                    List.of("prod-eu", 0L, 0L, 0L));
        });
    }

    /** Pending and approved approvals of fraud-detector, newest request first; the rejected one is left out. */
    @Test
    void approvalsForComplianceRequiredModels() {
        rolledBack(ctx -> {
            List<List<Object>> rows = Rows.values(RelationshipQueries.approvalsForCompliance(ctx));
            assertThat(rows).extracting(r -> r.get(0) + " " + r.get(4) + " " + r.get(5)).containsExactly(
                    "fraud-detector security pending",
                    "fraud-detector compliance approved",
                    "fraud-detector legal approved");
        });
    }

    /** Each sentiment run with its training dataset, once per active deployment of its version. */
    @Test
    void lineageOfTheSentimentClassifier() {
        rolledBack(ctx -> {
            List<List<Object>> rows = Rows.values(RelationshipQueries.modelLineage(ctx));
            assertThat(rows).extracting(r -> r.get(1) + " " + r.get(2) + " " + r.get(4) + " " + r.get(6))
                    .containsExactlyInAnyOrder(
                            "1.0.0 sentiment-1.0.0-baseline customer-reviews-2024 staging",
                            "1.0.0 sentiment-1.0.0-baseline customer-reviews-2024 prod",
                            "1.0.0 sentiment-1.0.0-tuned customer-reviews-2024 staging",
                            "1.0.0 sentiment-1.0.0-tuned customer-reviews-2024 prod",
                            "1.1.0 sentiment-1.1.0-bert customer-reviews-2024 dev",
                            "1.1.0 sentiment-1.1.0-bert customer-reviews-2024 prod",
                            "1.1.0 sentiment-1.1.0-bert-retry customer-reviews-2024 dev",
                            "1.1.0 sentiment-1.1.0-bert-retry customer-reviews-2024 prod");
        });
    }
}
