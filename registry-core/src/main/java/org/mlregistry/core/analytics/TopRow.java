package org.mlregistry.core.analytics;

import java.util.function.Function;

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

    /**
     * This row with its table row mapped, e.g. to a domain type.
     *
     * @param mapper how to map the row
     * @param <T> what the row becomes
     * @return a copy with the mapped row
     */
    public <T> TopRow<K, T> mapRow(Function<? super R, ? extends T> mapper) {
        return new TopRow<>(group, position, mapper.apply(row));
    }
}
