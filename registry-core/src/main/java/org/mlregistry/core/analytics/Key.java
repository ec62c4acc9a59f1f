package org.mlregistry.core.analytics;

import org.jooq.Field;

/**
 * The value of one grouping dimension in a result row, with the answer of {@code GROUPING()}: a
 * null {@code value} is either a subtotal (the row aggregates over every value of this dimension)
 * or a real null in the data; {@link #subtotal()} tells which.
 *
 * @param dimension the dimension (as given to the builder)
 * @param value the group's value; null for a subtotal or a real null
 * @param subtotal true when {@code GROUPING(dimension) = 1}: this row is a subtotal over the dimension
 * @param <T> the dimension's Java type
 */
public record Key<T>(Field<T> dimension, T value, boolean subtotal) {

    /**
     * Whether the data itself holds null here (and this row is not a subtotal).
     *
     * @return true for a real null
     */
    public boolean isRealNull() {
        return !subtotal && value == null;
    }
}
