package org.mlregistry.core.analytics;

import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Table;

/**
 * Entry point of the analytics builders: generic and typed over any jOOQ table and its fields
 * (tracking runs, lab 02's registry tables, tables of your own). Each builder is a chain of steps
 * that only offers what may come next, ends in {@code fetch()} (Java records) or {@code asSelect()}
 * (the jOOQ {@code Select}, for further composition), and binds every value.
 *
 * <p>Obtain one from {@code Registry.analytics()}; {@link #trainingRuns()} has ready-made reports
 * over {@code tracking.training_runs}. An {@code Analytics} is immutable and thread-safe; the builders
 * it hands out are not: build one, fetch, discard. Each fetch is one read-only statement.
 */
public final class Analytics {

    private final DSLContext dsl;

    /**
     * Analytics on a jOOQ context.
     *
     * @param dsl the context to run queries with
     */
    public Analytics(DSLContext dsl) {
        this.dsl = Objects.requireNonNull(dsl, "dsl");
    }

    /**
     * Windowed rankings (RANK / DENSE_RANK / ROW_NUMBER within partitions, with the partition's aggregate).
     *
     * @param table any table
     * @param <R> its record type
     * @return the first step
     */
    public <R extends Record> Ranking.Start<R> ranking(Table<R> table) {
        return Ranking.start(dsl, table);
    }

    /**
     * Grouped aggregation: GROUP BY, ROLLUP, CUBE or GROUPING SETS with measures.
     *
     * @param table any table
     * @return the first step
     */
    public Aggregation.Start aggregate(Table<?> table) {
        return Aggregation.start(dsl, table);
    }

    /**
     * Best N rows per group through a lateral join.
     *
     * @param table any table
     * @param <R> its record type
     * @return the first step
     */
    public <R extends Record> TopN.Start<R> topN(Table<R> table) {
        return TopN.start(dsl, table);
    }

    /**
     * Series along an ordering field: running totals, moving averages, lead/lag deltas.
     *
     * @param table any table
     * @param <R> its record type
     * @return the first step
     */
    public <R extends Record> Series.Start<R> series(Table<R> table) {
        return Series.start(dsl, table);
    }

    /**
     * Cost reports: hours × a rate (one, or per compute target), in total or per group.
     *
     * @param table any table
     * @return the first step
     */
    public Costs.Start costs(Table<?> table) {
        return Costs.start(dsl, table);
    }

    /**
     * Ready-made reports over {@code tracking.training_runs}.
     *
     * @return the tracking-run reports
     */
    public TrainingRunAnalytics trainingRuns() {
        return new TrainingRunAnalytics(this);
    }
}
