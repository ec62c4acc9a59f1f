package org.mlregistry.core.tracking;

import org.jooq.Field;

/** A whole-number value, comparable with plain {@code int}/{@code long} literals ({@code ge(32)}). */
public final class WholeRunColumn extends OrderedRunColumn<Long> {
    WholeRunColumn(Field<Long> field) {
        super(field);
    }

    /**
     * @param value a value
     * @return value &gt; value
     */
    public RunFilter gt(long value) {
        return gt(Long.valueOf(value));
    }

    /**
     * @param value a value
     * @return value &gt;= value
     */
    public RunFilter ge(long value) {
        return ge(Long.valueOf(value));
    }

    /**
     * @param value a value
     * @return value &lt; value
     */
    public RunFilter lt(long value) {
        return lt(Long.valueOf(value));
    }

    /**
     * @param value a value
     * @return value &lt;= value
     */
    public RunFilter le(long value) {
        return le(Long.valueOf(value));
    }

    /**
     * @param value a value
     * @return value = value
     */
    public RunFilter eq(long value) {
        return eq(Long.valueOf(value));
    }

    /**
     * @param low inclusive
     * @param high inclusive
     * @return value BETWEEN low AND high
     */
    public RunFilter between(long low, long high) {
        return between(Long.valueOf(low), Long.valueOf(high));
    }
}
