package org.mlregistry.examples.equivalence;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DataType;
import org.jooq.EnumType;
import org.jooq.Field;
import org.jooq.JSON;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.types.Interval;

/**
 * Results reduced to comparable values. What plain JDBC returns for the lab's SQL and what the
 * typed jOOQ example returns may differ in Java class where PostgreSQL's type is the same: an
 * {@code integer} and a {@code bigint} count, a {@code text} column read as a String or as one of
 * the schema's enums (whose literal is the stored text), a {@code timestamptz} as an OffsetDateTime
 * in some offset. Those are made equal; nothing else is: a number never equals its text, a
 * {@code numeric} keeps its scale ({@code 0.9500} is not {@code 0.95}), a {@code numeric} is not
 * a {@code double precision}, and each column's {@linkplain #types type family} is compared.
 */
public final class Rows {

    private Rows() {
    }

    public static List<String> columns(Result<? extends Record> result) {
        return result.fieldsRow().fieldStream().map(Field::getName).toList();
    }

    /** Each column's family of PostgreSQL types: integer, numeric, float, text, boolean, timestamp, … */
    public static List<String> types(Result<? extends Record> result) {
        return result.fieldsRow().fieldStream().map(field -> family(field.getDataType())).toList();
    }

    /** Whether result has no rows, or one row of zeros only (e.g. a count that found nothing). */
    public static boolean isEmptyOrZero(Result<? extends Record> result) {
        return result.isEmpty() || result.size() == 1 && values(result).get(0).stream()
                .allMatch(value -> value instanceof Number n && new BigDecimal(n.toString()).signum() == 0);
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

    /**
     * One comparable value: integers of any width as a Long, {@code numeric} as a BigDecimal with
     * its scale, floats as a Double, timestamps with a time zone as instants, enums as their
     * stored literal, JSON as its text, arrays as lists; anything else as it is. (jOOQ's intervals
     * are Numbers too: they come first.)
     */
    public static Object normalize(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof EnumType e) {
            return e.getLiteral();
        }
        if (value instanceof Interval i) {
            return i.toDuration();
        }
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof Double d) {
            return d;
        }
        if (value instanceof BigInteger i) {
            return i.longValueExact();
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toLocalDateTime();
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
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
        return value;
    }

    private static String family(DataType<?> type) {
        DataType<?> sql = type.getSQLDataType() != null ? type.getSQLDataType() : type;
        if (sql.isArray()) {
            return "array";
        }
        return switch (sql.getSQLType()) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> "integer";
            case Types.NUMERIC, Types.DECIMAL -> "numeric";
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> "float";
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.CLOB, Types.NCHAR, Types.NVARCHAR,
                    Types.LONGNVARCHAR, Types.NCLOB -> "text";
            case Types.BOOLEAN, Types.BIT -> "boolean";
            case Types.TIMESTAMP -> "timestamp";
            case Types.TIMESTAMP_WITH_TIMEZONE -> "timestamptz";
            case Types.DATE -> "date";
            default -> sql.getTypeName().startsWith("interval") ? "interval" : sql.getTypeName();
        };
    }
}
