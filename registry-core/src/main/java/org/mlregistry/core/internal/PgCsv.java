package org.mlregistry.core.internal;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import org.mlregistry.core.error.InvalidValueException;

/**
 * PostgreSQL's CSV dialect ({@code COPY … WITH (FORMAT csv)}, default delimiter, quote and NULL),
 * written and read in Java so that rows can pass through bound statements and the Validator
 * instead of SQL text. Writing follows {@code CopyAttributeOutCSV}: a value is quoted when it is
 * empty, contains a comma, a quote, CR or LF, and a quote inside is doubled; NULL is an empty,
 * unquoted field; rows end with LF. Reading inverts it: an unquoted empty field is NULL, a quoted
 * one the empty string. Not part of the public API.
 */
public final class PgCsv {

    private PgCsv() {
    }

    /**
     * @param out where the row goes
     * @param values the row's values, null for SQL NULL
     */
    public static void writeRow(StringBuilder out, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String v = values.get(i);
            if (v != null) {
                writeValue(out, v);
            }
        }
        out.append('\n');
    }

    private static void writeValue(StringBuilder out, String v) {
        boolean quote = v.isEmpty();
        for (int i = 0; i < v.length() && !quote; i++) {
            char c = v.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            out.append(v);
            return;
        }
        out.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"') {
                out.append('"');
            }
            out.append(c);
        }
        out.append('"');
    }

    /** Reads CSV records one at a time from a character stream, remembering each record's first line. */
    public static final class RecordReader {
        private final Reader in;
        private int line = 1;
        private int recordLine;
        private int pushedBack = -2;

        /**
         * @param in the CSV text (buffered by the caller if it is slow to read)
         */
        public RecordReader(Reader in) {
            this.in = in;
        }

        /**
         * @return the line (from 1) where the record last returned by {@link #next()} starts
         */
        public int recordLine() {
            return recordLine;
        }

        /**
         * @return the next record's fields (null for an unquoted empty field), or null at the end
         * @throws IOException when reading fails
         * @throws InvalidValueException on {@code csv} when a quoted field is not closed
         */
        public List<String> next() throws IOException {
            int c = read();
            if (c == -1) {
                return null;
            }
            recordLine = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean wasQuoted = false;
            while (true) {
                if (quoted) {
                    if (c == -1) {
                        throw new InvalidValueException("csv", "line " + recordLine, "has a quoted field that is never closed");
                    }
                    if (c == '"') {
                        int d = read();
                        if (d == '"') {
                            field.append('"');
                        } else {
                            quoted = false;
                            c = d;
                            continue;
                        }
                    } else {
                        field.append((char) c);
                    }
                } else if (c == '"') {
                    quoted = true;
                    wasQuoted = true;
                } else if (c == ',' || c == '\n' || c == '\r' || c == -1) {
                    fields.add(field.length() == 0 && !wasQuoted ? null : field.toString());
                    field.setLength(0);
                    wasQuoted = false;
                    if (c != ',') {
                        if (c == '\r') {
                            int d = read();
                            if (d != '\n') {
                                pushedBack = d;
                            }
                        }
                        return fields;
                    }
                } else {
                    field.append((char) c);
                }
                c = read();
            }
        }

        private int read() throws IOException {
            int c;
            if (pushedBack != -2) {
                c = pushedBack;
                pushedBack = -2;
            } else {
                c = in.read();
            }
            if (c == '\n') {
                line++;
            }
            return c;
        }
    }
}
