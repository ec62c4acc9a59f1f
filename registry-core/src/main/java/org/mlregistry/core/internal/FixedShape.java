package org.mlregistry.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jooq.Configuration;
import org.jooq.Context;
import org.jooq.DSLContext;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.RenderContext.CastMode;
import org.jooq.ResultQuery;
import org.jooq.SQL;
import org.jooq.Table;
import org.jooq.impl.CustomQueryPart;
import org.jooq.impl.DSL;

/**
 * A statement whose SQL text depends on its shape only, never on its values (get a run by id,
 * claim the next run, a lifecycle transition): the jOOQ query is built and rendered once per
 * session, then sent again with new bind values. Building and rendering is most of the library's
 * own CPU time per call, and these statements run on every worker's every step.
 *
 * <p>The shape marks the values that change from call to call with {@link #slot}; every other
 * value in it is a constant of the shape (bound, as rendered). A session keeps the rendered text of
 * each shape in its context's data ({@link #cacheIn}), which jOOQ hands on to every context derived
 * from it (each transaction's), so the text always comes from the session's own settings and
 * schema mapping. A context without that data renders the shape on every call. Rows are read
 * through the jOOQ fields of the result table, as the rendered query would read them. Not part of
 * the public API.
 *
 * @param <R> the record of each row
 */
public final class FixedShape<R extends Record> {

    private static final String SLOT = "mlregistry_slot_";
    private static final String CACHE = "org.mlregistry.fixed-shapes";

    private final Table<R> rows;
    private final Function<DSLContext, ResultQuery<?>> shape;

    /**
     * The text cut at its bind markers ({@code pieces} has one more element than {@code params}),
     * and what to bind at each marker: a constant, or a slot.
     */
    private record Rendered(List<String> pieces, List<Param<?>> params, int[] slotAt) {
    }

    private FixedShape(Table<R> rows, Function<DSLContext, ResultQuery<?>> shape) {
        this.rows = rows;
        this.shape = shape;
    }

    /**
     * @param rows the table whose columns each row has, in its field order (e.g. {@code selectFrom(T)},
     *     {@code returning()})
     * @param shape builds the statement, with a {@link #slot} for each value that changes
     * @param <R> the record of each row
     * @return the shape
     */
    public static <R extends Record> FixedShape<R> of(Table<R> rows, Function<DSLContext, ResultQuery<?>> shape) {
        return new FixedShape<>(Objects.requireNonNull(rows, "rows"), Objects.requireNonNull(shape, "shape"));
    }

    /**
     * A value of the statement that changes from call to call: the n-th value given to {@link #with}.
     * Each slot appears once in a shape.
     *
     * @param n its position among the values, from 0
     * @param like the column it is compared with or written to (its type binds the value)
     * @param <T> its type
     * @return the placeholder
     */
    public static <T> Param<T> slot(int n, org.jooq.Field<T> like) {
        return DSL.param(slotName(n), like.getDataType());
    }

    private static String slotName(int n) {
        return SLOT + n;
    }

    /**
     * Keeps the rendered shapes for every context derived from this configuration (a session's).
     *
     * @param configuration the session's own configuration, before contexts are derived from it
     */
    public static void cacheIn(Configuration configuration) {
        configuration.data(CACHE, new ConcurrentHashMap<FixedShape<?>, Rendered>());
    }

    /**
     * The statement with these values, ready to fetch on ctx.
     *
     * @param ctx the context it runs on
     * @param values one per slot, in slot order
     * @return the query
     */
    public ResultQuery<R> with(DSLContext ctx, Object... values) {
        @SuppressWarnings("unchecked")
        Map<FixedShape<?>, Rendered> cache = (Map<FixedShape<?>, Rendered>) ctx.data(CACHE);
        Rendered r = cache == null ? render(ctx) : cache.computeIfAbsent(this, shape -> render(ctx));
        List<Param<?>> binds = new ArrayList<>(r.params());
        for (int i = 0; i < r.slotAt().length; i++) {
            int slot = r.slotAt()[i];
            if (slot >= 0) {
                binds.set(i, DSL.val(values[slot], r.params().get(i).getDataType()));
            }
        }
        return ctx.resultQuery(new Prerendered(r.pieces(), binds)).coerce(rows);
    }

    private Rendered render(DSLContext ctx) {
        ResultQuery<?> query = shape.apply(ctx);
        List<Param<?>> params = new ArrayList<>();
        for (Param<?> p : query.getParams().values()) {
            if (!p.isInline()) {
                params.add(p);
            }
        }
        if (params.size() != query.getBindValues().size()) {
            throw new IllegalStateException("a slot appears more than once in a fixed shape: " + params);
        }
        int[] slotAt = new int[params.size()];
        for (int i = 0; i < slotAt.length; i++) {
            String name = params.get(i).getParamName();
            slotAt[i] = name != null && name.startsWith(SLOT) ? Integer.parseInt(name.substring(SLOT.length())) : -1;
        }
        String sql = ctx.render(query);
        List<String> pieces = cutAtBindMarkers(sql);
        if (pieces.size() != params.size() + 1
                || !ctx.render(ctx.resultQuery(new Prerendered(pieces, params))).equals(sql)) {
            throw new IllegalStateException("a fixed shape renders differently once cut at its bind markers: " + sql);
        }
        return new Rendered(pieces, List.copyOf(params), slotAt);
    }

    /**
     * The text between the bind markers ({@code ?}) of rendered SQL: a {@code ?} inside a string
     * literal or a quoted identifier is text, and {@code ??} is PgJDBC's escaped {@code ?}.
     */
    static List<String> cutAtBindMarkers(String sql) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '?') {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == '?') {
                    i++;
                } else {
                    pieces.add(sql.substring(start, i));
                    start = i + 1;
                }
            }
        }
        pieces.add(sql.substring(start));
        return pieces;
    }

    /**
     * The rendered text as a query part: its pieces as they are, and between them the values, each
     * visited so that jOOQ binds it, rendered as a bare marker (the cast around it is in the text).
     */
    private static final class Prerendered extends CustomQueryPart implements SQL {
        private static final long serialVersionUID = 1L;
        private final List<String> pieces;
        private final List<Param<?>> binds;

        Prerendered(List<String> pieces, List<Param<?>> binds) {
            this.pieces = pieces;
            this.binds = binds;
        }

        @Override
        public void accept(Context<?> ctx) {
            ctx.sql(pieces.get(0), true);
            for (int i = 0; i < binds.size(); i++) {
                Param<?> bind = binds.get(i);
                ctx.castMode(CastMode.NEVER, c -> c.visit(bind));
                ctx.sql(pieces.get(i + 1), true);
            }
        }
    }
}
