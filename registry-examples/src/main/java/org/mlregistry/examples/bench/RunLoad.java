package org.mlregistry.examples.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.mlregistry.core.Registry;
import org.mlregistry.testing.SyntheticRuns;

/**
 * Loads synthetic runs into an empty {@code tracking.training_runs} as both benchmarks do: the
 * secondary indexes dropped, the library's CSV import (COPY), the indexes recreated from their own
 * definitions, then {@code VACUUM ANALYZE}.
 */
final class RunLoad {

    /** Of the synthetic runs: the same runs on every machine and in every run of the benchmarks. */
    static final long SEED = 0;

    /**
     * @param loaded runs loaded
     * @param indexCount secondary indexes rebuilt
     * @param loadMillis the COPY, ms
     * @param indexMillis index rebuild and VACUUM ANALYZE, ms
     */
    record Loaded(long loaded, int indexCount, long loadMillis, long indexMillis) {
    }

    private RunLoad() {
    }

    static Loaded load(Connection connection, DSLContext dsl, Registry registry, int runs, OffsetDateTime base)
            throws SQLException {
        List<String[]> indexes = dsl.fetch("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'tracking' "
                + "AND tablename = 'training_runs' AND indexname <> 'training_runs_pkey'")
                .map(r -> new String[] {r.get(0, String.class), r.get(1, String.class)});
        for (String[] index : indexes) {
            dsl.execute("DROP INDEX {0}", DSL.name("tracking", index[0]));
        }
        long t0 = System.nanoTime();
        long loaded = registry.runs().csv().importFrom(SyntheticRuns.of(runs, SEED).newestCreatedAt(base).csvStream(),
                SyntheticRuns.COLUMNS);
        long t1 = System.nanoTime();
        try (Statement s = connection.createStatement()) {
            s.execute("SET maintenance_work_mem = '256MB'");
            for (String[] index : indexes) {
                s.execute(index[1]);
            }
            s.execute("RESET maintenance_work_mem");
            s.execute("VACUUM ANALYZE tracking.training_runs");
        }
        long t2 = System.nanoTime();
        return new Loaded(loaded, indexes.size(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
    }
}
