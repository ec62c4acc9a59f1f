package org.mlregistry.core.tracking;

import static org.mlregistry.core.tracking.Runs.T;

import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Select;
import org.jooq.impl.DSL;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.internal.Validator;
import org.mlregistry.schema.jooq.tracking.tables.records.TrainingRunsRecord;

/**
 * A search over training runs, built in steps that each offer only what may come next:
 * filter ({@link #where}) → order ({@link #orderBy}) → page ({@link Sorted#pageSize}) →
 * resume ({@link Paged#after}). Archived runs are excluded unless {@link #includeArchived()}.
 * Immutable: every step returns a new object, so a search can be reused and shared.
 *
 * <pre>{@code
 * Page page = registry.runs().search()
 *         .where(status().eq(RunStatus.SUCCEEDED).and(param("optimizer").eq("adam")))
 *         .orderBy(RunOrder.desc(SortKey.ACCURACY).nullsLast())
 *         .pageSize(50)
 *         .after(previous.nextToken().orElse(null))
 *         .fetchPage();
 * }</pre>
 *
 * Every builder hands out its jOOQ {@link Select} ({@code asSelect()}) for further composition.
 */
public final class RunSearch {

    private final Runs runs;
    private final Condition condition;
    private final boolean includeArchived;

    RunSearch(Runs runs, Condition condition, boolean includeArchived) {
        this.runs = runs;
        this.condition = condition;
        this.includeArchived = includeArchived;
    }

    /**
     * @param filter a filter, ANDed with the ones before
     * @return the narrowed search
     */
    public RunSearch where(RunFilter filter) {
        Validator.required("filter", filter);
        return new RunSearch(runs, condition.and(filter.condition()), includeArchived);
    }

    /**
     * @return the same search, archived runs included
     */
    public RunSearch includeArchived() {
        return new RunSearch(runs, condition, true);
    }

    /**
     * @return the full condition, including the archive exclusion
     */
    public Condition condition() {
        return includeArchived ? condition : condition.and(RunStatements.live());
    }

    /**
     * @return how many runs match, counted in the database ({@code SELECT count(*)})
     */
    public long count() {
        return runs.readMayBeStale(ctx -> (long) ctx.fetchCount(T, condition()));
    }

    /**
     * @return whether any run matches ({@code SELECT EXISTS})
     */
    public boolean exists() {
        return runs.readMayBeStale(ctx -> ctx.fetchExists(T, condition()));
    }

    /**
     * @return every matching run, newest first; for large results prefer paging or CSV export
     */
    public List<Run> fetch() {
        return orderBy(RunOrder.NEWEST_FIRST).fetch();
    }

    /**
     * @param order the ordering
     * @return the ordered search
     */
    public Sorted orderBy(RunOrder order) {
        return new Sorted(this, Validator.required("order", order));
    }

    /**
     * @param size rows per page, 1..10000; ordered newest first
     * @return the paged search
     */
    public Paged pageSize(int size) {
        return orderBy(RunOrder.NEWEST_FIRST).pageSize(size);
    }

    /**
     * @return {@code SELECT * FROM tracking.training_runs WHERE …}, attached to the registry's context
     */
    public Select<TrainingRunsRecord> asSelect() {
        return runs.dsl().selectFrom(T).where(condition());
    }

    /**
     * Streams every matching run, newest first, as CSV with a header to out through PostgreSQL
     * {@code COPY … TO STDOUT}; rows never collect in memory.
     *
     * @param out where the CSV goes (not closed)
     * @return the number of rows written
     */
    public long exportCsv(java.io.Writer out) {
        return orderBy(RunOrder.NEWEST_FIRST).exportCsv(out);
    }

    /**
     * @return a guarded bulk change of the matching runs: preview, then apply
     */
    public BulkChange bulk() {
        return new BulkChange(runs, condition());
    }

    /** A search with an ordering. */
    public static final class Sorted {
        private final RunSearch search;
        private final RunOrder order;

        Sorted(RunSearch search, RunOrder order) {
            this.search = search;
            this.order = order;
        }

        /**
         * @return every matching run in order
         */
        public List<Run> fetch() {
            return search.runs.readMayBeStale(ctx -> select(ctx).fetch().map(Run::from));
        }

