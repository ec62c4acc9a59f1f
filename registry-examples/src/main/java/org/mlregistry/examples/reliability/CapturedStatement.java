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
     * Runs call on a registry over connection and returns the statements it sent, in order. The
     * registry keeps the server's timeouts (none of its own), so no statement carries the
     * timeout setup: plain JDBC in autocommit runs with the server's timeouts too.
     */
    static List<CapturedStatement> capture(Connection connection, Consumer<Registry> call) {
        List<CapturedStatement> sent = new ArrayList<>();
        ExecuteListener listener = new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext ctx) {
                sent.add(new CapturedStatement(ctx.sql(), ctx.query() == null ? List.of() : ctx.query().getBindValues()));
            }
        };
        var configuration = DSL.using(connection, SQLDialect.POSTGRES).configuration().deriveAppending(listener);
        call.accept(Registry.configure().configuration(configuration).statementTimeout(null).lockTimeout(null).load());
        return sent;
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
