package org.mlregistry.core.speed;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A data source that counts what its connections send: statements (each JDBC execute call) and
 * round trips (each execute, commit, rollback, savepoint and release; PgJDBC sends {@code BEGIN}
 * with the transaction's first statement, so it is no round trip of its own).
 */
final class CountingDataSource {

    private final AtomicInteger statements = new AtomicInteger();
    private final AtomicInteger roundTrips = new AtomicInteger();
    private final DataSource counting;

    CountingDataSource(DataSource target) {
        this.counting = proxy(DataSource.class, target);
    }

    DataSource dataSource() {
        return counting;
    }

    /** What one operation sent. */
    record Counts(int statements, int roundTrips) {
    }

    /** Runs the operation and returns what it sent. */
    Counts of(Runnable operation) {
        int s0 = statements.get();
        int r0 = roundTrips.get();
        operation.run();
        return new Counts(statements.get() - s0, roundTrips.get() - r0);
    }

    @SuppressWarnings("unchecked")
    private <T> T proxy(Class<T> type, T target) {
        InvocationHandler handler = (p, method, args) -> {
            count(method);
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return wrap(method, result);
        };
        return (T) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, handler);
    }

    private Object wrap(Method method, Object result) {
        Class<?> type = method.getReturnType();
        if (result == null || !type.isInterface()) {
            return result;
        }
        if (type == Connection.class || Statement.class.isAssignableFrom(type)) {
            return proxyOf(type, result);
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private <T> T proxyOf(Class<T> type, Object target) {
        return proxy(type, (T) target);
    }

    private void count(Method method) {
        String name = method.getName();
        if (name.startsWith("execute") && !name.equals("executeBatch")) {
            statements.incrementAndGet();
            roundTrips.incrementAndGet();
        } else if (name.equals("executeBatch") || name.equals("commit") || name.equals("rollback")
                || name.equals("setSavepoint") || name.equals("releaseSavepoint")) {
            roundTrips.incrementAndGet();
        }
    }
}
