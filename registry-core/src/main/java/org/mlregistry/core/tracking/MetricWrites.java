package org.mlregistry.core.tracking;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.core.internal.MetricRules;
import org.mlregistry.core.internal.SchemaMapping;

/**
 * The statements every write path of metric points shares: checking the points, preparing their
 * months' partitions and runs, and writing points and the latest table. Values travel as bound
 * arrays ({@code unnest(?::uuid[], …)}), one statement for any number of points.
 */
final class MetricWrites {

    /** ISO-8601 with offset, microseconds: what PostgreSQL parses as timestamptz. */
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    /**
     * Ensures the partitions of the given instants' months, and reports the first run id (in the
     * given order) that is not a run.
     */
    private static final String PREPARE = """
            SELECT tracking.ensure_metric_partitions(?::timestamptz[]),
                   (SELECT u.run_id::text FROM unnest(?::uuid[]) WITH ORDINALITY AS u(run_id, ord)
                     WHERE NOT EXISTS (SELECT 1 FROM tracking.training_runs r WHERE r.run_id = u.run_id)
                     ORDER BY u.ord LIMIT 1)
            """;

    private static final String POINTS = """
            WITH p AS (
                SELECT * FROM unnest(?::uuid[], ?::text[], ?::bigint[], ?::timestamptz[], ?::float8[])
                       WITH ORDINALITY AS p(run_id, metric, step, logged_at, value, ord)
            )
            """;

    private static final String INSERT_POINTS = """
            , inserted AS (
                INSERT INTO tracking.metric_points (run_id, metric, step, logged_at, value)
                SELECT run_id, metric, step, logged_at, value FROM p ORDER BY ord
            )
            """;

    /**
     * The highest step per run and metric wins; on equal steps the later point (in the batch, or
     * the later statement) wins.
     */
    private static final String UPSERT_LATEST = """
            INSERT INTO tracking.run_metric_latest AS l (run_id, metric, step, value, logged_at)
            SELECT DISTINCT ON (run_id, metric) run_id, metric, step, value, logged_at
              FROM p
             ORDER BY run_id, metric, step DESC, ord DESC
            ON CONFLICT (run_id, metric) DO UPDATE
               SET step = EXCLUDED.step, value = EXCLUDED.value, logged_at = EXCLUDED.logged_at
             WHERE EXCLUDED.step >= l.step
            """;

    private MetricWrites() {
    }

    /**
     * @param field the point's name in errors, e.g. {@code points[3]}, or null for a single point
     * @param point a point as given
     * @return the point as it will be stored (logged_at truncated to microseconds)
     */
    static MetricPoint checked(String field, MetricPoint point) {
        String prefix = field == null ? "" : field + ".";
        if (point == null) {
            throw new InvalidValueException(field == null ? "point" : field, null, "must not be null");
        }
        if (point.runId() == null) {
            throw new InvalidValueException(prefix + "run_id", null, "must not be null");
        }
        String name = MetricRules.name(prefix + "metric", point.name());
        long step = MetricRules.step(prefix + "step", point.step());
        OffsetDateTime loggedAt = MetricRules.loggedAt(prefix + "logged_at", point.loggedAt());
        double value = MetricRules.value(prefix + "value", point.value());
        return new MetricPoint(point.runId(), name, step, loggedAt, value);
    }

    /** Creates missing partitions for the points' months and refuses a point of an unknown run. */
    static void prepare(DSLContext ctx, Collection<MetricPoint> points) {
        Set<OffsetDateTime> months = new LinkedHashSet<>();
        Set<UUID> runs = new LinkedHashSet<>();
        for (MetricPoint p : points) {
            OffsetDateTime utc = p.loggedAt().withOffsetSameInstant(ZoneOffset.UTC);
            months.add(utc.withDayOfMonth(1).toLocalDate().atStartOfDay().atOffset(ZoneOffset.UTC));
            runs.add(p.runId());
        }
        Record row = ctx.fetchSingle(SchemaMapping.sql(ctx, PREPARE), timestamps(months), runs.toArray(UUID[]::new));
        String missing = row.get(1, String.class);
        if (missing != null) {
            throw new NotFoundException(Runs.ENTITY, UUID.fromString(missing));
        }
    }

    /** Creates the monthly partitions of these instants that do not exist yet; returns how many. */
    static int ensurePartitions(DSLContext ctx, Collection<OffsetDateTime> instants) {
        return Objects.requireNonNull(ctx.fetchSingle(SchemaMapping.sql(ctx, "SELECT tracking.ensure_metric_partitions(?::timestamptz[])"),
                (Object) timestamps(instants)).get(0, Integer.class));
    }

    private static String[] timestamps(Collection<OffsetDateTime> instants) {
        return instants.stream().map(TIMESTAMP::format).toArray(String[]::new);
    }

    /** Inserts the points and upserts the latest table, in one statement. */
    static int insert(DSLContext ctx, List<MetricPoint> points) {
        ctx.execute(SchemaMapping.sql(ctx, POINTS + INSERT_POINTS + UPSERT_LATEST), arrays(points));
        return points.size();
    }

    /** Upserts the latest table from points already in the history (the COPY path). */
    static void upsertLatest(DSLContext ctx, Collection<MetricPoint> points) {
        if (!points.isEmpty()) {
            ctx.execute(SchemaMapping.sql(ctx, POINTS + UPSERT_LATEST), arrays(points));
        }
    }

    private static Object[] arrays(Collection<MetricPoint> points) {
        return new Object[] {
            points.stream().map(MetricPoint::runId).toArray(UUID[]::new),
            points.stream().map(MetricPoint::name).toArray(String[]::new),
            points.stream().map(MetricPoint::step).toArray(Long[]::new),
            points.stream().map(p -> TIMESTAMP.format(p.loggedAt())).toArray(String[]::new),
            points.stream().map(MetricPoint::value).toArray(Double[]::new),
        };
    }
}
