package org.mlregistry.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mlregistry.schema.jooq.tracking.tables.TrainingRuns.TRAINING_RUNS;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.schema.DatabaseTest;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.RunStatus;

/** The remaining measures, the tracking convenience rollup, and composing the builders' selects. */
class MeasureAndCompositionTest extends DatabaseTest {

    private final Analytics analytics = Registry.configure().dataSource(dataSource()).load().analytics();

    @Test
    void minMaxSumAndCustomMeasuresPerStatus() {
        Measure<BigDecimal> min = Measure.min("min gpu", TRAINING_RUNS.GPU_HOURS);
        Measure<BigDecimal> max = Measure.max("max gpu", TRAINING_RUNS.GPU_HOURS);
        Measure<BigDecimal> sum = Measure.sum("sum gpu", TRAINING_RUNS.GPU_HOURS);
        Measure<OffsetDateTime> latest = Measure.of("latest", DSL.max(TRAINING_RUNS.CREATED_AT));
        assertThat(min.label()).isEqualTo("min gpu");
        assertThat(min.toString()).isEqualTo("min gpu");
        assertThat(latest.aggregate().getType()).isEqualTo(OffsetDateTime.class);

        List<GroupRow> rows = analytics.aggregate(TRAINING_RUNS)
            .dimensions(TRAINING_RUNS.STATUS)
            .groupBy()
            .measures(min, max, sum, latest)
            .fetch();
        List<List<Object>> expected = Jdbc.rows(dataSource(), """
            SELECT status, min(gpu_hours), max(gpu_hours), sum(gpu_hours), max(created_at)
            FROM tracking.training_runs GROUP BY status ORDER BY status""");
        assertThat(rows).hasSize(6).hasSize(expected.size());
        for (int i = 0; i < rows.size(); i++) {
            GroupRow row = rows.get(i);
            List<Object> e = expected.get(i);
            assertThat(((RunStatus) row.key(0).value()).getLiteral()).isEqualTo(e.get(0));
            assertThat(row.isDetail()).isTrue();
            assertThat(row.value(min)).isEqualByComparingTo((BigDecimal) e.get(1));
            assertThat(row.value(max)).isEqualByComparingTo((BigDecimal) e.get(2));
            assertThat(row.value(sum)).isEqualByComparingTo((BigDecimal) e.get(3));
            assertThat(row.value(latest).toInstant()).isEqualTo(((java.sql.Timestamp) e.get(4)).toInstant());
        }
        // pytorch running runs: 48.5 and 156.2 (hand-checked from the seed)
        GroupRow running = rows.stream().filter(r -> r.valueOf(TRAINING_RUNS.STATUS) == RunStatus.RUNNING).findFirst().orElseThrow();
        assertThat(running.value(max)).isEqualByComparingTo("156.2");
        assertThat(running.value(sum)).isEqualByComparingTo("204.7");
        assertThatThrownBy(() -> running.value(Measure.count("not computed"))).isInstanceOf(InvalidValueException.class).hasFieldOrPropertyWithValue("field", "measure");
        assertThatThrownBy(() -> running.key(TRAINING_RUNS.FRAMEWORK)).isInstanceOf(InvalidValueException.class).hasFieldOrPropertyWithValue("field", "dimension");
    }

    @Test
    void trackingFrameworkStatusRollup() {
        List<GroupRow> rows = analytics.trainingRuns().frameworkStatusRollup();
        GroupRow total = rows.get(rows.size() - 1);
        assertThat(total.isGrandTotal()).isTrue();
        assertThat(total.value(TrainingRunAnalytics.RUNS)).isEqualTo(20L);
        assertThat(total.value(TrainingRunAnalytics.SUCCESS_RATE)).isEqualByComparingTo("0.6");
        GroupRow xgboost = rows.stream()
            .filter(r -> r.valueOf(TRAINING_RUNS.FRAMEWORK) == Framework.XGBOOST && r.key(TRAINING_RUNS.STATUS).subtotal())
            .findFirst().orElseThrow();
        assertThat(xgboost.value(TrainingRunAnalytics.RUNS)).isEqualTo(1L);
        assertThat(xgboost.value(TrainingRunAnalytics.SUCCESS_RATE)).isEqualByComparingTo("1");
        assertThat(xgboost.value(TrainingRunAnalytics.AVG_GPU_HOURS)).isEqualByComparingTo("0");
    }

    @Test
    void rankingSelectComposesIntoBestPerFramework() {
        Table<Record> ranked = analytics.ranking(TRAINING_RUNS)
            .where(TRAINING_RUNS.ACCURACY.isNotNull())
            .partitionBy(TRAINING_RUNS.FRAMEWORK)
            .orderBy(TRAINING_RUNS.ACCURACY.desc())
            .rowNumber()
            .asSelect()
            .asTable("ranked");
        Field<Long> rank = ranked.field("rank_in_partition", Long.class);
        Field<BigDecimal> accuracy = ranked.field("accuracy", BigDecimal.class);
        List<BigDecimal> best = db().select(accuracy).from(ranked).where(rank.eq(1L))
            .orderBy(accuracy.desc()).fetch(accuracy);
        // pytorch 0.9456, tensorflow 0.9123, xgboost 0.9567 (sklearn and jax have no accuracy)
        assertThat(best).usingElementComparator(BigDecimal::compareTo)
            .containsExactly(new BigDecimal("0.9567"), new BigDecimal("0.9456"), new BigDecimal("0.9123"));
    }

    @Test
    void seriesSelectComposes() {
        Table<Record> series = analytics.series(TRAINING_RUNS)
            .orderBy(TRAINING_RUNS.CREATED_AT, TRAINING_RUNS.RUN_ID)
            .value(TRAINING_RUNS.GPU_HOURS)
            .asSelect()
            .asTable("s");
        Field<BigDecimal> runningTotal = series.field("running_total", BigDecimal.class);
        BigDecimal max = db().select(DSL.max(runningTotal)).from(series).fetchOne(0, BigDecimal.class);
        assertThat(max).isEqualByComparingTo("387.2");
    }
}
