package org.mlregistry.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mlregistry.schema.jooq.tracking.tables.TrainingRuns.TRAINING_RUNS;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.schema.DatabaseTest;
import org.mlregistry.schema.jooq.registry.tables.ModelVersions;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.RunStatus;

class AggregationTest extends DatabaseTest {

    private final Analytics analytics = Registry.configure().dataSource(dataSource()).load().analytics();

    @Test
    void rollupGivesLabCountsAndFlagsSubtotals() {
        Measure<Long> runs = Measure.count("runs");
        List<GroupRow> rows = analytics.aggregate(TRAINING_RUNS)
            .dimensions(TRAINING_RUNS.FRAMEWORK, TRAINING_RUNS.STATUS)
            .rollup()
            .measures(runs)
            .fetch();

        Map<Framework, Long> perFramework = new HashMap<>();
        GroupRow total = null;
        for (GroupRow row : rows) {
            if (row.isGrandTotal()) {
                total = row;
            } else if (row.key(TRAINING_RUNS.STATUS).subtotal()) {
                assertThat(row.key(TRAINING_RUNS.FRAMEWORK).subtotal()).isFalse();
                perFramework.put(row.valueOf(TRAINING_RUNS.FRAMEWORK), row.value(runs));
            }
        }
        assertThat(perFramework).containsExactlyInAnyOrderEntriesOf(Map.of(
            Framework.PYTORCH, 10L, Framework.TENSORFLOW, 6L, Framework.SKLEARN, 2L, Framework.XGBOOST, 1L, Framework.JAX, 1L));
        assertThat(total).isNotNull();
        assertThat(total.value(runs)).isEqualTo(20L);
        // order: the grand total comes last, each framework's subtotal after its details
        assertThat(rows.get(rows.size() - 1).isGrandTotal()).isTrue();
        assertThat(rows.stream().filter(GroupRow::isDetail).mapToLong(r -> r.value(runs)).sum()).isEqualTo(20L);
    }

    @Test
    void cubeStatusTotalsAndSuccessRateMatchHandWrittenSql() {
        Measure<Long> runs = Measure.count("runs");
        Measure<BigDecimal> successRate = Measure.share("success", TRAINING_RUNS.STATUS.eq(RunStatus.SUCCEEDED));
        Measure<BigDecimal> stddev = Measure.stddev("sd gpu", TRAINING_RUNS.GPU_HOURS);
        List<GroupRow> rows = analytics.aggregate(TRAINING_RUNS)
            .dimensions(TRAINING_RUNS.FRAMEWORK, TRAINING_RUNS.STATUS)
            .cube()
            .measures(runs, successRate, stddev)
            .fetch();

        Map<RunStatus, Long> perStatus = new HashMap<>();
        Map<Framework, BigDecimal> ratePerFramework = new HashMap<>();
        for (GroupRow row : rows) {
            boolean fwTotal = row.key(TRAINING_RUNS.FRAMEWORK).subtotal();
            boolean stTotal = row.key(TRAINING_RUNS.STATUS).subtotal();
            if (fwTotal && !stTotal) {
                perStatus.put(row.valueOf(TRAINING_RUNS.STATUS), row.value(runs));
            }
            if (!fwTotal && stTotal) {
                ratePerFramework.put(row.valueOf(TRAINING_RUNS.FRAMEWORK), row.value(successRate));
            }
        }
        assertThat(perStatus).containsExactlyInAnyOrderEntriesOf(Map.of(
            RunStatus.SUCCEEDED, 12L, RunStatus.FAILED, 3L, RunStatus.RUNNING, 2L,
            RunStatus.QUEUED, 1L, RunStatus.CANCELLED, 1L, RunStatus.TIMEOUT, 1L));

        List<List<Object>> expected = Jdbc.rows(dataSource(), """
            SELECT framework,
                   round(count(*) FILTER (WHERE status = 'succeeded')::numeric / count(*), 6)
            FROM tracking.training_runs GROUP BY framework""");
        assertThat(ratePerFramework).hasSize(expected.size());
        for (List<Object> e : expected) {
            Framework fw = Framework.valueOf(((String) e.get(0)).toUpperCase());
            assertThat(ratePerFramework.get(fw).setScale(6, RoundingMode.HALF_UP)).isEqualByComparingTo((BigDecimal) e.get(1));
        }
        BigDecimal sd = (BigDecimal) Jdbc.rows(dataSource(), "SELECT stddev_samp(gpu_hours) FROM tracking.training_runs").get(0).get(0);
        GroupRow total = rows.stream().filter(GroupRow::isGrandTotal).findFirst().orElseThrow();
        assertThat(total.value(stddev)).isEqualByComparingTo(sd);
        // 6 statuses + 5 frameworks + details + grand total
        assertThat(rows.stream().filter(GroupRow::isGrandTotal)).hasSize(1);
    }

