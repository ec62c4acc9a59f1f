package org.mlregistry.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.jooq.Record;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.error.InvalidValueException;

class MetricCopyTest extends MetricTestSupport {

    /** 25,000 points over two runs, two metrics and two months (the later half in April): three COPY chunks. */
    private static Stream<MetricPoint> points(UUID a, UUID b) {
        return LongStream.range(0, 25_000).mapToObj(i -> new MetricPoint(i % 2 == 0 ? a : b,
                i % 5 == 0 ? "val_loss" : "train_loss", i / 2, MARCH.plusDays(i < 12_500 ? 0 : 30).plusSeconds(i), 1.0 / (1 + i)));
    }

    @Test
    void aStreamIsCopiedInChunksAndTheLatestTableFollows() {
        withRollback(registry -> {
            UUID a = newRun(registry, "metric-copy-a");
            UUID b = newRun(registry, "metric-copy-b");

            long copied = registry.runs().metrics().copy(points(a, b));

            assertThat(copied).isEqualTo(25_000);
            assertThat(storedPoints(registry, a) + storedPoints(registry, b)).isEqualTo(25_000);
            assertThat(registry.dsl().fetchSingle("SELECT sum(value) FROM tracking.metric_points WHERE run_id IN (?, ?)", a, b)
                    .get(0, Double.class)).isCloseTo(points(a, b).mapToDouble(MetricPoint::value).sum(), org.assertj.core.data.Offset.offset(1e-9));
            assertThat(registry.dsl().fetchSingle("SELECT count(DISTINCT date_trunc('month', logged_at AT TIME ZONE 'UTC')) FROM tracking.metric_points WHERE run_id IN (?, ?)", a, b)
                    .get(0, Long.class)).isEqualTo(2);
            // the latest table holds, per run and metric, the point with the highest step in the history
            List<Record> expected = registry.dsl().fetch("""
                    SELECT DISTINCT ON (run_id, metric) run_id, metric, step, value FROM tracking.metric_points
                     WHERE run_id IN (?, ?) ORDER BY run_id, metric, step DESC""", a, b);
            List<Record> latest = registry.dsl().fetch("""
                    SELECT run_id, metric, step, value FROM tracking.run_metric_latest
                     WHERE run_id IN (?, ?) ORDER BY run_id, metric""", a, b);
            assertThat(latest).hasSize(4);
            assertThat(latest.stream().map(Record::intoList).toList()).isEqualTo(expected.stream().map(Record::intoList).toList());
            return null;
        });
    }

    @Test
    void aBadRowAfterAChunkWasSentRollsEverythingBack() {
        withRollback(registry -> {
            UUID a = newRun(registry, "metric-copy-bad-a");
            UUID b = newRun(registry, "metric-copy-bad-b");
            Stream<MetricPoint> withBadRow = points(a, b).map(p -> p.step() == 7_500 && p.runId().equals(b)
                    ? new MetricPoint(b, p.name(), -1, p.loggedAt(), p.value()) : p);

            InvalidValueException e = catchThrowableOfType(InvalidValueException.class,
                    () -> registry.runs().metrics().copy(withBadRow));

            assertThat(e.field()).isEqualTo("points[15001].step");   // 15001 / 2 = 7500, an odd index: run b
            assertThat(e.rule()).isEqualTo("must be >= 0");
            assertThat(storedPoints(registry, a) + storedPoints(registry, b)).isZero();
            assertThat(latestRows(registry, a) + latestRows(registry, b)).isZero();
            return null;
        });
    }

    @Test
    void anEmptyStreamWritesNothing() {
        withRollback(registry -> {
            assertThat(registry.runs().metrics().copy(Stream.empty())).isZero();
            return null;
        });
    }
}
