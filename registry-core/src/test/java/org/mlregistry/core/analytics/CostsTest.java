package org.mlregistry.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mlregistry.schema.jooq.tracking.tables.TrainingRuns.TRAINING_RUNS;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.RegistryException;
import org.mlregistry.core.error.UnknownRateException;
import org.mlregistry.schema.DatabaseTest;
import org.mlregistry.schema.jooq.registry.tables.ModelVersions;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.ModelFramework;

class CostsTest extends DatabaseTest {

    private static final BigDecimal RATE = new BigDecimal("2.50");

    private final Analytics analytics = Registry.configure().dataSource(dataSource()).load().analytics();

    @Test
    void flatRatePerFrameworkMatchesLabChallengeQuery() {
        List<CostRow<Framework>> rows = analytics.trainingRuns().gpuCostByFramework(RATE);
        List<List<Object>> expected = Jdbc.rows(dataSource(), """
            SELECT framework, count(*), sum(gpu_hours), sum(gpu_hours) * 2.50
            FROM tracking.training_runs GROUP BY framework ORDER BY framework""");
        assertThat(rows).hasSize(5);
        assertThat(rows).hasSize(expected.size());
        for (int i = 0; i < rows.size(); i++) {
            CostRow<Framework> row = rows.get(i);
            assertThat(row.key().getLiteral()).isEqualTo(expected.get(i).get(0));
            assertThat(row.runs()).isEqualTo(expected.get(i).get(1));
            assertThat(row.hours()).isEqualByComparingTo((BigDecimal) expected.get(i).get(2));
            assertThat(row.cost()).isEqualByComparingTo((BigDecimal) expected.get(i).get(3));
            // exact: cost = hours x rate
            assertThat(row.cost()).isEqualByComparingTo(row.hours().multiply(RATE));
        }
        Map<Framework, Long> runs = new HashMap<>();
        rows.forEach(r -> runs.put(r.key(), r.runs()));
        assertThat(runs).containsExactlyInAnyOrderEntriesOf(Map.of(
            Framework.PYTORCH, 10L, Framework.TENSORFLOW, 6L, Framework.SKLEARN, 2L, Framework.XGBOOST, 1L, Framework.JAX, 1L));
    }