    @Test
    void groupingSetsDistinguishRealNullFromSubtotal() {
        // accuracy is null for some runs: those groups are real nulls, not subtotals
        var accuracyBand = TRAINING_RUNS.ACCURACY;
        Measure<Long> runs = Measure.count("runs");
        List<GroupRow> rows = analytics.aggregate(TRAINING_RUNS)
            .dimensions(accuracyBand, TRAINING_RUNS.STATUS)
            .groupingSets(List.of(accuracyBand), List.of(TRAINING_RUNS.STATUS), List.of())
            .measures(runs)
            .fetch();
        List<Object> realNulls = new ArrayList<>();
        long detailSum = 0;
        long statusSum = 0;
        for (GroupRow row : rows) {
            if (row.key(accuracyBand).isRealNull()) {
                assertThat(row.key(TRAINING_RUNS.STATUS).subtotal()).isTrue();
                realNulls.add(row.value(runs));
            }
            if (!row.key(accuracyBand).subtotal()) {
                detailSum += row.value(runs);
            }
            if (!row.key(TRAINING_RUNS.STATUS).subtotal()) {
                assertThat(row.key(accuracyBand).subtotal()).isTrue();
                statusSum += row.value(runs);
            }
        }
        assertThat(statusSum).isEqualTo(20L);
        long nullAccuracy = (Long) Jdbc.rows(dataSource(), "SELECT count(*) FROM tracking.training_runs WHERE accuracy IS NULL").get(0).get(0);
        assertThat(nullAccuracy).isPositive();
        assertThat(realNulls).containsExactly(nullAccuracy);
        assertThat(detailSum).isEqualTo(20L);
        assertThat(rows.stream().filter(GroupRow::isGrandTotal).map(r -> r.value(runs))).containsExactly(20L);
    }

    @Test
    void dimensionWithBindValueIsRefusedClearly() {
        assertThatThrownBy(() -> analytics.aggregate(TRAINING_RUNS).dimensions(DSL.round(TRAINING_RUNS.ACCURACY, 1)))
            .isInstanceOf(InvalidValueException.class).hasFieldOrPropertyWithValue("field", "dimension")
            .hasMessageContaining("bind values");
    }

    @Test
    void groupingSetMemberMustBeADimension() {
        assertThatThrownBy(() -> analytics.aggregate(TRAINING_RUNS)
            .dimensions(TRAINING_RUNS.FRAMEWORK)
            .groupingSets(List.of(TRAINING_RUNS.STATUS)))
            .isInstanceOf(InvalidValueException.class).hasFieldOrPropertyWithValue("field", "grouping set member");
    }

    @Test
    void worksOnRegistryModelVersions() {
        ModelVersions mv = ModelVersions.MODEL_VERSIONS;
        Measure<Long> versions = Measure.count("versions");
        List<GroupRow> rows = analytics.aggregate(mv)
            .dimensions(mv.FRAMEWORK)
            .rollup()
            .measures(versions)
            .fetch();
        List<List<Object>> expected = Jdbc.rows(dataSource(), """
            SELECT framework, count(*), GROUPING(framework) FROM registry.model_versions
            GROUP BY ROLLUP (framework) ORDER BY GROUPING(framework), framework""");
        assertThat(expected).hasSizeGreaterThan(1);
        assertThat(rows).hasSize(expected.size());
        for (int i = 0; i < rows.size(); i++) {
            GroupRow row = rows.get(i);
            Object fw = row.valueOf(mv.FRAMEWORK);
            assertThat(fw == null ? null : ((org.mlregistry.schema.types.DatabaseEnum) fw).getLiteral()).isEqualTo(expected.get(i).get(0));
            assertThat(row.value(versions)).isEqualTo(expected.get(i).get(1));
            assertThat(row.key(mv.FRAMEWORK).subtotal()).isEqualTo(((Integer) expected.get(i).get(2)) == 1);
        }
    }

    @Test
    void asSelectComposes() {
        var select = analytics.aggregate(TRAINING_RUNS)
            .where(TRAINING_RUNS.STATUS.eq(RunStatus.SUCCEEDED))
            .dimensions(TRAINING_RUNS.FRAMEWORK)
            .groupBy()
            .measures(Measure.count("runs"))
            .asSelect();
        Long frameworksWithSuccess = db().selectCount().from(select.asTable("s")).fetchOne(0, Long.class);
        Long expected = (Long) Jdbc.rows(dataSource(),
            "SELECT count(DISTINCT framework) FROM tracking.training_runs WHERE status = 'succeeded'").get(0).get(0);
        assertThat(frameworksWithSuccess).isEqualTo(expected);
        assertThat(db().renderNamedParams(select)).contains(":1").doesNotContain("'succeeded'");
    }
}
