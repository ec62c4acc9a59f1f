package org.mlregistry.examples.equivalence;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jooq.EnumType;
import org.jooq.Field;
import org.jooq.JSON;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.types.Interval;

/**
 * Results reduced to comparable values: what plain JDBC returns for the lab's SQL and what the
 * typed jOOQ example returns differ in Java type (Long vs Integer, String vs enum), not in value.
 */
public final class Rows {

    private Rows() {
    }

    public static List<String> columns(Result<? extends Record> result) {
        return result.fieldsRow().fieldStream().map(Field::getName).toList();
    }

    public static List<List<Object>> values(Result<? extends Record> result) {
        List<List<Object>> rows = new ArrayList<>();
        for (Record record : result) {
            List<Object> row = new ArrayList<>();
            for (int i = 0; i < record.size(); i++) {
                row.add(normalize(record.get(i)));
            }
            rows.add(row);
        }
        return rows;
    }

    /** One comparable value: numbers by value, timestamps as instants, enums and JSON as text (jOOQ's intervals are Numbers too: they come first). */
    public static Object normalize(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof EnumType e) {
            return e.getLiteral();
        }
        if (value instanceof BigDecimal d) {
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Interval i) {
            // Before Number: jOOQ's interval types are Numbers whose text is no decimal.
            return i.toDuration();
        }
        if (value instanceof Number n) {
            return normalize(new BigDecimal(n.toString()));
        }
        if (value instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof JSONB j) {
            return j.data();
        }
        if (value instanceof JSON j) {
            return j.data();
        }
        if (value instanceof Object[] array) {
            List<Object> list = new ArrayList<>();
            for (Object element : array) {
                list.add(normalize(element));
            }
            return list;
        }
        return value.toString();
    }
}
