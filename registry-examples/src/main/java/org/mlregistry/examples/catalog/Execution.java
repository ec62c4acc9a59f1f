package org.mlregistry.examples.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultExecuteListenerProvider;

/**
 * One run of an example: the SQL jOOQ rendered for it (values inlined, as a reader would type it)
 * and its result, or the error it failed with.
 *
 * @param example the example run
 * @param sql     every statement jOOQ executed, in order
 * @param result  the rows it returned, or null when it failed
 * @param error   the failure, or null
 */
public record Execution(Example example, List<String> sql, Result<? extends Record> result, RuntimeException error) {

    /**
     * Runs the example on its own connection from the data source. As in psql, each statement
     * commits on its own; examples that need a transaction open one.
     */
    public static Execution of(Example example, DataSource dataSource) {
        List<String> sql = new ArrayList<>();
        DSLContext ctx = DSL.using(dataSource, SQLDialect.POSTGRES);
        ctx.configuration().set(new DefaultExecuteListenerProvider(new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext context) {
                sql.add(context.query() != null ? context.dsl().renderInlined(context.query()) : context.sql());
            }
        }));
        try {
            Result<? extends Record> result = example.run(ctx);
            return new Execution(example, List.copyOf(sql), result, null);
        } catch (RuntimeException e) {
            return new Execution(example, List.copyOf(sql), null, e);
        }
    }

    /** The failure, if the example failed. */
    public Optional<RuntimeException> failure() {
        return Optional.ofNullable(error);
    }

    /** The innermost message of the failure: jOOQ wraps the driver's error in generic ones. */
    public String errorMessage() {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == error ? error.getMessage() : error.getMessage() + ": " + root.getMessage();
    }
}
