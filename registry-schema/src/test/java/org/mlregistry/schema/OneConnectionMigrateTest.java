package org.mlregistry.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * migrate() on a pool of one connection: Flyway's default PostgreSQL lock (a transactional
 * advisory lock) takes a second connection for the migrations, which a pool of one never gives.
 * The pool below refuses a second connection at once (a real pool would wait for its timeout).
 */
class OneConnectionMigrateTest {

    @Test
    void migrateNeedsOnlyOneConnectionAtATime() {
        OnePool pool = new OnePool(TestDatabase.freshDatabase());

        int applied = RegistrySchema.configure().dataSource(pool).load().migrate();

        assertThat(applied).isEqualTo(RegistrySchema.configure().dataSource(pool).load().info().size());
        assertThat(pool.refused.get()).isZero();
        assertThat(pool.mostAtOnce.get()).isEqualTo(1);
        assertThat(RegistrySchema.configure().dataSource(pool).load().migrate()).isZero();
    }

    /** Hands out at most one connection at a time and refuses any other request while it is out. */
    private static final class OnePool implements DataSource {
        private final DataSource target;
        private final AtomicInteger out = new AtomicInteger();
        private final AtomicInteger mostAtOnce = new AtomicInteger();
        private final AtomicInteger refused = new AtomicInteger();

        OnePool(DataSource target) {
            this.target = target;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (out.incrementAndGet() > 1) {
                out.decrementAndGet();
                refused.incrementAndGet();
                throw new SQLTransientConnectionException("pool of one: the connection is in use", "08001");
            }
            mostAtOnce.accumulateAndGet(out.get(), Math::max);
            Connection real = target.getConnection();
            boolean[] closed = {false};
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            if (!closed[0]) {
                                closed[0] = true;
                                out.decrementAndGet();
                            }
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
