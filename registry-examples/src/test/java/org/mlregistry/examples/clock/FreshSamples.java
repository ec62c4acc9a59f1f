package org.mlregistry.examples.clock;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Set;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.mlregistry.testing.SampleData;

/**
 * Reloads the samples inside a transaction, so that their timestamps ("15 minutes ago", "6 days
 * ago") are relative to that transaction's {@code now()} however long ago they were first loaded.
 * The reload goes away with the transaction.
 *
 * <p>{@link SampleData#reset(DataSource)} truncates and loads in a transaction of its own and
 * commits it; here it gets the caller's connection with {@code commit}, {@code rollback},
 * {@code setAutoCommit} and {@code close} made no-ops, so all it does stays in the caller's
 * transaction. The truncation locks the sample tables until that transaction ends: work that
 * opens a second connection to them would wait for it.
 */
public final class FreshSamples {

    /** Connection methods by which SampleData would end or leave the caller's transaction. */
    private static final Set<String> IGNORED = Set.of("commit", "rollback", "setAutoCommit", "close");

    private FreshSamples() {
    }

    /** Truncates the sample tables and loads the samples again, in ctx's transaction. */
    public static void reload(DSLContext ctx) {
        ctx.connection(connection -> SampleData.reset(dataSourceOf(keptOpen(connection))));
    }

    private static Connection keptOpen(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, arguments) -> {
                    if (IGNORED.contains(method.getName())) {
                        return null;
                    }
                    try {
                        return method.invoke(connection, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static DataSource dataSourceOf(Connection connection) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("getConnection")) {
                        return connection;
                    }
                    throw new UnsupportedOperationException("only getConnection() is offered, not " + method.getName());
                });
    }
}
