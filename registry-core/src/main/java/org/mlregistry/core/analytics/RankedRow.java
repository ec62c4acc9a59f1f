package org.mlregistry.core.analytics;

/**
 * One row of a {@link Ranking}: the table's row, its partition, its rank within the partition and
 * the partition's aggregate beside it.
 *
 * @param partition the partition key (e.g. the framework)
 * @param rank the rank within the partition, from 1 (RANK, DENSE_RANK or ROW_NUMBER as chosen)
 * @param partitionAggregate the aggregate over the whole partition (e.g. its average accuracy), or
 *     null when none was asked for
 * @param row the table's row, as the table's record type
 * @param <K> partition key type
 * @param <A> aggregate type
 * @param <R> record type of the table
 */
public record RankedRow<K, A, R>(K partition, long rank, A partitionAggregate, R row) {
}
