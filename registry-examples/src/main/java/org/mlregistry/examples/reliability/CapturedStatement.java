package org.mlregistry.examples.reliability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.mlregistry.core.Registry;
import org.mlregistry.examples.bench.JdbcBinding;

/**
 * A statement the library sent (its SQL text and bind values), for running the same SQL over
 * plain JDBC with some bind values replaced (another owner, another run).
 */
record CapturedStatement(String sql, List<Object> binds) {

    /**
     * Runs call on a registry over connection and returns the statements it sent, in order, but
     * for each transaction's own setup (its statement and lock timeouts): plain JDBC in autocommit
     * runs with the server's timeouts and has no transaction to set them for. A write the library
     * sends as one round trip carries its timeouts as {@code SET LOCAL …; } in front of the statement
     * (see {@code Session.write}); that prefix is setup too and is left out of the captured SQL.
     */
    static List<CapturedStatement> capture(Connection connection, Consumer<Registry> call) {
        List<CapturedStatement> sent = new ArrayList<>();
        ExecuteListener listener = new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext ctx) {
                if (ctx.sql() != null && ctx.sql().contains("set_config('statement_timeout'")) {
                    return;
                }
                sent.add(new CapturedStatement(withoutTimeouts(ctx.sql()), ctx.query() == null ? List.of() : ctx.query().getBindValues()));
            }
        };
        var configuration = DSL.using(connection, SQLDialect.POSTGRES).configuration().deriveAppending(listener);
        call.accept(Registry.configure().configuration(configuration).load());
        return sent;
    }

    /** The statement without the {@code SET LOCAL statement_timeout = …; SET LOCAL lock_timeout = …; } in front of it. */
    static String withoutTimeouts(String sql) {
        return sql.replaceFirst("^(SET LOCAL (statement|lock)_timeout = \\d+; )+", "");
    }

    /** Prepares the statement with the bind values, each replaced when replacements has it as a key. */
    PreparedStatement prepare(Connection connection, Map<Object, Object> replacements) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql);
        for (int i = 0; i < binds.size(); i++) {
            Object v = binds.get(i);
            JdbcBinding.bind(ps, i + 1, replacements.getOrDefault(v, v));
        }
        return ps;
    }
}
