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

/**
 * CSV export and import of runs through PostgreSQL COPY (PgJDBC {@link CopyManager}), streaming:
 * the driver passes rows between the server and the caller's stream as they come.
 *
 * <p>COPY cannot take bind parameters, so an exported query is rendered by jOOQ with its values
 * inlined as escaped SQL literals ({@link ParamType#INLINED}); no value is ever concatenated raw.
 */
final class RunCsv {

    /** Every column of {@code tracking.training_runs}, in table order: the CSV header of export and import. */
    static final List<String> COLUMNS = Arrays.stream(T.fields()).map(Field::getName).toList();

    private RunCsv() {
    }

    static long export(Runs runs, Select<?> select, Writer out) {
        String copy = copyOut(runs, select);
        return runs.tx(ctx -> ctx.connectionResult(c -> copyApi(c).copyOut(copy, out)));
    }

    static long export(Runs runs, Select<?> select, OutputStream out) {
        String copy = copyOut(runs, select);
        return runs.tx(ctx -> ctx.connectionResult(c -> copyApi(c).copyOut(copy, out)));
    }

    private static String copyOut(Runs runs, Select<?> select) {
        return "COPY (" + runs.dsl().renderInlined(select) + ") TO STDOUT WITH (FORMAT csv, HEADER true)";
    }

    static long importCsv(Runs runs, Reader in, List<String> columns) {
        String copy = copyIn(columns);
        return runs.tx(ctx -> ctx.connectionResult(c -> copyApi(c).copyIn(copy, in)));
    }

    static long importCsv(Runs runs, InputStream in, List<String> columns) {
        String copy = copyIn(columns);
        return runs.tx(ctx -> ctx.connectionResult(c -> copyApi(c).copyIn(copy, in)));
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
        return "COPY tracking.training_runs (" + list + ") FROM STDIN WITH (FORMAT csv, HEADER true)";
    }

    private static CopyManager copyApi(java.sql.Connection connection) throws java.sql.SQLException {
        return connection.unwrap(PGConnection.class).getCopyAPI();
    }
}
