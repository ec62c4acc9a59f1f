package org.mlregistry.core.analytics;

import java.math.BigDecimal;

/**
 * One row of a {@link Costs} report.
 *
 * @param key the group (framework, compute target, day, …); null for the total
 * @param runs number of rows in the group
 * @param hours sum of the hours (rows with null hours ignored); null when none
 * @param cost sum of hours × rate, exact (no rounding; round for display with
 *     {@code setScale(2, RoundingMode.HALF_UP)}); null when no hours
 * @param <K> group key type
 */
public record CostRow<K>(K key, long runs, BigDecimal hours, BigDecimal cost) {
}
