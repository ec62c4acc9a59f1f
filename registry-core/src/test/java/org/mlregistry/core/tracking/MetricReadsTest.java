package org.mlregistry.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.jooq.Record;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.error.InvalidValueException;

class MetricReadsTest extends MetricTestSupport {

    @Test
    void historyComesBackInStepOrder() {
        withRollback(registry -> {
            UUID run = newRun(registry, "metric-history");
            List<MetricPoint> logged = List.of(point(run, "val_loss", 3, 0.5), point(run, "val_loss", 1, 0.9),
                    point(run, "train_loss", 2, 0.6), point(run, "val_loss", 2, 0.7));
            registry.runs().metrics().logAll(logged);

            assertThat(registry.runs().metrics().history(run, "val_loss"))
                    .containsExactly(logged.get(1), logged.get(3), logged.get(0));
            assertThat(registry.runs().metrics().history(run, "absent")).isEmpty();
            return null;
        });
    }

    @Test
    void historyBetweenTwoInstantsKeepsThePointsLoggedInThatWindow() {
        withRollback(registry -> {
            UUID run = newRun(registry, "metric-history-window");
            registry.runs().metrics().logAll(List.of(
                    new MetricPoint(run, "loss", 1, MARCH.minusMonths(1), 0.9),
                    new MetricPoint(run, "loss", 2, MARCH, 0.8),
                    new MetricPoint(run, "loss", 3, MARCH.plusMonths(1), 0.7)));

            assertThat(registry.runs().metrics().history(run, "loss", MARCH.minusDays(1), MARCH.plusDays(1)))
                    .extracting(MetricPoint::step).containsExactly(2L);
            assertThat(catchThrowableOfType(InvalidValueException.class,
                    () -> registry.runs().metrics().history(run, "loss", MARCH, MARCH)).field()).isEqualTo("to");
            return null;
        });
    }

    @Test
    void compareReturnsOneMetricOfSeveralRunsInTheGivenOrder() {
        withRollback(registry -> {
            UUID a = newRun(registry, "metric-compare-a");
            UUID b = newRun(registry, "metric-compare-b");
            UUID none = newRun(registry, "metric-compare-none");
            registry.runs().metrics().logAll(List.of(point(a, "val_loss", 2, 0.4), point(a, "val_loss", 1, 0.6),
                    point(b, "val_loss", 1, 0.5), point(none, "train_loss", 1, 0.1)));

            Map<UUID, List<MetricPoint>> compared = registry.runs().metrics().compare("val_loss", List.of(b, none, a));

            assertThat(compared.keySet()).containsExactly(b, none, a);
            assertThat(compared.get(a)).extracting(MetricPoint::step, MetricPoint::value)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 0.6), org.assertj.core.groups.Tuple.tuple(2L, 0.4));
            assertThat(compared.get(b)).extracting(MetricPoint::value).containsExactly(0.5);
            assertThat(compared.get(none)).isEmpty();
            return null;
        });
    }

    @Test
    void downsampledBucketsMatchHandWrittenSqlOverTheSamePoints() {
        withRollback(registry -> {
            UUID run = newRun(registry, "metric-downsample");
            // 1,000 steps from 10 to 1009, logged out of order, with a repeated step (1009) and a noisy curve
            List<MetricPoint> points = new ArrayList<>();
            LongStream.range(0, 1000).map(i -> (i * 7919) % 1000).forEach(i ->
                    points.add(point(run, "val_loss", 10 + i, 2.0 / (1 + i) + (i % 13) / 100.0)));
            points.add(new MetricPoint(run, "val_loss", 1009, MARCH.plusDays(1), 0.001));
            registry.runs().metrics().logAll(points);

            List<MetricBucket> buckets = registry.runs().metrics().downsample(run, "val_loss", 7);

            // the same buckets through width_bucket over [min, max + 1) instead of integer division
            List<Record> expected = registry.dsl().fetch("""
                    WITH r AS (SELECT min(step) lo, max(step) hi FROM tracking.metric_points WHERE run_id = ? AND metric = 'val_loss')
                    SELECT width_bucket(p.step::numeric, r.lo::numeric, r.hi::numeric + 1, 7) - 1 AS b,
                           min(p.step), max(p.step), count(*), min(p.value), max(p.value), avg(p.value)
                      FROM tracking.metric_points p, r
                     WHERE p.run_id = ? AND p.metric = 'val_loss'
                     GROUP BY 1 ORDER BY 1""", run, run);
            assertThat(buckets).hasSize(7);
            for (int i = 0; i < 7; i++) {
                Record e = expected.get(i);
                MetricBucket got = buckets.get(i);
                assertThat(List.<Object>of(got.bucket(), got.firstStep(), got.lastStep(), got.points(), got.min(), got.max()))
                        .isEqualTo(List.<Object>of(e.get(0, Integer.class), e.get(1, Long.class), e.get(2, Long.class),
                                e.get(3, Long.class), e.get(4, Double.class), e.get(5, Double.class)));
                assertThat(got.mean()).isCloseTo(e.get(6, Double.class), org.assertj.core.data.Offset.offset(1e-12));
            }
            // the last value of a bucket: its highest step, and of the two points at step 1009 the later one
            assertThat(buckets.get(6).last()).isEqualTo(0.001);
            assertThat(buckets.get(0).last()).isEqualTo(points.stream().filter(p -> p.step() == buckets.get(0).lastStep())
                    .findFirst().orElseThrow().value());
            assertThat(buckets.stream().mapToLong(MetricBucket::points).sum()).isEqualTo(1001);
            return null;
        });
    }

    @Test
    void downsampleGivesAtMostNBucketsAndOneForASingleStep() {
        withRollback(registry -> {
            UUID run = newRun(registry, "metric-downsample-small");
            // step 5 twice: the one logged later is the bucket's last value
            registry.runs().metrics().logAll(List.of(new MetricPoint(run, "acc", 5, MARCH.plusMinutes(1), 0.5),
                    new MetricPoint(run, "acc", 5, MARCH, 0.6)));
            assertThat(registry.runs().metrics().downsample(run, "acc", 100))
                    .containsExactly(new MetricBucket(0, 5, 5, 2, 0.5, 0.6, 0.55, 0.5));
            assertThat(registry.runs().metrics().downsample(run, "nothing", 100)).isEmpty();
            assertThat(catchThrowableOfType(InvalidValueException.class,
                    () -> registry.runs().metrics().downsample(run, "acc", 0)).field()).isEqualTo("buckets");
            return null;
        });
    }

    @Test
    void latestPerRunListsEachMetricOnce() {
        withRollback(registry -> {
            UUID run = newRun(registry, "metric-latest-all");
            registry.runs().metrics().logAll(List.of(point(run, "b", 1, 1), point(run, "a", 2, 2), point(run, "a", 1, 3)));
            assertThat(registry.runs().metrics().latest(run)).extracting(MetricPoint::name, MetricPoint::step, MetricPoint::value)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("a", 2L, 2.0), org.assertj.core.groups.Tuple.tuple("b", 1L, 1.0));
            return null;
        });
    }
}
