package org.mlregistry.core.tracking;

import static org.mlregistry.core.tracking.Runs.T;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.jooq.Field;
import org.jooq.Select;
import org.jooq.conf.ParamType;
import org.jooq.impl.DSL;
import org.mlregistry.core.error.InvalidValueException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * CSV export and import of runs through PostgreSQL COPY (PgJDBC {@link CopyManager}), streaming:
 * the driver passes rows between the server and the caller's stream as they come. Obtain it from
 * {@link Runs#csv()}.
 *
 * <p>COPY cannot take bind parameters, so an exported query is rendered by jOOQ with its values
 * inlined as escaped SQL literals ({@link ParamType#INLINED}); no value is ever concatenated raw.
 *
 * <p>Import uses {@code HEADER MATCH} (PostgreSQL 15 or later): the CSV's header line must name
 * the imported columns, in order, or the import is refused with an {@link InvalidValueException}
 * on {@code header} and nothing is written.
 */
public final class RunCsv {

    /** SQLState of COPY's refusals of the file's format, among them HEADER MATCH's. */
    private static final String BAD_COPY_FILE_FORMAT = "22P04";

    /** Every column of {@code tracking.training_runs}, in table order: the CSV header of export and import. */
    static final List<String> COLUMNS = Arrays.stream(T.fields()).map(Field::getName).toList();

    private final Runs runs;

    RunCsv(Runs runs) {
        this.runs = runs;
    }


    /**
     * Bulk-imports runs from CSV in the export format (a header line and every column in table
     * order, see {@link #columns()}) through {@code COPY … FROM STDIN}, streaming. All or
     * nothing: a refused row aborts the whole import with a typed error. The header line must name
     * the columns in order ({@code COPY … HEADER MATCH}, PostgreSQL 15+).
     *
     * @param csv the CSV text (not closed)
     * @return the number of rows imported
     * @throws InvalidValueException on {@code header} when the header names other columns
     */
    public long importFrom(java.io.Reader csv) {
        return importCsv(runs, csv, COLUMNS);
    }

    /**
     * Bulk-imports runs from CSV with a header and the given columns (the others take their
     * defaults), through {@code COPY … FROM STDIN}, streaming. The header line must name exactly
     * these columns in this order ({@code COPY … HEADER MATCH}, PostgreSQL 15+).
     *
     * @param csv the CSV bytes, UTF-8 (not closed)
     * @param columns the CSV's columns, in order; each a column of {@code tracking.training_runs}
     * @return the number of rows imported
     * @throws InvalidValueException on {@code header} when the header names other columns or
     *     another order
     */
    public long importFrom(java.io.InputStream csv, List<String> columns) {
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
        return export(runs, search.orderBy(RunOrder.NEWEST_FIRST).asSelect(), out);
    }

    /**
     * @return the CSV columns of export and of {@link #importFrom(java.io.Reader)}, in order
     */
    public List<String> columns() {
        return COLUMNS;
    }


    static long export(Runs runs, Select<?> select, Writer out) {
        String copy = copyOut(runs, select);
        return runs.bulkTx(ctx -> ctx.connectionResult(c -> copyApi(c).copyOut(copy, out)));
    }

    static long export(Runs runs, Select<?> select, OutputStream out) {
        String copy = copyOut(runs, select);
        return runs.bulkTx(ctx -> ctx.connectionResult(c -> copyApi(c).copyOut(copy, out)));
    }

    private static String copyOut(Runs runs, Select<?> select) {
        return "COPY (" + runs.dsl().renderInlined(select) + ") TO STDOUT WITH (FORMAT csv, HEADER true)";
    }

    static long importCsv(Runs runs, Reader in, List<String> columns) {
        String copy = copyIn(columns);
        try {
            return runs.analyzedAfter(runs.bulkTx(ctx -> ctx.connectionResult(c -> copyApi(c).copyIn(copy, in))));
        } catch (RuntimeException e) {
            throw headerMismatch(e, columns);
        }
    }

    static long importCsv(Runs runs, InputStream in, List<String> columns) {
        String copy = copyIn(columns);
        try {
            return runs.analyzedAfter(runs.bulkTx(ctx -> ctx.connectionResult(c -> copyApi(c).copyIn(copy, in))));
        } catch (RuntimeException e) {
            throw headerMismatch(e, columns);
        }
    }

    /**
     * HEADER MATCH's refusal (SQLState 22P04, bad_copy_file_format, "column name mismatch in
     * header line …") as an {@link InvalidValueException} on {@code header}; e otherwise.
     */
    private static RuntimeException headerMismatch(RuntimeException e, List<String> columns) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
                ServerErrorMessage server = psql.getServerErrorMessage();
                String message = server.getMessage() == null ? "" : server.getMessage();
                if (BAD_COPY_FILE_FORMAT.equals(server.getSQLState()) && message.contains("header")) {
                    return new InvalidValueException("header", null,
                            "must name the columns " + columns + " in this order (" + message + ")", e);
                }
                return e;
            }
        }
        return e;
    }

    private static String copyIn(List<String> columns) {
        if (columns == null || columns.isEmpty()) {
            throw new InvalidValueException("columns", columns, "must name at least one column");
        }
        for (String column : columns) {
            if (!COLUMNS.contains(column)) {
                throw new InvalidValueException("columns", column, "must be a column of tracking.training_runs " + COLUMNS);
            }
        }
        String list = columns.stream().map(c -> DSL.using(org.jooq.SQLDialect.POSTGRES).render(DSL.name(c)))
                .collect(Collectors.joining(", "));
        // HEADER MATCH (PostgreSQL 15+): the header line must name exactly these columns in this
        // order; HEADER true would skip it unchecked and load swapped columns into each other.
        return "COPY tracking.training_runs (" + list + ") FROM STDIN WITH (FORMAT csv, HEADER MATCH)";
    }

    private static CopyManager copyApi(java.sql.Connection connection) throws java.sql.SQLException {
        return connection.unwrap(PGConnection.class).getCopyAPI();
    }
}
