package org.mlregistry.core.tracking;

import java.time.OffsetDateTime;

/**
 * One partition of the metric history: the points logged in [from, to), one month (UTC).
 *
 * @param name the table's name in schema {@code tracking}, e.g. {@code metric_points_2026_11}
 * @param from its lower bound, inclusive
 * @param to its upper bound, exclusive
 */
public record MetricPartition(String name, OffsetDateTime from, OffsetDateTime to) {
}
