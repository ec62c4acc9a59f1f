package org.mlregistry.examples.reliability;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.jooq.EnumType;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.JSONB;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.mlregistry.core.Registry;

/**
 * A statement the library sent (its SQL text and bind values), for running the same SQL over
 * plain JDBC with some bind values replaced (another owner, another run).
 */
record CapturedStatement(String sql, List<Object> binds) {

    /**
     * Runs call on a registry over connection and returns the statements it sent, in order, but
     * for each transaction's own setup (its statement and lock timeouts): plain JDBC in autocommit
     * runs with the server's timeouts and has no transaction to set them for.
     */
    static List<CapturedStatement> capture(Connection connection, Consumer<Registry> call) {
        List<CapturedStatement> sent = new ArrayList<>();
        ExecuteListener listener = new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext ctx) {
                if (ctx.sql() != null && ctx.sql().contains("set_config('statement_timeout'")) {
                    return;
                }
                sent.add(new CapturedStatement(ctx.sql(), ctx.query() == null ? List.of() : ctx.query().getBindValues()));
            }
        };
        var configuration = DSL.using(connection, SQLDialect.POSTGRES).configuration().deriveAppending(listener);
        call.accept(Registry.configure().configuration(configuration).load());
        return sent;
    }

    /** Prepares the statement with the bind values, each replaced when replacements has it as a key. */
    PreparedStatement prepare(Connection connection, Map<Object, Object> replacements) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql);
        for (int i = 0; i < binds.size(); i++) {
            Object v = binds.get(i);
            bind(ps, i + 1, replacements.getOrDefault(v, v));
        }
        return ps;
    }

    /** Binds as jOOQ does for PostgreSQL. */
    private static void bind(PreparedStatement ps, int p, Object v) throws SQLException {
        if (v instanceof EnumType e) {
            ps.setString(p, e.getLiteral());
        } else if (v instanceof JSONB j) {
            ps.setString(p, j.data());
        } else if (v instanceof String s) {
            ps.setString(p, s);
        } else if (v instanceof UUID u) {
            ps.setObject(p, u);
        } else if (v instanceof Long l) {
            ps.setLong(p, l);
        } else if (v instanceof Integer n) {
            ps.setInt(p, n);
        } else if (v instanceof BigDecimal d) {
            ps.setBigDecimal(p, d);
        } else if (v instanceof OffsetDateTime t) {
            ps.setString(p, t.toString());
        } else {
            throw new IllegalStateException("no JDBC binding for " + v + " (" + (v == null ? null : v.getClass()) + ")");
        }
    }
}
