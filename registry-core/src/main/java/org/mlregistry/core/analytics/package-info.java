/**
 * Typed, composable analytics over any jOOQ table, in jOOQ's DSL style: each builder is a chain of
 * step types that only offer what may come next, ends in {@code fetch()} (Java records) or
 * {@code asSelect()} (the jOOQ {@code Select}, to compose further), and binds every value.
 *
 * <ul>
 *   <li>{@link org.mlregistry.core.analytics.Ranking}: RANK / DENSE_RANK / ROW_NUMBER within
 *       partitions, with the partition's aggregate beside each row;</li>
 *   <li>{@link org.mlregistry.core.analytics.Aggregation}: GROUP BY, ROLLUP, CUBE, GROUPING SETS with
 *       {@link org.mlregistry.core.analytics.Measure measures}; {@code GROUPING()} tells subtotals
 *       from real nulls;</li>
 *   <li>{@link org.mlregistry.core.analytics.TopN}: best N rows per group by {@code CROSS JOIN LATERAL};</li>
 *   <li>{@link org.mlregistry.core.analytics.Series}: running totals, moving averages, lag/lead deltas;
 *       {@link org.mlregistry.core.analytics.Buckets}: calendar days in an explicit zone (UTC);</li>
 *   <li>{@link org.mlregistry.core.analytics.Costs}: hours × a rate, or a rate per compute target.</li>
 * </ul>
 *
 * Start from {@code Registry.analytics()}; {@link org.mlregistry.core.analytics.TrainingRunAnalytics}
 * has the lab 01 reports ready-made.
 */
package org.mlregistry.core.analytics;