    @Test
    void ratePerTargetWithDefaultMatchesHandWrittenSql() {
        Map<String, BigDecimal> rates = Map.of("k8s-gpu-a100", new BigDecimal("3.67"), "aws-sagemaker-p3", new BigDecimal("3.06"));
        List<CostRow<String>> rows = analytics.costs(TRAINING_RUNS)
            .hours(TRAINING_RUNS.GPU_HOURS)
            .ratePer(TRAINING_RUNS.COMPUTE_TARGET, rates)
            .orDefault(new BigDecimal("1.10"))
            .by(TRAINING_RUNS.COMPUTE_TARGET)
            .fetch();
        List<List<Object>> expected = Jdbc.rows(dataSource(), """
            SELECT compute_target, count(*), sum(gpu_hours),
                   sum(gpu_hours * CASE compute_target WHEN 'k8s-gpu-a100' THEN 3.67
                                                       WHEN 'aws-sagemaker-p3' THEN 3.06 ELSE 1.10 END)
            FROM tracking.training_runs GROUP BY compute_target ORDER BY compute_target""");
        assertThat(rows).hasSize(expected.size());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).key()).isEqualTo(expected.get(i).get(0));
            assertThat(rows.get(i).runs()).isEqualTo(expected.get(i).get(1));
            assertThat(rows.get(i).cost()).isEqualByComparingTo((BigDecimal) expected.get(i).get(3));
        }
        CostRow<String> a100 = rows.stream().filter(r -> r.key().equals("k8s-gpu-a100")).findFirst().orElseThrow();
        assertThat(a100.cost()).isEqualByComparingTo(a100.hours().multiply(new BigDecimal("3.67")));
    }

    @Test
    void unknownTargetFailsWithTheTargetsNamed() {
        Map<String, BigDecimal> rates = Map.of("k8s-gpu-a100", new BigDecimal("3.67"));
        assertThatThrownBy(() -> analytics.costs(TRAINING_RUNS)
            .hours(TRAINING_RUNS.GPU_HOURS)
            .ratePer(TRAINING_RUNS.COMPUTE_TARGET, rates)
            .failOnUnknown()
            .by(TRAINING_RUNS.FRAMEWORK)
            .fetch())
            .isInstanceOf(UnknownRateException.class)
            .isInstanceOf(RegistryException.class)
            .hasMessageContaining("on-premise-cpu")
            .satisfies(e -> assertThat(((UnknownRateException) e).targets())
                .contains("aws-sagemaker-p3", "on-premise-cpu").doesNotContain("k8s-gpu-a100"));

        // restricted to the known target, the strict report succeeds
        List<CostRow<Void>> total = analytics.costs(TRAINING_RUNS)
            .where(TRAINING_RUNS.COMPUTE_TARGET.eq("k8s-gpu-a100"))
            .hours(TRAINING_RUNS.GPU_HOURS)
            .ratePer(TRAINING_RUNS.COMPUTE_TARGET, rates)
            .failOnUnknown()
            .total()
            .fetch();
        BigDecimal hours = (BigDecimal) Jdbc.rows(dataSource(),
            "SELECT sum(gpu_hours) FROM tracking.training_runs WHERE compute_target = 'k8s-gpu-a100'").get(0).get(0);
        assertThat(total).hasSize(1);
        assertThat(total.get(0).key()).isNull();
        assertThat(total.get(0).cost()).isEqualByComparingTo(hours.multiply(new BigDecimal("3.67")));
    }

    @Test
    void nullTargetIsReportedAsUnknown() {
        // the target expression is null for the on-premise-cpu runs
        var target = org.jooq.impl.DSL.nullif(TRAINING_RUNS.COMPUTE_TARGET, org.jooq.impl.DSL.inline("on-premise-cpu"));
        assertThatThrownBy(() -> analytics.costs(TRAINING_RUNS)
            .where(TRAINING_RUNS.COMPUTE_TARGET.in("k8s-gpu-a100", "on-premise-cpu"))
            .hours(TRAINING_RUNS.GPU_HOURS)
            .ratePer(target, Map.of("k8s-gpu-a100", BigDecimal.ONE))
            .failOnUnknown()
            .total()
            .fetch())
            .isInstanceOfSatisfying(UnknownRateException.class, e -> assertThat(e.targets()).containsExactly("NULL"));
    }

    @Test
    void perUtcDayAndTotal() {
        List<CostRow<LocalDate>> perDay = analytics.costs(TRAINING_RUNS)
            .hours(TRAINING_RUNS.GPU_HOURS)
            .rate(RATE)
            .by(Buckets.dayUtc(TRAINING_RUNS.CREATED_AT))
            .fetch();
        List<List<Object>> expected = Jdbc.rows(dataSource(), """
            SELECT (created_at AT TIME ZONE 'UTC')::date, sum(gpu_hours) * 2.50
            FROM tracking.training_runs GROUP BY 1 ORDER BY 1""");
        assertThat(perDay).hasSize(expected.size());
        for (int i = 0; i < perDay.size(); i++) {
            assertThat(perDay.get(i).key()).isEqualTo(((java.sql.Date) expected.get(i).get(0)).toLocalDate());
            assertThat(perDay.get(i).cost()).isEqualByComparingTo((BigDecimal) expected.get(i).get(1));
        }
        CostRow<Void> total = analytics.costs(TRAINING_RUNS).hours(TRAINING_RUNS.GPU_HOURS).rate(RATE).total().fetch().get(0);
        assertThat(total.runs()).isEqualTo(20L);
        assertThat(total.cost()).isEqualByComparingTo(
            perDay.stream().map(CostRow::cost).reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    @Test
    void ratesAreValidatedAndBound() {
        assertThatThrownBy(() -> analytics.costs(TRAINING_RUNS).hours(TRAINING_RUNS.GPU_HOURS).rate(new BigDecimal("-1")))
            .isInstanceOf(InvalidValueException.class).hasFieldOrPropertyWithValue("field", "rate");
        var sql = analytics.costs(TRAINING_RUNS).hours(TRAINING_RUNS.GPU_HOURS)
            .ratePer(TRAINING_RUNS.COMPUTE_TARGET, Map.of("x'; drop table t; --", new BigDecimal("9.99")))
            .orDefault(BigDecimal.ONE).total().asSelect().getSQL();
        assertThat(sql).doesNotContain("drop table").doesNotContain("9.99");
    }

    @Test
    void worksOnRegistryModelVersions() {
        ModelVersions mv = ModelVersions.MODEL_VERSIONS;
        // one "hour" per version, priced per framework: generic "hours" and "target"
        List<CostRow<ModelFramework>> rows = analytics.costs(mv)
            .hours(org.jooq.impl.DSL.inline(BigDecimal.ONE))
            .ratePer(mv.FRAMEWORK, Map.of(ModelFramework.PYTORCH, new BigDecimal("0.5")))
            .orDefault(new BigDecimal("0.25"))
            .by(mv.FRAMEWORK)
            .fetch();
        List<List<Object>> expected = Jdbc.rows(dataSource(), """
            SELECT framework, count(*), sum(1 * CASE framework WHEN 'pytorch' THEN 0.5 ELSE 0.25 END)
            FROM registry.model_versions GROUP BY framework ORDER BY framework""");
        assertThat(expected).isNotEmpty();
        assertThat(rows).hasSize(expected.size());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).key().getLiteral()).isEqualTo(expected.get(i).get(0));
            assertThat(rows.get(i).runs()).isEqualTo(expected.get(i).get(1));
            assertThat(rows.get(i).cost()).isEqualByComparingTo((BigDecimal) expected.get(i).get(2));
        }
    }
}
