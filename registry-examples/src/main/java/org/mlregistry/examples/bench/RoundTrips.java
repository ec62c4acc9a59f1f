package org.mlregistry.examples.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts what the library sends on a connection: statements (JDBC execute calls) and round trips
 * (executes, commits, rollbacks, savepoints; PgJDBC sends {@code BEGIN} with a transaction's first
 * statement, so it is no round trip of its own).
 */
final class RoundTrips {

    private final AtomicInteger statements = new AtomicInteger();
    private final AtomicInteger roundTrips = new AtomicInteger();

    /** What one call sent. */
    record Counts(int statements, int roundTrips) {
        @Override
        public String toString() {
            return statements + "/" + roundTrips;
        }
    }

    /** The connection, counted. */
    Connection counting(Connection connection) {
        return proxy(Connection.class, connection);
    }

    /** What the call sent on the counted connections. */
    Counts of(Runnable call) {
        int s0 = statements.get();
        int r0 = roundTrips.get();
        call.run();
        return new Counts(statements.get() - s0, roundTrips.get() - r0);
    }

    @SuppressWarnings("unchecked")
    private <T> T proxy(Class<T> type, Object target) {
        InvocationHandler handler = (p, method, args) -> {
            String name = method.getName();
            if (name.startsWith("execute") && !name.equals("executeBatch")) {
                statements.incrementAndGet();
                roundTrips.incrementAndGet();
            } else if (name.equals("executeBatch") || name.equals("commit") || name.equals("rollback")
                    || name.equals("setSavepoint") || name.equals("releaseSavepoint")) {
                roundTrips.incrementAndGet();
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            Class<?> returned = method.getReturnType();
            if (result != null && returned.isInterface() && Statement.class.isAssignableFrom(returned)) {
                return proxy(returned, result);
            }
            return result;
        };
        return (T) Proxy.newProxyInstance(RoundTrips.class.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
