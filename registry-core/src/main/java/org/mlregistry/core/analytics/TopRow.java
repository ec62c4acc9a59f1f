package org.mlregistry.core.analytics;

/**
 * One row of a {@link TopN} result: a group, the row's position within the group's best rows and
 * the row itself.
 *
 * @param group the group key (e.g. the framework)
 * @param position 1 for the best row of the group, 2 for the next, …
 * @param row the table's row, as the table's record type
 * @param <K> group key type
 * @param <R> record type of the table
 */
public record TopRow<K, R>(K group, int position, R row) {
}
