package org.mlregistry.core.tracking;

import static org.mlregistry.schema.jooq.tracking.Tables.METRIC_POINTS;
import static org.mlregistry.schema.jooq.tracking.Tables.RUN_METRIC_LATEST;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Record5;
import org.jooq.ResultQuery;
import org.mlregistry.core.internal.SchemaMapping;
import org.mlregistry.schema.jooq.tracking.tables.MetricPoints;
import org.mlregistry.schema.jooq.tracking.tables.RunMetricLatest;

/** The read statements of metric history; each is served by the (run_id, metric, step) index. */
final class MetricReads {

    static final MetricPoints P = METRIC_POINTS;
    static final RunMetricLatest L = RUN_METRIC_LATEST;

    /**
     * Buckets by integer division over the history's step range [lo, hi]: bucket = floor((step - lo)
     * · n / (hi - lo + 1)), in numeric so that no step range overflows; 0 ≤ bucket ≤ n - 1.
     * "last" is the value at the bucket's highest step (of those, the last logged; then the largest,
     * so that the answer never depends on the physical order of rows).
     */
    private static final String DOWNSAMPLE = """
            WITH pts AS (
                SELECT step, logged_at, value FROM tracking.metric_points WHERE run_id = ? AND metric = ?
            ), range AS (
                SELECT min(step) AS lo, max(step) AS hi FROM pts
            ), bucketed AS (
                SELECT floor((pts.step::numeric - range.lo) * ? / (range.hi::numeric - range.lo + 1))::int AS bucket,
                       pts.step, pts.logged_at, pts.value
                  FROM pts, range
            )
            SELECT bucket, min(step), max(step), count(*), min(value), max(value), avg(value),
                   (array_agg(value ORDER BY step DESC, logged_at DESC, value DESC))[1]
              FROM bucketed
             GROUP BY bucket
             ORDER BY bucket
            """;

    private MetricReads() {
    }

    static ResultQuery<Record5<UUID, String, Long, OffsetDateTime, Double>> history(
            DSLContext ctx, Condition where) {
        return ctx.select(P.RUN_ID, P.METRIC, P.STEP, P.LOGGED_AT, P.VALUE).from(P).where(where)
                .orderBy(P.STEP, P.LOGGED_AT, P.VALUE);
    }

    static Condition ofRun(UUID runId, String name) {
        return P.RUN_ID.eq(runId).and(P.METRIC.eq(name));
    }

    static Condition loggedIn(OffsetDateTime from, OffsetDateTime to) {
        return P.LOGGED_AT.ge(from).and(P.LOGGED_AT.lt(to));
    }

    static ResultQuery<Record5<UUID, String, Long, OffsetDateTime, Double>> ofRuns(DSLContext ctx, String name, Collection<UUID> runIds) {
        return ctx.select(P.RUN_ID, P.METRIC, P.STEP, P.LOGGED_AT, P.VALUE).from(P)
                .where(P.RUN_ID.in(runIds)).and(P.METRIC.eq(name))
                .orderBy(P.RUN_ID, P.STEP, P.LOGGED_AT, P.VALUE);
    }

    static ResultQuery<Record> downsample(DSLContext ctx, UUID runId, String name, int buckets) {
        return ctx.resultQuery(SchemaMapping.sql(ctx, DOWNSAMPLE), runId, name, buckets);
    }

    static MetricBucket bucket(Record r) {
        return new MetricBucket(r.get(0, Integer.class), r.get(1, Long.class), r.get(2, Long.class), r.get(3, Long.class),
                r.get(4, Double.class), r.get(5, Double.class), r.get(6, Double.class), r.get(7, Double.class));
    }

    static MetricPoint point(Record5<UUID, String, Long, OffsetDateTime, Double> r) {
        return new MetricPoint(r.value1(), r.value2(), r.value3(), r.value4(), r.value5());
    }

    static ResultQuery<Record5<UUID, String, Long, OffsetDateTime, Double>> latest(DSLContext ctx, Condition where) {
        return ctx.select(L.RUN_ID, L.METRIC, L.STEP, L.LOGGED_AT, L.VALUE).from(L).where(where).orderBy(L.METRIC);
    }
}
