package org.mlregistry.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlregistry.schema.jooq.tracking.tables.TrainingRuns.TRAINING_RUNS;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.tracking.Run;
import org.mlregistry.schema.DatabaseTest;
import org.mlregistry.schema.jooq.registry.tables.ModelVersions;
import org.mlregistry.schema.jooq.registry.tables.records.ModelVersionsRecord;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.ModelFramework;
import org.mlregistry.schema.types.RunStatus;

class RankingTest extends DatabaseTest {

    private final Analytics analytics = Registry.configure().dataSource(dataSource()).load().analytics();

    @Test
    void labPart8RankWithinFrameworkMatchesHandWrittenSql() {
        List<RankedRow<Framework, BigDecimal, Run>> rows = analytics.trainingRuns().accuracyRanking();

        List<List<Object>> expected = Jdbc.rows(dataSource(), """
            SELECT run_id, framework, RANK() OVER (PARTITION BY framework ORDER BY accuracy DESC NULLS LAST),
                   round(AVG(accuracy) OVER (PARTITION BY framework), 8)
            FROM tracking.training_runs
            WHERE status = 'succeeded' AND accuracy IS NOT NULL
            ORDER BY framework, 3, run_id""");
        assertThat(expected).isNotEmpty();
        assertThat(rows).hasSize(expected.size());
        for (int i = 0; i < rows.size(); i++) {
            RankedRow<Framework, BigDecimal, Run> row = rows.get(i);
            List<Object> e = expected.get(i);
            assertThat(row.partition().getLiteral()).isEqualTo(e.get(1));
            assertThat(row.row().framework()).isEqualTo(row.partition());
            assertThat(row.rank()).isEqualTo((Long) e.get(2));
            assertThat(row.partitionAggregate().setScale(8, RoundingMode.HALF_UP)).isEqualByComparingTo((BigDecimal) e.get(3));
        }
        // rows with the same rank may come in any order; compare the sets of run ids per (framework, rank)
        assertThat(rows.stream().map(r -> r.row().runId()).toList())
            .containsExactlyInAnyOrderElementsOf(expected.stream().map(e -> (java.util.UUID) e.get(0)).toList());
        for (RankedRow<Framework, BigDecimal, Run> row : rows) {
            assertThat(row.row().status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(row.row().accuracy()).isNotNull();
        }
        // pytorch's best run ranks 1 and its accuracy is the maximum of the partition
        BigDecimal pytorchMax = (BigDecimal) Jdbc.rows(dataSource(),
            "SELECT max(accuracy) FROM tracking.training_runs WHERE framework = 'pytorch' AND status = 'succeeded'").get(0).get(0);
        assertThat(rows.stream().filter(r -> r.partition() == Framework.PYTORCH && r.rank() == 1).map(r -> r.row().accuracy()))
            .allSatisfy(a -> assertThat(a).isEqualByComparingTo(pytorchMax));
    }

    @Test
    void denseRankAndRowNumberWithCountAggregate() {
        var rows = analytics.ranking(TRAINING_RUNS)
            .partitionBy(TRAINING_RUNS.STATUS)
            .orderBy(TRAINING_RUNS.CREATED_AT.asc(), TRAINING_RUNS.RUN_ID.asc())
            .rowNumber()
            .withPartitionAggregate(DSL.count())
            .fetch();
        assertThat(rows).hasSize(20);
        // row numbers are 1..count within each status, and the count beside each row is the status count
        var byStatus = rows.stream().collect(java.util.stream.Collectors.groupingBy(RankedRow::partition));
        assertThat(byStatus.get(RunStatus.SUCCEEDED)).hasSize(12)
            .allSatisfy(r -> assertThat(r.partitionAggregate()).isEqualTo(12));
        assertThat(byStatus.get(RunStatus.FAILED)).hasSize(3)
            .allSatisfy(r -> assertThat(r.partitionAggregate()).isEqualTo(3));
        byStatus.values().forEach(list -> assertThat(list.stream().map(RankedRow::rank).toList())
            .isEqualTo(java.util.stream.LongStream.rangeClosed(1, list.size()).boxed().toList()));

        var dense = analytics.ranking(TRAINING_RUNS)
            .partitionBy(TRAINING_RUNS.FRAMEWORK)
            .orderBy(TRAINING_RUNS.STATUS.asc())
            .denseRank()
            .fetch();
        // pytorch's distinct statuses give dense ranks 1..k without gaps
        long pytorchStatuses = (Long) Jdbc.rows(dataSource(),
            "SELECT count(DISTINCT status) FROM tracking.training_runs WHERE framework = 'pytorch'").get(0).get(0);
        assertThat(dense.stream().filter(r -> r.partition() == Framework.PYTORCH).mapToLong(RankedRow::rank).max().orElseThrow())
            .isEqualTo(pytorchStatuses);
        assertThat(dense).allSatisfy(r -> assertThat(r.partitionAggregate()).isNull());
    }

    @Test
    void upToRankKeepsTiesAndMatchesHandWrittenSql() {
        var rows = analytics.ranking(TRAINING_RUNS)
            .partitionBy(TRAINING_RUNS.FRAMEWORK)
            .orderBy(TRAINING_RUNS.STATUS.asc())
            .rank()
            .withPartitionAggregate(DSL.count())
            .upToRank(1)
            .fetch();
        List<List<Object>> expected = Jdbc.rows(dataSource(), """
            SELECT run_id, framework, c FROM (
                SELECT run_id, framework, RANK() OVER (PARTITION BY framework ORDER BY status) AS r,
                       count(*) OVER (PARTITION BY framework) AS c
                FROM tracking.training_runs) x
            WHERE r <= 1 ORDER BY framework""");
        // first status in text order: pytorch "cancelled" 1 run, tensorflow "failed" 1, xgboost and jax 1 each;
        // sklearn's two runs are both "succeeded", tie at rank 1 and are both kept
        assertThat(expected).hasSize(6);
        assertThat(rows.stream().filter(r -> r.partition() == Framework.SKLEARN)).hasSize(2);
        assertThat(rows).hasSize(expected.size());
        assertThat(rows.stream().map(r -> r.row().getRunId()).toList())
            .containsExactlyInAnyOrderElementsOf(expected.stream().map(e -> (java.util.UUID) e.get(0)).toList());
        assertThat(rows).allSatisfy(r -> assertThat(r.rank()).isEqualTo(1L));
        assertThat(rows.stream().filter(r -> r.partition() == Framework.PYTORCH))
            .allSatisfy(r -> assertThat(r.partitionAggregate()).isEqualTo(10));
        assertThat(rows.stream().map(RankedRow::partition).distinct()).hasSize(5);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> analytics.ranking(TRAINING_RUNS)
            .partitionBy(TRAINING_RUNS.FRAMEWORK).orderBy(TRAINING_RUNS.STATUS).rank().upToRank(0))
            .isInstanceOf(InvalidValueException.class).hasFieldOrPropertyWithValue("field", "maxRank");
    }

    @Test
    void worksOnRegistryModelVersions() {
        ModelVersions mv = ModelVersions.MODEL_VERSIONS;
        List<RankedRow<ModelFramework, Integer, ModelVersionsRecord>> rows = analytics.ranking(mv)
            .partitionBy(mv.FRAMEWORK)
            .orderBy(mv.SEMVER.desc(), mv.VERSION_ID)
            .rowNumber()
            .withPartitionAggregate(DSL.count())
            .fetch();
        List<List<Object>> expected = Jdbc.rows(dataSource(), """
            SELECT version_id, ROW_NUMBER() OVER (PARTITION BY framework ORDER BY semver DESC, version_id),
                   count(*) OVER (PARTITION BY framework)
            FROM registry.model_versions ORDER BY framework, 2""");
        assertThat(expected).isNotEmpty();
        assertThat(rows).hasSize(expected.size());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).row().getVersionId()).isEqualTo(expected.get(i).get(0));
            assertThat(rows.get(i).rank()).isEqualTo(expected.get(i).get(1));
            assertThat(rows.get(i).partitionAggregate().longValue()).isEqualTo(expected.get(i).get(2));
        }
    }
}
