package org.mlregistry.examples.bench;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.Locale;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultConnectionProvider;
import org.jooq.impl.DefaultTransactionProvider;
import org.mlregistry.core.Registry;
import org.mlregistry.examples.bench.TrackingBenchmark.ImportResult;
import org.mlregistry.examples.bench.TrackingBenchmark.Options;
import org.mlregistry.testing.RolledBackTransaction;
import org.mlregistry.testing.SyntheticRuns;
import org.postgresql.PGConnection;

/**
 * The benchmark's bulk import: the library's CSV import (COPY) of M runs against PgJDBC's
 * {@code CopyManager} with the same bytes and COPY statement, and against row-by-row
 * {@code INSERT}s of fewer runs; each rolled back, so the table keeps its N runs.
 */
final class ImportComparison {

    private final Connection connection;
    private final Options options;
    private final PrintStream out;
    /** On the same connection: a nested transaction joins the outer one instead of taking a savepoint. */
    private final DSLContext flat;

    ImportComparison(Connection connection, Options options, PrintStream out) {
        this.connection = connection;
        this.options = options;
        this.out = out;
        this.flat = DSL.using(new DefaultConfiguration().set(SQLDialect.POSTGRES)
                .set(new DefaultConnectionProvider(connection))
                .set(new DefaultTransactionProvider(new DefaultConnectionProvider(connection), false)));
    }

    ImportResult measure(OffsetDateTime base) throws Exception {
        out.printf(Locale.ROOT, "bulk import: %,d runs by COPY (library, raw), %,d row by row; %d times each …%n",
                options.importRuns(), options.insertRuns(), options.importRepeats());
        // other experiment names than the loaded runs: no clash on (model, experiment, dataset, day)
        byte[] csv = SyntheticRuns.of(options.importRuns(), RunLoad.SEED).experimentPrefix("imp-").newestCreatedAt(base).csv();
        SyntheticRuns inserted = SyntheticRuns.of(options.insertRuns(), RunLoad.SEED).experimentPrefix("ins-").newestCreatedAt(base);
        int repeats = options.importRepeats();
        long[] library = new long[repeats];
        long[] raw = new long[repeats];
        long[] rows = new long[repeats];
        for (int i = 0; i < repeats; i++) {
            library[i] = timeLibraryImport(csv);
            vacuum();
            raw[i] = timeRawCopy(csv);
            vacuum();
            rows[i] = timeInserts(inserted);
            vacuum();
        }
        return new ImportResult(options.importRuns(), median(library) / 1e6, median(raw) / 1e6, options.insertRuns(),
                median(rows) / 1e6);
    }

    private void vacuum() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("VACUUM tracking.training_runs");
        }
    }

    /** Rolled back: the table stays at N runs. */
    private long timeLibraryImport(byte[] csv) {
        return RolledBackTransaction.run(flat, c -> {
            long start = System.nanoTime();
            long n = Registry.configure().dsl(c).load().runs()
                    .csv().importFrom(new ByteArrayInputStream(csv), SyntheticRuns.COLUMNS);
            long elapsed = System.nanoTime() - start;
            check(n, options.importRuns());
            return elapsed;
        });
    }

    private long timeRawCopy(byte[] csv) throws Exception {
        String copy = "COPY tracking.training_runs (" + String.join(", ", SyntheticRuns.COLUMNS)
                + ") FROM STDIN WITH (FORMAT csv, HEADER true)";
        connection.setAutoCommit(false);
        try {
            long start = System.nanoTime();
            long n = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, new ByteArrayInputStream(csv));
            long elapsed = System.nanoTime() - start;
            check(n, options.importRuns());
            return elapsed;
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    private long timeInserts(SyntheticRuns runs) throws SQLException {
        String insert = "INSERT INTO tracking.training_runs (" + String.join(", ", SyntheticRuns.COLUMNS)
                + ") VALUES (?, ?, ?, ?, ?, ?, ?::numeric, ?::numeric, ?::jsonb, ?::timestamptz, ?::timestamptz, ?::timestamptz)";
        connection.setAutoCommit(false);
        try (PreparedStatement ps = connection.prepareStatement(insert)) {
            long start = System.nanoTime();
            for (int i = 0; i < options.insertRuns(); i++) {
                String[] values = runs.values(i);
                for (int c = 0; c < values.length; c++) {
                    ps.setString(c + 1, values[c]);
                }
                check(ps.executeUpdate(), 1);
            }
            return System.nanoTime() - start;
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    private static void check(long actual, long expected) {
        if (actual != expected) {
            throw new IllegalStateException("expected " + expected + " rows, got " + actual);
        }
    }

    private static double median(long[] values) {
        return LibraryVsJdbc.median(values);
    }
}
