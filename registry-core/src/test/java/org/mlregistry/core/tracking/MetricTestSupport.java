package org.mlregistry.core.tracking;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.mlregistry.core.Registry;
import org.mlregistry.schema.types.RunStatus;

/** Helpers for metric history tests: runs to log to, fixed instants, hand-written SQL counts. */
abstract class MetricTestSupport extends TrackingTestSupport {

    /** A fixed instant in March 2025 (UTC); tests never depend on the clock. */
    static final OffsetDateTime MARCH = OffsetDateTime.of(2025, 3, 10, 12, 0, 0, 0, ZoneOffset.UTC);

    /** A running run, created now, to log metrics to. */
    static UUID newRun(Registry registry, String model) {
        return insertRun(registry.dsl(), model, "target-metrics", RunStatus.RUNNING, OffsetDateTime.now(ZoneOffset.UTC));
    }

    static MetricPoint point(UUID runId, String name, long step, double value) {
        return new MetricPoint(runId, name, step, MARCH.plusMinutes(step), value);
    }

    /** Points of a run in tracking.metric_points, counted by SQL. */
    static long storedPoints(Registry registry, UUID runId) {
        return registry.dsl().fetchSingle("SELECT count(*) FROM tracking.metric_points WHERE run_id = ?", runId).get(0, Long.class);
    }

    /** Rows of a run in tracking.run_metric_latest, counted by SQL. */
    static long latestRows(Registry registry, UUID runId) {
        return registry.dsl().fetchSingle("SELECT count(*) FROM tracking.run_metric_latest WHERE run_id = ?", runId).get(0, Long.class);
    }
}
