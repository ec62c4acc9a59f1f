package org.mlregistry.core.tracking;

import java.util.Collection;
import org.mlregistry.core.internal.Validator;
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
        return new RunFilter(field.eq(checked(value)));
    }

    /**
     * @param value a value
     * @return column &lt;&gt; value
     */
    public RunFilter ne(V value) {
        return new RunFilter(field.ne(checked(value)));
    }

    /**
     * @param values values
     * @return column IN values
     */
    @SafeVarargs
    public final RunFilter in(V... values) {
        Validator.required(field.getName(), values);
        return in(List.of(values));
    }

    /**
     * @param values values
     * @return column IN values
     */
    public RunFilter in(Collection<? extends V> values) {
        return new RunFilter(field.in(checked(values)));
    }

    /**
     * @param values values
     * @return column NOT IN values
     */
    public RunFilter notIn(Collection<? extends V> values) {
        return new RunFilter(field.notIn(checked(values)));
    }

    /**
     * @return column IS NULL
     */
    /** value, when it passes the Validator's rules for filter values (a null value is refused: use isNull()). */
    final V checked(V value) {
        return Validator.filterValue(field.getName(), value);
    }

    private Collection<? extends V> checked(Collection<? extends V> values) {
        Validator.required(field.getName(), values);
        values.forEach(v -> checked((V) v));
        return values;
    }

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
