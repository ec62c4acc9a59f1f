package org.mlregistry.core.tracking;

import java.util.Collection;
import java.util.List;
import org.jooq.Field;

/** A column compared by equality, set membership and nullness. */
public class RunColumn<V> {
    final Field<V> field;

    RunColumn(Field<V> field) {
        this.field = field;
    }

    /**
     * @param value a value
     * @return column = value
     */
    public RunFilter eq(V value) {
        return new RunFilter(field.eq(value));
    }

    /**
     * @param value a value
     * @return column &lt;&gt; value
     */
    public RunFilter ne(V value) {
        return new RunFilter(field.ne(value));
    }

    /**
     * @param values values
     * @return column IN values
     */
    @SafeVarargs
    public final RunFilter in(V... values) {
        return in(List.of(values));
    }

    /**
     * @param values values
     * @return column IN values
     */
    public RunFilter in(Collection<? extends V> values) {
        return new RunFilter(field.in(values));
    }

    /**
     * @param values values
     * @return column NOT IN values
     */
    public RunFilter notIn(Collection<? extends V> values) {
        return new RunFilter(field.notIn(values));
    }

    /**
     * @return column IS NULL
     */
    public RunFilter isNull() {
        return new RunFilter(field.isNull());
    }

    /**
     * @return column IS NOT NULL
     */
    public RunFilter isNotNull() {
        return new RunFilter(field.isNotNull());
    }
}