        /**
         * @param limit at most this many, &gt;= 1
         * @return the first runs in order
         */
        public List<Run> fetch(int limit) {
            checkSize(limit);
            return search.runs.readMayBeStale(ctx -> select(ctx).limit(limit).fetch().map(Run::from));
        }

        /**
         * @param size rows per page, 1..10000
         * @return the paged search, at its first page
         */
        public Paged pageSize(int size) {
            checkSize(size);
            return new Paged(this, size, null);
        }

        /**
         * @return the ordered jOOQ select, attached to the registry's context
         */
        public Select<TrainingRunsRecord> asSelect() {
            return select(search.runs.dsl());
        }

        /**
         * Streams the ordered result as CSV with a header through {@code COPY (SELECT …) TO STDOUT}.
         *
         * @param out where the CSV goes (not closed)
         * @return the number of rows written
         */
        public long exportCsv(java.io.Writer out) {
            Validator.required("out", out);
            return RunCsv.export(search.runs, search.condition(), order.sortFields(), out);
        }

        private org.jooq.SelectSeekStepN<TrainingRunsRecord> select(DSLContext ctx) {
            return ctx.selectFrom(T).where(search.condition()).orderBy(order.sortFields());
        }
    }

    /** A search with an ordering and a page size, positioned after a page token (or at the start). */
    public static final class Paged {
        private final Sorted sorted;
        private final int size;
        private final PageToken after;

        Paged(Sorted sorted, int size, PageToken after) {
            this.sorted = sorted;
            this.size = size;
            this.after = after;
        }

        /**
         * @param token a {@link Page#nextToken()} from the same search and ordering, or null for the first page
         * @return the search positioned after that page
         * @throws InvalidValueException if the token is malformed or belongs to another ordering
         */
        public Paged after(String token) {
            if (token == null) {
                return new Paged(sorted, size, null);
            }
            return new Paged(sorted, size, PageToken.decode(token, sorted.order.signature(), sorted.search.runs.pageTokenKey()));
        }

        /**
         * @return the page: up to pageSize runs after the token, and the next token if more exist
         */
        public Page fetchPage() {
            if (sorted.order.key().computed()) {
                return fetchComputedPage();
            }
            List<Run> rows = sorted.search.runs.readMayBeStale(ctx -> select(ctx, size + 1).fetch().map(Run::from));
            if (rows.size() <= size) {
                return new Page(rows, Optional.empty());
            }
            List<Run> page = rows.subList(0, size);
            return new Page(page, Optional.of(tokenOf(page.get(size - 1))));
        }

        /**
         * @return the page's jOOQ select (seek condition, order, limit), attached to the registry's context
         */
        public Select<TrainingRunsRecord> asSelect() {
            return select(sorted.search.runs.dsl(), size);
        }

        /**
         * The page query. After a token, the rows still to come are the ones beyond the last row's
         * {@code (value, run_id)} — a row-value comparison a matching btree index serves directly —
         * and, where NULLs sort after values and the column admits them, the NULL rows. Each part is its own ordered, limited
         * select (so each can use an index) and the parts are merged with {@code UNION ALL}.
         */
        private Select<TrainingRunsRecord> select(DSLContext ctx, int limit) {
            Condition where = sorted.search.condition();
            List<org.jooq.SortField<?>> order = sorted.order.sortFields();
            if (after == null) {
                return ctx.selectFrom(T).where(where).orderBy(order).limit(limit);
            }
            List<Condition> parts = seek(sorted.order.key(), after);
            if (parts.size() == 1 || sorted.order.key().computed()) {
                // a computed key (a metric) has no index to seek in: one select with the parts ORed
                return ctx.selectFrom(T).where(where.and(DSL.or(parts))).orderBy(order).limit(limit);
            }
            Select<TrainingRunsRecord> first = ctx.selectFrom(T).where(where.and(parts.get(0))).orderBy(order).limit(limit);
            Select<TrainingRunsRecord> second = ctx.selectFrom(T).where(where.and(parts.get(1))).orderBy(order).limit(limit);
            org.jooq.Table<TrainingRunsRecord> merged = first.unionAll(second).asTable("page");
            List<org.jooq.SortField<?>> outer = List.of(
                    resort(merged.field(sorted.order.key().field())),
                    sorted.order.descending() ? merged.field(T.RUN_ID).desc() : merged.field(T.RUN_ID).asc());
            return ctx.selectFrom(merged).orderBy(outer).limit(limit);
        }

