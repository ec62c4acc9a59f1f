package org.mlregistry.core.tracking;

import org.jooq.Field;
import org.mlregistry.core.internal.Validator;

/** A text column: ordered, plus LIKE and ILIKE patterns (bound). */
public final class TextRunColumn extends OrderedRunColumn<String> {
    TextRunColumn(Field<String> field) {
        super(field);
    }

    /**
     * @param pattern SQL LIKE pattern
     * @return column LIKE pattern
     */
    public RunFilter like(String pattern) {
        return new RunFilter(field.like(Validator.filterText(field.getName(), pattern)));
    }

    /**
     * @param pattern SQL LIKE pattern
     * @return column ILIKE pattern (case-insensitive)
     */
    public RunFilter ilike(String pattern) {
        return new RunFilter(field.likeIgnoreCase(Validator.filterText(field.getName(), pattern)));
    }

    /**
     * @param pattern SQL LIKE pattern
     * @return column NOT LIKE pattern
     */
    public RunFilter notLike(String pattern) {
        return new RunFilter(field.notLike(Validator.filterText(field.getName(), pattern)));
    }
}
