package org.mlregistry.core.tracking;

import static org.mlregistry.core.tracking.Runs.T;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.mlregistry.core.error.CsvRowRefusedException;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.internal.PgCsv;
import org.mlregistry.core.internal.PooledCopy;
import org.mlregistry.core.internal.SchemaMapping;
import org.mlregistry.core.internal.TrackingLimits;
import org.mlregistry.core.internal.Validator;
import org.postgresql.copy.CopyIn;

/**
 * CSV export and import of runs through PostgreSQL COPY (PgJDBC {@code CopyManager}), streaming:
 * the driver passes rows between the server and the caller's stream as they come. Obtain it from
 * {@link Runs#csv()}.
 *
 * <p>Export never puts a value into SQL text: COPY cannot take bind parameters, so the search runs
 * as a bound SELECT through a server-side cursor (bounded memory) with every column cast to text
 * (the type's output function, as COPY writes it), and Java writes COPY's CSV dialect
 * ({@link PgCsv}), byte for byte what {@code COPY (…) TO STDOUT WITH (FORMAT csv, HEADER true)}
 * wrote.
 *
 * <p>Import reads the CSV in Java and checks every row with the rules of {@code submit} and
 * {@code record} ({@link CsvRunRules}) before passing it on to {@code COPY … FROM STDIN}; a refused
 * row aborts the import with a {@link CsvRowRefusedException} naming its line and column.
 *
 * <p>Import checks the CSV's header line in Java: it must name the imported columns, in order, or
 * the import is refused with an {@link InvalidValueException} on {@code header} and nothing is
 * written. (COPY's own check, {@code HEADER MATCH}, would need PostgreSQL 15.)
 */
public final class RunCsv {

    /** Every column of {@code tracking.training_runs}, in table order: the CSV header of export and import. */
    static final List<String> COLUMNS = Arrays.stream(T.fields()).map(Field::getName).toList();

    /** Rows per round trip of the export's cursor. */
    private static final int FETCH_SIZE = 1000;
    /** Characters gathered before they go to the stream (export) or to COPY (import). */
    private static final int CHUNK = 64 * 1024;

    private final Runs runs;

    RunCsv(Runs runs) {
        this.runs = runs;
    }


    /**
     * Bulk-imports runs from CSV in the export format (a header line and every column in table
     * order, see {@link #columns()}) through {@code COPY … FROM STDIN}, streaming. All or
     * nothing: a refused row aborts the whole import with a typed error. The header line must name
     * the columns in order.
     *
     * @param csv the CSV text (not closed)
     * @return the number of rows imported
     * @throws InvalidValueException on {@code header} when the header names other columns
     */
    public long importFrom(java.io.Reader csv) {
        Validator.required("csv", csv);
        return importCsv(runs, csv, COLUMNS);
    }

    /**
     * Bulk-imports runs from CSV with a header and the given columns (the others take their
     * defaults), through {@code COPY … FROM STDIN}, streaming. The header line must name exactly
     * these columns in this order.
     *
     * @param csv the CSV bytes, UTF-8 (not closed)
     * @param columns the CSV's columns, in order; each a column of {@code tracking.training_runs}
     * @return the number of rows imported
     * @throws InvalidValueException on {@code header} when the header names other columns or
     *     another order
     */
    public long importFrom(java.io.InputStream csv, List<String> columns) {
        Validator.required("csv", csv);
        return importCsv(runs, csv, columns);
    }

    /**
     * Streams runs of a search as CSV bytes (UTF-8, with a header) through {@code COPY … TO STDOUT}.
     *
     * @param search the search (its filter and archive setting; newest first)
     * @param out where the CSV goes (not closed)
     * @return the number of rows written
     */
    public long export(RunSearch search, java.io.OutputStream out) {
        Validator.required("search", search);
        Validator.required("out", out);
        return export(runs, search.condition(), RunOrder.NEWEST_FIRST.sortFields(), out);
    }

    /**
     * @return the CSV columns of export and of {@link #importFrom(java.io.Reader)}, in order
     */
    public List<String> columns() {
        return COLUMNS;
    }


    static long export(Runs runs, Condition where, List<SortField<?>> order, OutputStream out) {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        long rows = export(runs, where, order, writer);
        flush(writer);
        return rows;
    }

