package org.mlregistry.schema.types;

import java.util.Locale;
import org.jooq.EnumType;

/**
 * A Java enum standing for a text column that a CHECK constraint limits to a fixed set of values.
 * The database value (literal) is the constant's name in lower case unless the enum says otherwise;
 * jOOQ's {@link org.jooq.impl.EnumConverter} maps columns to these enums by that literal.
 */
public interface DatabaseEnum extends EnumType {

    String name();

    @Override
    default String getLiteral() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Not a PostgreSQL enum type: the column is text. */
    @Override
    default String getName() {
        return null;
    }
}
