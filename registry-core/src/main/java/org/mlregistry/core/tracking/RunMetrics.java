package org.mlregistry.core.tracking;

import org.mlregistry.core.internal.Validator;
import static org.mlregistry.core.tracking.MetricReads.L;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.jooq.Record5;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.core.internal.MetricRules;

/**
 * Metric history of tracked runs: any metric name, one point per step, beside lab 01's five final
 * metric columns. Obtain it from {@code registry.runs().metrics()}; thread-safe.
 *
 * <p>Points go to {@code tracking.metric_points}, partitioned by month of {@code logged_at}; the
 * write paths create a missing month's partition themselves ({@link MetricPartitions#ensure} creates
 * them ahead) and keep {@code tracking.run_metric_latest} (the highest step per run and metric) in
 * the same statement or transaction, which {@link RunFilter#metric} and {@link SortKey#metric}
 * search. Every write checks every point first and writes all of them or none: a refused point is
 * an {@link InvalidValueException} naming it ({@code points[3].value}), a point of an unknown run a
 * {@link NotFoundException}.
 *
 * <pre>{@code
 * RunMetrics metrics = registry.runs().metrics();
 * metrics.logAll(List.of(
 *         new MetricPoint(runId, "train_loss", epoch, now, trainLoss),
 *         new MetricPoint(runId, "val_loss", epoch, now, valLoss)));
 * List<MetricBucket> chart = metrics.downsample(runId, "val_loss", 100);
 * }</pre>
 */
public final class RunMetrics {

    private final Runs runs;

    private RunMetrics(Runs runs) {
        this.runs = runs;
    }

    static RunMetrics of(Runs runs) {
        return new RunMetrics(runs);
    }

    // ---------------------------------------------------------------- writes

    /**
     * Logs one point, logged now by the JVM's clock (UTC).
     *
     * @param runId the run
     * @param name the metric
     * @param step the step or epoch, &gt;= 0
     * @param value a finite value
     * @return the point as stored
     */
    public MetricPoint log(UUID runId, String name, long step, double value) {
        return log(new MetricPoint(runId, name, step, OffsetDateTime.now(ZoneOffset.UTC), value));
    }

    /**
     * Logs one point (and updates the run's latest value of the metric if its step is the highest).
     *
     * @param point the point
     * @return the point as stored (logged_at to the microsecond)
     * @throws InvalidValueException naming the field and rule of a refused point
     * @throws NotFoundException if the run does not exist
     */
    public MetricPoint log(MetricPoint point) {
        MetricPoint checked = MetricWrites.checked(null, point);
        runs.tx(ctx -> {
            MetricWrites.prepare(ctx, List.of(checked));
            return MetricWrites.insert(ctx, List.of(checked));
        });
        return checked;
    }

