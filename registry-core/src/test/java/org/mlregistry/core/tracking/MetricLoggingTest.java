package org.mlregistry.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.NotFoundException;

class MetricLoggingTest extends MetricTestSupport {

    @Test
    void aLoggedPointIsStoredAsGivenAndBecomesTheLatest() {
        withRollback(registry -> {
            UUID run = newRun(registry, "metric-log-one");
            MetricPoint stored = registry.runs().metrics().log(new MetricPoint(run, "val_loss", 3,
                    MARCH.plusNanos(123_456_789), 0.25));

            assertThat(stored).isEqualTo(new MetricPoint(run, "val_loss", 3, MARCH.plusNanos(123_456_000), 0.25));
            assertThat(registry.dsl().fetchSingle("SELECT metric, step, logged_at, value FROM tracking.metric_points WHERE run_id = ?", run)
                    .intoList()).containsExactly("val_loss", 3L, MARCH.plusNanos(123_456_000), 0.25);
            assertThat(registry.runs().metrics().latest(run, "val_loss")).contains(stored);
            return null;
        });
    }

    @Test
    void logWithoutATimeTakesTheJvmClock() {
        withRollback(registry -> {
            UUID run = newRun(registry, "metric-log-now");
            OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minusNanos(1000);
            MetricPoint stored = registry.runs().metrics().log(run, "lr", 0, 0.001);
            assertThat(stored.loggedAt()).isAfterOrEqualTo(before).isBeforeOrEqualTo(OffsetDateTime.now(ZoneOffset.UTC));
            assertThat(registry.runs().metrics().history(run, "lr")).containsExactly(stored);
            return null;
        });
    }

    @Test
    void aBatchIsOneStatementForAnyNumberOfPoints() {
        withRollback(registry -> {
            UUID run = newRun(registry, "metric-batch");
            List<MetricPoint> points = List.of(point(run, "train_loss", 1, 0.9), point(run, "val_loss", 1, 1.1),
                    point(run, "train_loss", 2, 0.7), point(run, "val_loss", 2, 0.8));
            assertThat(registry.runs().metrics().logAll(points)).isEqualTo(4);
            assertThat(storedPoints(registry, run)).isEqualTo(4);
            assertThat(registry.runs().metrics().latest(run)).containsExactly(points.get(2), points.get(3));
            return null;
        });
    }

    @Test
    void oneBadPointRefusesTheWholeBatchAndIsNamed() {
        withRollback(registry -> {
            UUID run = newRun(registry, "metric-batch-bad");
            List<MetricPoint> points = List.of(point(run, "val_loss", 1, 0.9), point(run, "val_loss", 2, 0.8),
                    point(run, "val_loss", 3, Double.NaN), point(run, "val_loss", 4, 0.6));

            InvalidValueException e = catchThrowableOfType(InvalidValueException.class,
                    () -> registry.runs().metrics().logAll(points));

            assertThat(e.field()).isEqualTo("points[2].value");
            assertThat(e.value()).isEqualTo(Double.NaN);
            assertThat(e.rule()).isEqualTo("must be a finite number (NaN and ±Infinity are refused)");
            assertThat(storedPoints(registry, run)).isZero();
            assertThat(latestRows(registry, run)).isZero();
            return null;
        });
    }