    /**
     * The search's bound SELECT, each column cast to text (the type's output function, as COPY
     * writes it), streamed from a server-side cursor and written in COPY's CSV dialect.
     */
    static long export(Runs runs, Condition where, List<SortField<?>> order, Writer out) {
        Field<?>[] text = Arrays.stream(T.fields()).map(f -> f.cast(SQLDataType.CLOB).as(f.getName())).toArray(Field[]::new);
        return runs.bulkTx(ctx -> {
            StringBuilder chunk = new StringBuilder(CHUNK * 2);
            PgCsv.writeRow(chunk, COLUMNS);
            long rows = 0;
            try (Cursor<Record> cursor = ctx.select(text).from(T).where(where).orderBy(order).fetchSize(FETCH_SIZE).fetchLazy()) {
                List<String> values = new ArrayList<>(text.length);
                for (Record r : cursor) {
                    values.clear();
                    for (int i = 0; i < text.length; i++) {
                        values.add((String) r.get(i));
                    }
                    PgCsv.writeRow(chunk, values);
                    rows++;
                    if (chunk.length() >= CHUNK) {
                        write(out, chunk);
                    }
                }
            }
            write(out, chunk);
            flush(out);
            return rows;
        });
    }

    private static void write(Writer out, StringBuilder chunk) {
        try {
            out.append(chunk);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        chunk.setLength(0);
    }

    private static void flush(Writer out) {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long importCsv(Runs runs, InputStream in, List<String> columns) {
        return importCsv(runs, new InputStreamReader(in, StandardCharsets.UTF_8), columns);
    }

    /**
     * Reads the CSV in Java, refuses a row that breaks a rule of the API (naming its line and
     * column), and passes the checked rows on to {@code COPY … FROM STDIN} as it goes.
     */
    static long importCsv(Runs runs, Reader in, List<String> columns) {
        String copy = copyIn(columns);
        return runs.analyzedAfter(runs.bulkTx(ctx -> {
            CsvRunRules rules = new CsvRunRules(columns, ctx.fetchValue(DSL.currentUser()));
            return ctx.connectionResult(c -> copyChecked(c, SchemaMapping.sql(ctx, copy), new PgCsv.RecordReader(new BufferedReader(in)), columns, rules));
        }));
    }

    private static long copyChecked(Connection c, String copy, PgCsv.RecordReader csv, List<String> columns, CsvRunRules rules)
            throws SQLException, IOException {
        List<String> header = csv.next();
        if (!columns.equals(header)) {
            throw new InvalidValueException("header", header == null ? null : TrackingLimits.shortened(String.join(",", header)),
                    "must name the columns " + columns + " in this order");
        }
        CopyIn copyIn = PooledCopy.copying(c, () -> PooledCopy.api(c).copyIn(copy));
        try {
            StringBuilder chunk = new StringBuilder(CHUNK * 2);
            for (List<String> row = csv.next(); row != null; row = csv.next()) {
                try {
                    PgCsv.writeRow(chunk, rules.check(row));
                } catch (InvalidValueException e) {
                    throw new CsvRowRefusedException(csv.recordLine(), e);
                }
                if (chunk.length() >= CHUNK) {
                    send(c, copyIn, chunk);
                }
            }
            send(c, copyIn, chunk);
            return PooledCopy.copying(c, copyIn::endCopy);
        } finally {
            if (copyIn.isActive()) {
                copyIn.cancelCopy();
            }
        }
    }

    private static void send(Connection c, CopyIn copyIn, StringBuilder chunk) throws SQLException {
        byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
        chunk.setLength(0);
        PooledCopy.copying(c, () -> {
            copyIn.writeToCopy(bytes, 0, bytes.length);
            return null;
        });
    }


    private static String copyIn(List<String> columns) {
        if (columns == null || columns.isEmpty()) {
            throw new InvalidValueException("columns", columns, "must name at least one column");
        }
        for (String column : columns) {
            if (!COLUMNS.contains(column)) {
                throw new InvalidValueException("columns", column == null ? null : TrackingLimits.shortened(column),
                        "must be a column of tracking.training_runs " + COLUMNS);
            }
        }
        if (new java.util.HashSet<>(columns).size() != columns.size()) {
            throw new InvalidValueException("columns", columns, "must name each column once");
        }
        String list = columns.stream().map(c -> DSL.using(org.jooq.SQLDialect.POSTGRES).render(DSL.name(c)))
                .collect(Collectors.joining(", "));
        // No header reaches COPY: copyChecked has checked it (HEADER MATCH would need PostgreSQL 15).
        return "COPY tracking.training_runs (" + list + ") FROM STDIN WITH (FORMAT csv)";
    }
}
