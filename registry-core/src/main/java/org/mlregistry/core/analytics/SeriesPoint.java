package org.mlregistry.core.analytics;

import java.math.BigDecimal;
import java.util.function.Function;

/**
 * One point of a {@link Series}: the row's position on the ordering axis, its value and the window
 * values computed over the series.
 *
 * @param at the ordering value (e.g. {@code created_at})
 * @param value the row's value (null when the row's value is null)
 * @param runningTotal sum of the values of this and every earlier row
 * @param movingAverage average over the moving frame ending at this row (nulls ignored)
 * @param previous the value of the previous row ({@code LAG}), null for the first
 * @param next the value of the next row ({@code LEAD}), null for the last
 * @param delta {@code value - previous}, null for the first row or when either is null
 * @param row the table's row
 * @param <O> type of the ordering field
 * @param <R> record type of the table
 */
public record SeriesPoint<O, R>(O at, BigDecimal value, BigDecimal runningTotal, BigDecimal movingAverage,
                                BigDecimal previous, BigDecimal next, BigDecimal delta, R row) {

    /**
     * This row with its table row mapped, e.g. to a domain type.
     *
     * @param mapper how to map the row
     * @param <T> what the row becomes
     * @return a copy with the mapped row
     */
    public <T> SeriesPoint<O, T> mapRow(Function<? super R, ? extends T> mapper) {
        return new SeriesPoint<>(at, value, runningTotal, movingAverage, previous, next, delta, mapper.apply(row));
    }
}
