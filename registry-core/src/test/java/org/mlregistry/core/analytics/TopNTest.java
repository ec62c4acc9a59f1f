package org.mlregistry.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mlregistry.schema.jooq.tracking.tables.TrainingRuns.TRAINING_RUNS;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.tracking.Run;
import org.mlregistry.schema.DatabaseTest;
import org.mlregistry.schema.jooq.registry.tables.Models;
import org.mlregistry.schema.jooq.registry.tables.records.ModelsRecord;
import org.mlregistry.schema.jooq.tracking.tables.records.TrainingRunsRecord;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.RiskLevel;
import org.mlregistry.schema.types.RunStatus;

class TopNTest extends DatabaseTest {

    private final Analytics analytics = Registry.configure().dataSource(dataSource()).load().analytics();

    @Test
    void top2AccuracyPerFrameworkMatchesLabLateralQuery() {
        List<TopRow<Framework, Run>> rows = analytics.trainingRuns().leaderboard(2);

        List<List<Object>> expected = Jdbc.rows(dataSource(), """
            SELECT f.framework, t.run_id, t.accuracy
            FROM (SELECT DISTINCT framework FROM tracking.training_runs) f
            CROSS JOIN LATERAL (
                SELECT run_id, accuracy FROM tracking.training_runs
                WHERE framework = f.framework AND status = 'succeeded' AND accuracy IS NOT NULL
                ORDER BY accuracy DESC, run_id LIMIT 2) t
            ORDER BY f.framework, t.accuracy DESC, t.run_id""");
        assertThat(expected).isNotEmpty();
        assertThat(rows).hasSize(expected.size());
        for (int i = 0; i < rows.size(); i++) {
            TopRow<Framework, Run> row = rows.get(i);
            assertThat(row.group().getLiteral()).isEqualTo(expected.get(i).get(0));
            assertThat(row.row().runId()).isEqualTo(expected.get(i).get(1));
            assertThat(row.row().accuracy()).isEqualByComparingTo((java.math.BigDecimal) expected.get(i).get(2));
            assertThat(row.row().framework()).isEqualTo(row.group());
            assertThat(row.row().status()).isEqualTo(RunStatus.SUCCEEDED);
        }
        // positions run 1, 2 within each framework; at most 2 per framework
        assertThat(rows.stream().collect(java.util.stream.Collectors.groupingBy(TopRow::group, java.util.stream.Collectors.counting())))
            .allSatisfy((fw, n) -> assertThat(n).isBetween(1L, 2L));
        assertThat(rows.stream().filter(r -> r.group() == Framework.PYTORCH).map(TopRow::position)).containsExactly(1, 2);
    }

