package org.mlregistry.core.analytics;

import org.mlregistry.core.internal.Validator;
import org.jooq.Record;
import org.jooq.Table;
import org.mlregistry.core.internal.Session;

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

    private final Session session;

    private Analytics(Session session) {
        this.session = session;
    }

    /**
     * The analytics of a session; services get them from {@code Registry.analytics()}.
     *
     * @param session the registry's session (internal)
     * @return analytics whose reads run through it, with its error translation
     */
    public static Analytics of(Session session) {
        return new Analytics(Validator.required("session", session));
    }

    /**
     * Windowed rankings (RANK / DENSE_RANK / ROW_NUMBER within partitions, with the partition's aggregate).
     *
     * @param table any table
     * @param <R> its record type
     * @return the first step
     */
    public <R extends Record> Ranking.Start<R> ranking(Table<R> table) {
        return Ranking.start(session, table);
    }

    /**
     * Grouped aggregation: GROUP BY, ROLLUP, CUBE or GROUPING SETS with measures.
     *
     * @param table any table
     * @return the first step
     */
    public Aggregation.Start aggregate(Table<?> table) {
        return Aggregation.start(session, table);
    }

    /**
     * Best N rows per group through a lateral join.
     *
     * @param table any table
     * @param <R> its record type
     * @return the first step
     */
    public <R extends Record> TopN.Start<R> topN(Table<R> table) {
        return TopN.start(session, table);
    }

    /**
     * Series along an ordering field: running totals, moving averages, lead/lag deltas.
     *
     * @param table any table
     * @param <R> its record type
     * @return the first step
     */
    public <R extends Record> Series.Start<R> series(Table<R> table) {
        return Series.start(session, table);
    }

    /**
     * Cost reports: hours × a rate (one, or per compute target), in total or per group.
     *
     * @param table any table
     * @return the first step
     */
    public Costs.Start costs(Table<?> table) {
        return Costs.start(session, table);
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