    @Test
    void aPointOfAnUnknownRunRefusesTheBatch() {
        withRollback(registry -> {
            UUID run = newRun(registry, "metric-batch-unknown");
            UUID unknown = UUID.fromString("00000000-0000-0000-0000-00000000beef");
            NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> registry.runs().metrics()
                    .logAll(List.of(point(run, "val_loss", 1, 0.9), point(unknown, "val_loss", 1, 0.8))));
            assertThat(e).hasMessageContaining(unknown.toString());
            assertThat(storedPoints(registry, run)).isZero();
            return null;
        });
    }

    @Test
    void theLatestIsTheHighestStepWhateverTheOrderOfLogging() {
        withRollback(registry -> {
            UUID run = newRun(registry, "metric-latest");
            RunMetrics metrics = registry.runs().metrics();
            metrics.log(point(run, "acc", 10, 0.80));
            metrics.log(point(run, "acc", 5, 0.70));                     // an older step, logged later
            assertThat(metrics.latest(run, "acc")).get().extracting(MetricPoint::step, MetricPoint::value).containsExactly(10L, 0.80);

            metrics.log(point(run, "acc", 10, 0.81));                    // the same step again: the later write wins
            assertThat(metrics.latest(run, "acc")).get().extracting(MetricPoint::value).isEqualTo(0.81);

            metrics.logAll(List.of(point(run, "acc", 12, 0.83), point(run, "acc", 11, 0.82), point(run, "acc", 12, 0.84)));
            assertThat(metrics.latest(run, "acc")).get().extracting(MetricPoint::step, MetricPoint::value).containsExactly(12L, 0.84);
            assertThat(registry.dsl().fetchSingle("SELECT step, value FROM tracking.run_metric_latest WHERE run_id = ? AND metric = 'acc'", run)
                    .intoList()).containsExactly(12L, 0.84);
            assertThat(metrics.latest(run, "missing")).isEmpty();
            return null;
        });
    }

    @Test
    void refusedValuesNameTheFieldTheShortenedValueAndTheRuleAndWriteNothing() {
        withRollback(registry -> {
            UUID run = newRun(registry, "metric-validation");
            RunMetrics metrics = registry.runs().metrics();
            String longName = "m".repeat(251);

            InvalidValueException tooLong = catchThrowableOfType(InvalidValueException.class,
                    () -> metrics.log(point(run, longName, 1, 0.5)));
            assertThat(tooLong.field()).isEqualTo("metric");
            assertThat(tooLong.value()).isEqualTo("m".repeat(60) + "…");
            assertThat(tooLong.rule()).isEqualTo("must have 1 to 250 characters (has 251)");

            assertRefused(() -> metrics.log(point(run, "", 1, 0.5)), "metric", "must have 1 to 250 characters (has 0)");
            for (String bad : List.of("val\tloss", "val\nloss", "loss;drop", "   ", "a\\b")) {
                assertRefused(() -> metrics.log(point(run, bad, 1, 0.5)), "metric",
                        "must consist of letters, digits, '_', '-', '.', '/', ':' and spaces, not only spaces");
            }
            assertRefused(() -> metrics.log(point(run, "loss", -1, 0.5)), "step", "must be >= 0");
            assertRefused(() -> metrics.log(point(run, "loss", 1, Double.POSITIVE_INFINITY)), "value",
                    "must be a finite number (NaN and ±Infinity are refused)");
            assertRefused(() -> metrics.log(point(run, "loss", 1, Double.NEGATIVE_INFINITY)), "value",
                    "must be a finite number (NaN and ±Infinity are refused)");
            assertRefused(() -> metrics.log(new MetricPoint(run, "loss", 1, OffsetDateTime.parse("1999-12-31T23:59:59Z"), 0.5)),
                    "logged_at", "must be within [2000-01-01T00:00Z, 2100-01-01T00:00Z)");
            assertRefused(() -> metrics.log(new MetricPoint(run, "loss", 1, null, 0.5)), "logged_at", "must not be null");
            assertRefused(() -> metrics.logAll(List.of(point(run, "ok", 1, 0.5), point(run, "ok", -3, 0.5))),
                    "points[1].step", "must be >= 0");

            // every allowed character class at once, at the length limit
            String allowed = "Val loss/top-1:ep_2.ü9";
            metrics.log(point(run, allowed + "x".repeat(250 - allowed.length()), 1, 0.5));
            assertThat(storedPoints(registry, run)).isEqualTo(1);
            return null;
        });
    }

    @Test
    void theDatabaseRefusesNanAndInfinityToo() {
        withRollback(registry -> {
            UUID run = newRun(registry, "metric-check");
            registry.runs().metrics().partitions().ensure(MARCH, MARCH);
            for (String v : List.of("NaN", "Infinity", "-Infinity")) {
                assertThat(catchThrowableOfType(RuntimeException.class, () -> registry.dsl().transaction(c -> c.dsl().execute(
                        "INSERT INTO tracking.metric_points VALUES (?, 'loss', 1, ?::timestamptz, ?::float8)", run, MARCH, v))))
                        .hasMessageContaining("metric_points_finite_value");
            }
            return null;
        });
    }

    private static void assertRefused(Runnable write, String field, String rule) {
        InvalidValueException e = catchThrowableOfType(InvalidValueException.class, write::run);
        assertThat(e).as("refusal of %s", field).isNotNull();
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.rule()).isEqualTo(rule);
    }
}
