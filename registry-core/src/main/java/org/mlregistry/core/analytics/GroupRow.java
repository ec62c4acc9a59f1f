package org.mlregistry.core.analytics;

import java.util.List;
import java.util.Map;
import org.jooq.Field;
import org.mlregistry.core.error.InvalidValueException;

/**
 * One result row of a grouped query (plain GROUP BY, ROLLUP, CUBE, GROUPING SETS, daily buckets):
 * the group's keys, one per dimension in the order given, and the measures' values.
 *
 * @param keys one key per dimension, in the builder's order
 * @param values the value of each measure, by measure (identity)
 */
public record GroupRow(List<Key<?>> keys, Map<Measure<?>, Object> values) {

    /**
     * Canonical constructor; copies both collections.
     *
     * @param keys keys
     * @param values values (may hold nulls)
     */
    public GroupRow {
        keys = List.copyOf(keys);
        values = java.util.Collections.unmodifiableMap(new java.util.IdentityHashMap<>(values));
    }

    /**
     * The key of a dimension, typed.
     *
     * @param dimension a dimension given to the builder (the same instance, or an equal field)
     * @param <T> its type
     * @return the key
     * @throws InvalidValueException when the field is not a dimension of this row
     */
    @SuppressWarnings("unchecked")
    public <T> Key<T> key(Field<T> dimension) {
        for (Key<?> key : keys) {
            if (key.dimension() == dimension) {
                return (Key<T>) key;
            }
        }
        for (Key<?> key : keys) {
            if (key.dimension().equals(dimension)) {
                return (Key<T>) key;
            }
        }
        throw new InvalidValueException("dimension", dimension, "must be a dimension of this row");
    }

    /**
     * The key at a position (0 = first dimension).
     *
     * @param index position
     * @return the key
     */
    public Key<?> key(int index) {
        return keys.get(index);
    }

    /**
     * The value of a dimension (null for a subtotal or a real null; see {@link Key#subtotal()}).
     *
     * @param dimension a dimension of this row
     * @param <T> its type
     * @return the value
     */
    public <T> T valueOf(Field<T> dimension) {
        return key(dimension).value();
    }

    /**
     * The value of a measure, typed.
     *
     * @param measure a measure given to the builder (same instance)
     * @param <T> its type
     * @return the value, possibly null (e.g. avg of no values)
     * @throws InvalidValueException when the measure was not computed for this row
     */
    @SuppressWarnings("unchecked")
    public <T> T value(Measure<T> measure) {
        if (!values.containsKey(measure)) {
            throw new InvalidValueException("measure", measure.label(), "must be one of the measures computed for this row");
        }
        return (T) values.get(measure);
    }

    /**
     * Whether this row is the grand total (every dimension is a subtotal).
     *
     * @return true for the grand total row
     */
    public boolean isGrandTotal() {
        return keys.stream().allMatch(Key::subtotal);
    }

    /**
     * Whether this row is a detail row (no dimension is a subtotal).
     *
     * @return true for a detail row
     */
    public boolean isDetail() {
        return keys.stream().noneMatch(Key::subtotal);
    }
}