        private <V> org.jooq.SortField<V> resort(Field<V> field) {
            org.jooq.SortField<V> s = sorted.order.descending() ? field.desc() : field.asc();
            return sorted.order.nullsLeading() ? s.nullsFirst() : s.nullsLast();
        }

        /** The one or two disjoint conditions, in sort order, selecting the rows after the token. */
        private <V> List<Condition> seek(SortKey<V> key, PageToken token) {
            RunOrder order = sorted.order;
            Field<V> c = key.field();
            Condition idAfter = order.descending() ? T.RUN_ID.lt(token.runId()) : T.RUN_ID.gt(token.runId());
            boolean nullable = c.getDataType().nullable();
            if (token.value() == null && !nullable) {
                throw new InvalidValueException("pageToken", token.encode(sorted.search.runs.pageTokenKey()), "has no value for " + key.name() + ", which is never NULL");
            }
            if (token.value() == null) {
                Condition restOfNulls = c.isNull().and(idAfter);
                return order.nullsLeading() ? List.of(restOfNulls, c.isNotNull()) : List.of(restOfNulls);
            }
            V v;
            try {
                v = key.parse(token.value());
            } catch (RuntimeException e) {
                throw new InvalidValueException("pageToken", token.value(), "is not a valid page token");
            }
            org.jooq.Row2<V, java.util.UUID> row = DSL.row(c, T.RUN_ID);
            Condition beyond = order.descending() ? row.lt(v, token.runId()) : row.gt(v, token.runId());
            // a column that is never NULL (created_at, model_name) needs no branch for the NULL rows
            return order.nullsLeading() || !nullable ? List.of(beyond) : List.of(beyond, c.isNull());
        }

        /**
         * A page ordered by a computed key: the key's value is selected beside each run's columns,
         * so the token carries the value the page was ordered by, read in the page's own snapshot.
         */
        private Page fetchComputedPage() {
            SortKey<?> key = sorted.order.key();
            Field<?> sortValue = key.field().as("sort_value");
            Condition where = after == null ? sorted.search.condition()
                    : sorted.search.condition().and(DSL.or(seek(key, after)));
            List<org.jooq.Record> rows = sorted.search.runs.readMayBeStale(ctx -> ctx.select(T.fields()).select(sortValue).from(T)
                    .where(where).orderBy(sorted.order.sortFields()).limit(size + 1).fetch());
            List<Run> runs = rows.stream().map(r -> Run.from(r.into(T))).toList();
            if (rows.size() <= size) {
                return new Page(runs, Optional.empty());
            }
            Object value = rows.get(size - 1).get(sortValue);
            String token = new PageToken(sorted.order.signature(), value == null ? null : key.format(value),
                    runs.get(size - 1).runId()).encode(sorted.search.runs.pageTokenKey());
            return new Page(runs.subList(0, size), Optional.of(token));
        }

        private String tokenOf(Run last) {
            Object value = valueOf(last, sorted.order.key());
            return new PageToken(sorted.order.signature(), value == null ? null : sorted.order.key().format(value),
                    last.runId()).encode(sorted.search.runs.pageTokenKey());
        }

        private static Object valueOf(Run run, SortKey<?> key) {
            return switch (key.name()) {
                case "created_at" -> run.createdAt();
                case "started_at" -> run.startedAt();
                case "completed_at" -> run.completedAt();
                case "accuracy" -> run.accuracy();
                case "loss" -> run.loss();
                case "f1_score" -> run.f1();
                case "gpu_hours" -> run.gpuHours();
                case "model_name" -> run.modelName();
                default -> throw new IllegalStateException("unknown sort key " + key);
            };
        }
    }

    static void checkSize(int size) {
        if (size < 1 || size > 10_000) {
            throw new InvalidValueException("pageSize", size, "must be within [1, 10000]");
        }
    }
}
