package org.mlregistry.core.tracking;

import org.jooq.Field;

/** A column that is also ordered. */
public class OrderedRunColumn<V> extends RunColumn<V> {
    OrderedRunColumn(Field<V> field) {
        super(field);
    }

    /**
     * @param value a value
     * @return column &gt; value
     */
    public RunFilter gt(V value) {
        return new RunFilter(field.gt(checked(value)));
    }

    /**
     * @param value a value
     * @return column &gt;= value
     */
    public RunFilter ge(V value) {
        return new RunFilter(field.ge(checked(value)));
    }

    /**
     * @param value a value
     * @return column &lt; value
     */
    public RunFilter lt(V value) {
        return new RunFilter(field.lt(checked(value)));
    }

    /**
     * @param value a value
     * @return column &lt;= value
     */
    public RunFilter le(V value) {
        return new RunFilter(field.le(checked(value)));
    }

    /**
     * @param low inclusive
     * @param high inclusive
     * @return column BETWEEN low AND high
     */
    public RunFilter between(V low, V high) {
        return new RunFilter(field.between(checked(low), checked(high)));
    }
}
