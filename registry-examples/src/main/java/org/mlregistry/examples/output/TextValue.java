package org.mlregistry.examples.output;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import org.jooq.EnumType;
import org.jooq.JSON;
import org.jooq.JSONB;

/** A value as the runner shows it: close to PostgreSQL's text form, timestamps in ISO-8601. */
public final class TextValue {

    private TextValue() {
    }

    /** Text for the value, or null for SQL NULL. */
    public static String of(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof EnumType e) {
            return e.getLiteral();
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof OffsetDateTime t) {
            return t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        }
        if (value instanceof JSONB j) {
            return j.data();
        }
        if (value instanceof JSON j) {
            return j.data();
        }
        if (value instanceof Object[] array) {
            StringBuilder text = new StringBuilder("{");
            for (int i = 0; i < array.length; i++) {
                text.append(i == 0 ? "" : ",").append(of(array[i]));
            }
            return text.append('}').toString();
        }
        return value.toString();
    }

    /** Whether the value prints as a JSON number. */
    public static boolean isNumber(Object value) {
        return value instanceof Number;
    }
}
