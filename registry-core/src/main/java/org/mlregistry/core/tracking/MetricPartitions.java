package org.mlregistry.core.tracking;

import org.mlregistry.core.internal.Validator;
import static org.mlregistry.schema.jooq.tracking.Tables.METRIC_POINT_PARTITIONS;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.internal.MetricRules;
import org.mlregistry.core.internal.SchemaMapping;

/**
 * The monthly (UTC) partitions of the metric history. Write paths create a missing month
 * themselves, but creating a partition locks the history table until that transaction ends:
 * a service calls {@link #ensure} ahead (e.g. daily for the next months). Retention drops whole
 * old partitions ({@link #dropBefore}): no DELETE of millions of rows, no table rewrite.
 * Obtain it from {@code registry.runs().metrics().partitions()}.
 */
public final class MetricPartitions {

    private static final int MAX_MONTHS = 1200;

    private final Runs runs;

    private MetricPartitions(Runs runs) {
        this.runs = runs;
    }

    static MetricPartitions of(Runs runs) {
        return new MetricPartitions(runs);
    }

    /**
     * Creates the partitions of every month from from's to to's (UTC) that do not exist yet;
     * idempotent, and safe when two sessions do it at once.
     *
     * @param from a time in the first month
     * @param to a time in the last month, not before from
     * @return how many partitions were created
     */
    public int ensure(OffsetDateTime from, OffsetDateTime to) {
        OffsetDateTime first = month(MetricRules.loggedAt("from", from));
        OffsetDateTime last = month(MetricRules.loggedAt("to", to));
        if (last.isBefore(first)) {
            throw new InvalidValueException("to", to, "must not be before from (" + from + ")");
        }
        List<OffsetDateTime> months = new ArrayList<>();
        for (OffsetDateTime m = first; !m.isAfter(last) && months.size() < MAX_MONTHS; m = m.plusMonths(1)) {
            months.add(m);
        }
        return runs.tx(ctx -> MetricWrites.ensurePartitions(ctx, months));
    }

    /**
     * Drops every partition whose whole month lies before cutoff (its upper bound &lt;= cutoff),
     * with its points; the partition holding cutoff and newer ones stay. The latest table keeps its
     * rows: runs stay searchable by their last values.
     *
     * @param cutoff the retention horizon
     * @return the dropped partitions' names, oldest first
     */
    public List<String> dropBefore(OffsetDateTime cutoff) {
        Validator.required("cutoff", cutoff);
        return runs.tx(ctx -> ctx.fetch(SchemaMapping.sql(ctx, """
                SELECT d.name FROM unnest(tracking.drop_metric_partitions_before(?::timestamptz)) WITH ORDINALITY AS d(name, ord)
                 ORDER BY d.ord
                """), cutoff).getValues(0, String.class));
    }

    /**
     * @return the partitions, oldest first
     */
    public List<MetricPartition> list() {
        var v = METRIC_POINT_PARTITIONS;
        return runs.read(ctx -> ctx.select(v.PARTITION_NAME, v.LOWER_BOUND, v.UPPER_BOUND).from(v)
                .orderBy(v.LOWER_BOUND).fetch(r -> new MetricPartition(r.value1(), r.value2(), r.value3())));
    }

    private static OffsetDateTime month(OffsetDateTime t) {
        return t.withOffsetSameInstant(ZoneOffset.UTC).withDayOfMonth(1).toLocalDate().atStartOfDay().atOffset(ZoneOffset.UTC);
    }
}
