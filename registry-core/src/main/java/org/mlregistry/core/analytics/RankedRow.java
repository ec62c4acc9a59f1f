package org.mlregistry.core.analytics;

import java.util.function.Function;

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

    /**
     * This row with its table row mapped, e.g. to a domain type.
     *
     * @param mapper how to map the row
     * @param <T> what the row becomes
     * @return a copy with the mapped row
     */
    public <T> RankedRow<K, A, T> mapRow(Function<? super R, ? extends T> mapper) {
        return new RankedRow<>(partition, rank, partitionAggregate, mapper.apply(row));
    }
}