    @Test
    void bestRunPerExperimentIsTheMaxAccuracy() {
        var rows = analytics.topN(TRAINING_RUNS)
            .where(TRAINING_RUNS.ACCURACY.isNotNull())
            .perGroup(TRAINING_RUNS.EXPERIMENT_NAME)
            .orderBy(TRAINING_RUNS.ACCURACY.desc(), TRAINING_RUNS.RUN_ID)
            .limit(1)
            .fetch();
        List<List<Object>> expected = Jdbc.rows(dataSource(), """
            SELECT experiment_name, max(accuracy) FROM tracking.training_runs
            WHERE accuracy IS NOT NULL GROUP BY experiment_name ORDER BY experiment_name""");
        assertThat(rows).hasSize(expected.size());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).group()).isEqualTo(expected.get(i).get(0));
            assertThat(rows.get(i).position()).isEqualTo(1);
            assertThat(rows.get(i).row().getAccuracy()).isEqualByComparingTo((java.math.BigDecimal) expected.get(i).get(1));
        }
    }

    @Test
    void limitIsBoundAndValidated() {
        var select = analytics.topN(TRAINING_RUNS).perGroup(TRAINING_RUNS.FRAMEWORK)
            .orderBy(TRAINING_RUNS.CREATED_AT.desc()).limit(3).asSelect();
        assertThat(select.getSQL()).containsIgnoringCase("cross join lateral").contains("fetch next ? rows only");
        java.math.BigDecimal expected = (java.math.BigDecimal) Jdbc.rows(dataSource(), """
            SELECT sum(least(n, 3)) FROM (SELECT count(*) n FROM tracking.training_runs GROUP BY framework) c""").get(0).get(0);
        // pytorch 10 -> 3, tensorflow 6 -> 3, sklearn 2, xgboost 1, jax 1
        assertThat(expected.intValue()).isEqualTo(10);
        assertThat(db().fetchCount(select)).isEqualTo(expected.intValue());
        assertThatThrownBy(() -> analytics.topN(TRAINING_RUNS).perGroup(TRAINING_RUNS.FRAMEWORK)
            .orderBy(TRAINING_RUNS.CREATED_AT.desc()).limit(0)).isInstanceOf(InvalidValueException.class).hasFieldOrPropertyWithValue("field", "limit");
    }

    @Test
    void worksOnRegistryModels() {
        Models m = Models.MODELS;
        List<TopRow<RiskLevel, ModelsRecord>> rows = analytics.topN(m)
            .perGroup(m.RISK_LEVEL)
            .orderBy(m.MODEL_NAME.asc())
            .limit(1)
            .fetch();
        List<List<Object>> expected = Jdbc.rows(dataSource(), """
            SELECT risk_level, min(model_name) FROM registry.models GROUP BY risk_level ORDER BY risk_level NULLS LAST""");
        assertThat(expected).isNotEmpty();
        assertThat(rows).hasSize(expected.size());
        for (int i = 0; i < rows.size(); i++) {
            RiskLevel level = rows.get(i).group();
            assertThat(level == null ? null : level.getLiteral()).isEqualTo(expected.get(i).get(0));
            assertThat(rows.get(i).row().getModelName()).isEqualTo(expected.get(i).get(1));
            assertThat(rows.get(i).row().getModelId()).isInstanceOf(UUID.class);
        }
    }

    @Test
    void nullGroupKeyIsAGroupOfItsOwn() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<TopRow<String, TrainingRunsRecord>> rows = rolledBack(ctx -> {
            for (String[] run : new String[][] {{"topn-a-" + tag, "x"}, {"topn-b-" + tag, null}, {"topn-c-" + tag, null}}) {
                ctx.insertInto(TRAINING_RUNS)
                    .set(TRAINING_RUNS.MODEL_NAME, run[0])
                    .set(TRAINING_RUNS.FRAMEWORK, Framework.PYTORCH)
                    .set(TRAINING_RUNS.EXPERIMENT_NAME, "exp-topn")
                    .set(TRAINING_RUNS.DATASET, "ds-topn")
                    .set(TRAINING_RUNS.COMPUTE_TARGET, "t")
                    .set(TRAINING_RUNS.STATUS, RunStatus.QUEUED)
                    .set(TRAINING_RUNS.PARAMETERS, org.jooq.JSONB.valueOf("{}"))
                    .set(TRAINING_RUNS.NOTES, run[1])
                    .execute();
            }
            return Registry.configure().dsl(ctx).load().analytics().topN(TRAINING_RUNS)
                .where(TRAINING_RUNS.MODEL_NAME.endsWith(tag))
                .perGroup(TRAINING_RUNS.NOTES)
                .orderBy(TRAINING_RUNS.MODEL_NAME)
                .limit(5)
                .fetch();
        });
        assertThat(rows).extracting(TopRow::group).containsExactly("x", null, null);
        assertThat(rows).extracting(r -> r.row().getModelName())
            .containsExactly("topn-a-" + tag, "topn-b-" + tag, "topn-c-" + tag);
        assertThat(rows).extracting(TopRow::position).containsExactly(1, 1, 2);
    }
}
