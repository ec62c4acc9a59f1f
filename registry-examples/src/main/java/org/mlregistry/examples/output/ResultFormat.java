package org.mlregistry.examples.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;

/** How the runner prints a result: a psql-like table, JSON or CSV. */
public enum ResultFormat {
    TABLE, JSON, CSV;

    public static ResultFormat parse(String text) {
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--format must be table, json or csv, got '" + text + "'");
        }
    }

    /** A psql-like table: header, dashes, rows, and a row count. */
    public static String table(Result<? extends Record> result) {
        List<String> names = columns(result);
        List<List<String>> rows = new ArrayList<>();
        int[] widths = names.stream().mapToInt(String::length).toArray();
        boolean[] numeric = new boolean[names.size()];
        for (Record record : result) {
            List<String> row = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                numeric[i] |= TextValue.isNumber(record.get(i));
                String text = TextValue.of(record.get(i));
                text = text == null ? "" : text.replace('\n', ' ');
                row.add(text);
                widths[i] = Math.max(widths[i], text.length());
            }
            rows.add(row);
        }
        StringBuilder out = new StringBuilder();
        line(out, names, widths, null);
        for (int i = 0; i < widths.length; i++) {
            out.append(i == 0 ? "" : "+").append("-".repeat(widths[i] + 2));
        }
        out.append('\n');
        for (List<String> row : rows) {
            line(out, row, widths, numeric);
        }
        return out.append('(').append(rows.size()).append(rows.size() == 1 ? " row)" : " rows)").toString();
    }

    /** A header line (numeric null: centered) or a row (numbers right-aligned, as psql does). */
    private static void line(StringBuilder out, List<String> cells, int[] widths, boolean[] numeric) {
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            int pad = widths[i] - cell.length();
            int left = numeric == null ? pad / 2 : numeric[i] ? pad : 0;
            out.append(i == 0 ? " " : " | ").append(" ".repeat(left)).append(cell).append(" ".repeat(pad - left));
        }
        out.append('\n');
    }

    /** {@code {"id": …, "title": …, "columns": [...], "rows": [[...]]}}. */
    public static String json(String id, String title, Result<? extends Record> result) {
        StringBuilder out = new StringBuilder("{\"id\": ").append(quote(id))
                .append(", \"title\": ").append(quote(title)).append(", \"columns\": [");
        List<String> names = columns(result);
        for (int i = 0; i < names.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(quote(names.get(i)));
        }
        out.append("], \"rows\": [");
        for (int r = 0; r < result.size(); r++) {
            out.append(r == 0 ? "[" : ", [");
            Record record = result.get(r);
            for (int i = 0; i < names.size(); i++) {
                Object value = record.get(i);
                String text = TextValue.of(value);
                out.append(i == 0 ? "" : ", ").append(text == null ? "null" : TextValue.isNumber(value) ? text : quote(text));
            }
            out.append(']');
        }
        return out.append("]}").toString();
    }

    /** RFC 4180 CSV with a header line; NULL is an empty field. */
    public static String csv(Result<? extends Record> result) {
        StringBuilder out = new StringBuilder();
        out.append(String.join(",", columns(result).stream().map(ResultFormat::csvField).toList())).append("\r\n");
        for (Record record : result) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < record.size(); i++) {
                String text = TextValue.of(record.get(i));
                cells.add(text == null ? "" : csvField(text));
            }
            out.append(String.join(",", cells)).append("\r\n");
        }
        return out.toString();
    }

    private static List<String> columns(Result<? extends Record> result) {
        return result.fieldsRow().fieldStream().map(Field::getName).toList();
    }

    private static String csvField(String text) {
        boolean quote = text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r");
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    /** A JSON string literal. */
    public static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
