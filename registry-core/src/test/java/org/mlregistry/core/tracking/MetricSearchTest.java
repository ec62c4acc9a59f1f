package org.mlregistry.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mlregistry.core.tracking.RunFilter.metric;
import static org.mlregistry.core.tracking.RunFilter.modelName;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.error.InvalidValueException;

class MetricSearchTest extends MetricTestSupport {

    /** Nine runs "metric-search-N": seven with a val_loss (two of them equal), two without; val_loss's history ends at the latest value. */
    private static List<UUID> runs(Registry registry) {
        double[] latest = {0.42, 0.15, 0.29, 0.15, 0.61, 0.30, 0.08};
        List<UUID> ids = new ArrayList<>();
        List<MetricPoint> points = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            UUID run = newRun(registry, "metric-search-" + i);
            ids.add(run);
            if (i < latest.length) {
                points.add(point(run, "val_loss", 2, latest[i]));
                points.add(point(run, "val_loss", 1, 0.05));   // an earlier, lower value: search must not see it
            }
            points.add(point(run, "train_loss", 1, 0.01 * i));
        }
        registry.runs().metrics().logAll(points);
        return ids;
    }

    private static List<UUID> sql(Registry registry, String where, String order) {
        return registry.dsl().fetch("SELECT r.run_id FROM tracking.training_runs r LEFT JOIN tracking.run_metric_latest l"
                + " ON l.run_id = r.run_id AND l.metric = 'val_loss' WHERE r.model_name LIKE 'metric-search-%' AND " + where
                + " ORDER BY " + order).getValues(0, UUID.class);
    }

    @Test
    void runsAreFilteredByTheLatestValueOfAnyMetric() {
        withRollback(registry -> {
            runs(registry);
            RunSearch ours = registry.runs().where(modelName().like("metric-search-%"));
            assertThat(ours.where(metric("val_loss").lt(0.3)).fetch()).extracting(Run::runId)
                    .containsExactlyInAnyOrderElementsOf(sql(registry, "l.value < 0.3", "1")).hasSize(4);
            assertThat(ours.where(metric("val_loss").le(0.3)).count()).isEqualTo(5);
            assertThat(ours.where(metric("val_loss").gt(0.3)).count()).isEqualTo(2);
            assertThat(ours.where(metric("val_loss").ge(0.3)).count()).isEqualTo(3);
            assertThat(ours.where(metric("val_loss").eq(0.15)).count()).isEqualTo(2);
            assertThat(ours.where(metric("val_loss").between(0.1, 0.3)).count()).isEqualTo(4);
            assertThat(ours.where(metric("val_loss").exists()).count()).isEqualTo(7);
            assertThat(ours.where(metric("val_loss").exists().not()).count()).isEqualTo(2);
            assertThat(ours.where(metric("val_loss").lt(0.3).and(metric("train_loss").ge(0.03))).count())
                    .isEqualTo(sql(registry, "l.value < 0.3 AND EXISTS (SELECT 1 FROM tracking.run_metric_latest t"
                            + " WHERE t.run_id = r.run_id AND t.metric = 'train_loss' AND t.value >= 0.03)", "1").size());
            return null;
        });
    }

    @Test
    void metricNamesAndValuesAreBoundAndChecked() {
        withRollback(registry -> {
            String sql = registry.runs().where(metric("val_loss").lt(0.3)).asSelect().getSQL();
            assertThat(sql).contains("run_metric_latest").doesNotContain("val_loss").doesNotContain("0.3");
            assertThat(catchThrowableOfType(InvalidValueException.class, () -> metric("x'; DROP TABLE t; --")).field()).isEqualTo("metric");
            assertThat(catchThrowableOfType(InvalidValueException.class, () -> metric("loss").lt(Double.NaN)).field()).isEqualTo("value");
            return null;
        });
    }

    @Test
    void orderingByAMetricPagesAcrossThreePagesWithRunsWithoutItLast() {
        withRollback(registry -> {
            runs(registry);
            RunSearch ours = registry.runs().where(modelName().like("metric-search-%"));
            for (RunOrder order : List.of(RunOrder.asc(SortKey.metric("val_loss")), RunOrder.desc(SortKey.metric("val_loss")))) {
                String direction = order.descending() ? "DESC" : "ASC";
                List<UUID> expected = sql(registry, "true", "l.value " + direction + " NULLS LAST, r.run_id " + direction);

                List<UUID> paged = new ArrayList<>();
                List<Integer> sizes = new ArrayList<>();
                String token = null;
                do {
                    Page page = ours.orderBy(order).pageSize(3).after(token).fetchPage();
                    page.runs().forEach(r -> paged.add(r.runId()));
                    sizes.add(page.runs().size());
                    token = page.nextToken().orElse(null);
                } while (token != null);

                assertThat(sizes).as(direction).containsExactly(3, 3, 3);
                assertThat(paged).as(direction).isEqualTo(expected);
                assertThat(ours.orderBy(order).fetch()).extracting(Run::runId).as(direction).isEqualTo(expected);
            }
            // NULLS FIRST: the two runs without the metric lead, then the values
            List<UUID> nullsFirst = new ArrayList<>();
            String token = null;
            do {
                Page page = ours.orderBy(RunOrder.asc(SortKey.metric("val_loss")).nullsFirst()).pageSize(3).after(token).fetchPage();
                page.runs().forEach(r -> nullsFirst.add(r.runId()));
                token = page.nextToken().orElse(null);
            } while (token != null);
            assertThat(nullsFirst).isEqualTo(sql(registry, "true", "l.value ASC NULLS FIRST, r.run_id ASC"));
            return null;
        });
    }

    @Test
    void aMetricPageTokenBelongsToItsMetric() {
        withRollback(registry -> {
            runs(registry);
            RunSearch ours = registry.runs().where(modelName().like("metric-search-%"));
            String token = ours.orderBy(RunOrder.asc(SortKey.metric("val_loss"))).pageSize(3).fetchPage().nextToken().orElseThrow();
            InvalidValueException e = catchThrowableOfType(InvalidValueException.class,
                    () -> ours.orderBy(RunOrder.asc(SortKey.metric("train_loss"))).pageSize(3).after(token));
            assertThat(e.field()).isEqualTo("pageToken");
            assertThat(e.rule()).contains("metric:val_loss");
            return null;
        });
    }
}
