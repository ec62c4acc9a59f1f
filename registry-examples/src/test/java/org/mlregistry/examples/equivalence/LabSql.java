package org.mlregistry.examples.equivalence;

import java.sql.ResultSet;
import java.sql.Statement;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;

/**
 * Runs a lab statement as the lab wrote it, over plain JDBC on the example's connection (jOOQ's
 * plain-SQL API would read the jsonb operator {@code ?} as a bind marker).
 */
public final class LabSql {

    /** What a lab statement returned: rows, or (rows null) the number of rows it wrote. */
    public record Outcome(Result<Record> rows, int updateCount) {
    }

    private LabSql() {
    }

    /** Runs sql with the lab's unqualified names resolved in schema. */
    public static Outcome run(DSLContext ctx, String schema, String sql) {
        return ctx.connectionResult(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL search_path = " + schema + ", public");
                Outcome outcome;
                if (statement.execute(sql)) {
                    try (ResultSet resultSet = statement.getResultSet()) {
                        outcome = new Outcome(ctx.fetch(resultSet), -1);
                    }
                } else {
                    outcome = new Outcome(null, statement.getUpdateCount());
                }
                statement.execute("SET LOCAL search_path = public");
                return outcome;
            }
        });
    }
}