    /**
     * Logs a batch in one statement ({@code INSERT … SELECT FROM unnest(?::uuid[], …)}, the values
     * bound as arrays) that also upserts the latest table. All or nothing.
     *
     * @param points the points, in any order of runs, metrics and steps
     * @return how many were written
     * @throws InvalidValueException naming the first refused point ({@code points[i].field}); nothing is written
     * @throws NotFoundException if a point's run does not exist; nothing is written
     */
    public int logAll(List<MetricPoint> points) {
        Validator.required("points", points);
        List<MetricPoint> checked = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
            checked.add(MetricWrites.checked("points[" + i + "]", points.get(i)));
        }
        if (checked.isEmpty()) {
            return 0;
        }
        return runs.tx(ctx -> {
            MetricWrites.prepare(ctx, checked);
            return MetricWrites.insert(ctx, checked);
        });
    }

    /**
     * Streams points into the history through PostgreSQL {@code COPY … FROM STDIN}, for bulk
     * loads: chunks of 10,000 points, memory bounded whatever the stream's length; the latest
     * table is updated after the last chunk in the same transaction. All or nothing: a refused
     * point (checked before its chunk is sent) rolls everything back.
     *
     * @param points the points (consumed, not closed)
     * @return how many were written
     * @throws InvalidValueException naming the refused point ({@code points[i].field}); nothing is written
     * @throws NotFoundException if a point's run does not exist; nothing is written
     */
    public long copy(Stream<MetricPoint> points) {
        Validator.required("points", points);
        return MetricCopy.copy(runs, points);
    }

    /**
     * @return the partitions of the history: create ahead, drop old ones, list
     */
    public MetricPartitions partitions() {
        return MetricPartitions.of(runs);
    }

    // ---------------------------------------------------------------- reads

    /**
     * @param runId the run
     * @param name the metric
     * @return every point of the run's metric, by step (then logged_at, then value)
     */
    public List<MetricPoint> history(UUID runId, String name) {
        return runs.read(ctx -> historySelect(runId, name, null, null).fetch(MetricReads::point));
    }

    /**
     * The points logged in [from, to); only the partitions of those months are read.
     *
     * @param runId the run
     * @param name the metric
     * @param from inclusive
     * @param to exclusive
     * @return the points, by step (then logged_at)
     */
    public List<MetricPoint> history(UUID runId, String name, OffsetDateTime from, OffsetDateTime to) {
        Validator.required("from", from);
        Validator.required("to", to);
        if (!from.isBefore(to)) {
            throw new InvalidValueException("to", to, "must be after from (" + from + ")");
        }
        return runs.read(ctx -> historySelect(runId, name, from, to).fetch(MetricReads::point));
    }

    /** The history read as the API sends it (for EXPLAIN in tests). */
    org.jooq.ResultQuery<Record5<UUID, String, Long, OffsetDateTime, Double>> historySelect(UUID runId, String name,
            OffsetDateTime from, OffsetDateTime to) {
        Validator.required("runId", runId);
        MetricRules.name("metric", name);
        org.jooq.Condition where = MetricReads.ofRun(runId, name);
        if (from != null) {
            where = where.and(MetricReads.loggedIn(from, to));
        }
        return MetricReads.history(runs.dsl(), where);
    }

    /**
     * One metric of several runs, for comparison.
     *
     * @param name the metric
     * @param runIds the runs
     * @return per run, in the given order, its points by step (empty for a run without the metric)
     */
    public Map<UUID, List<MetricPoint>> compare(String name, List<UUID> runIds) {
        MetricRules.name("metric", name);
        Validator.required("runIds", runIds);
        Map<UUID, List<MetricPoint>> byRun = new LinkedHashMap<>();
        for (UUID id : new LinkedHashSet<>(runIds)) {
            byRun.put(Validator.required("runId", id), new ArrayList<>());
        }
        if (byRun.isEmpty()) {
            return Map.of();
        }
        runs.read(ctx -> MetricReads.ofRuns(ctx, name, byRun.keySet()).fetch(MetricReads::point))
                .forEach(p -> byRun.get(p.runId()).add(p));
        byRun.replaceAll((id, points) -> List.copyOf(points));
        return java.util.Collections.unmodifiableMap(byRun);
    }

    /**
     * A history downsampled for a chart, in one query: the step range [first, last] is cut into
     * {@code buckets} equal slices (integer division), and each slice that holds points gives one
     * row with min, max, mean and last value. At most {@code buckets} rows whatever the number of
     * points; empty slices are left out.
     *
     * @param runId the run
     * @param name the metric
     * @param buckets how many slices, 1..10000
     * @return the non-empty buckets, by step
     */
    public List<MetricBucket> downsample(UUID runId, String name, int buckets) {
        Validator.required("runId", runId);
        MetricRules.name("metric", name);
        if (buckets < 1 || buckets > 10_000) {
            throw new InvalidValueException("buckets", buckets, "must be within [1, 10000]");
        }
        return runs.read(ctx -> MetricReads.downsample(ctx, runId, name, buckets).fetch(MetricReads::bucket));
    }

    /**
     * @param runId the run
     * @param name the metric
     * @return the point with the highest step of the run's metric (of equal steps the last written), or empty
     */
    public Optional<MetricPoint> latest(UUID runId, String name) {
        Validator.required("runId", runId);
        MetricRules.name("metric", name);
        return runs.read(ctx -> MetricReads.latest(ctx, L.RUN_ID.eq(runId).and(L.METRIC.eq(name)))
                .fetchOptional(MetricReads::point));
    }

    /**
     * @param runId the run
     * @return the latest point of each of the run's metrics, by metric name
     */
    public List<MetricPoint> latest(UUID runId) {
        Validator.required("runId", runId);
        return runs.read(ctx -> MetricReads.latest(ctx, L.RUN_ID.eq(runId)).fetch(MetricReads::point));
    }
}
