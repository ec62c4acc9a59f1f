package org.mlregistry.core.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.tracking.NewRun;
import org.mlregistry.core.tracking.Run;
import org.mlregistry.schema.RegistrySchema;
import org.mlregistry.schema.TestDatabase;
import org.mlregistry.schema.types.Framework;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Each SQLState produced for real on PostgreSQL, through the API's transactions, arrives as its
 * typed error: transient ones (connection lost, statement timeout, cancel, lock timeout,
 * serialization failure, deadlock) and refused ones (permission denied, bad values). The cause
 * keeps the driver's exception and {@code sqlState()} its SQLState; messages never carry the SQL.
 */
class DatabaseFailuresTest {

    private static DataSource ds;

    @BeforeAll
    static void database() {
        ds = TestDatabase.freshDatabase();
        RegistrySchema.configure().dataSource(ds).load().migrate();
    }

    private static Registry registry() {
        return Registry.configure().dataSource(ds).load();
    }

    private static Run queuedRun(Registry registry) {
        return registry.runs().submit(NewRun.builder().model("m-" + UUID.randomUUID().toString().substring(0, 8))
                .framework(Framework.PYTORCH).experiment("exp").dataset("ds").computeTarget("cpu").parameters("{}").build());
    }

    private static void terminate(int pid) {
        try (Connection admin = ds.getConnection(); Statement s = admin.createStatement()) {
            // waits up to 10 s until the backend is gone, so the next statement meets a dead connection
            s.execute("SELECT pg_terminate_backend(" + pid + ", 10000)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int pid(DSLContext ctx) {
        return ctx.connectionResult(c -> c.unwrap(PGConnection.class).getBackendPID());
    }

    @Test
    void aKilledBackendIsAConnectionLost() {
        Registry registry = registry();
        ConnectionLostException lost = catchThrowableOfType(ConnectionLostException.class, () -> registry.inTransaction(ctx -> {
            terminate(pid(ctx));
            return ctx.fetchOne("SELECT 1");
        }));
        assertThat(lost).isInstanceOf(TransientException.class).isNotInstanceOf(CommitOutcomeUnknownException.class);
        assertThat(lost.sqlState()).matches("57P01|08.*");
        assertThat(lost.getMessage()).doesNotContain("SELECT");
        // the pool's next connection works
        assertThat(registry.runs().find(UUID.randomUUID())).isEmpty();
    }

    @Test
    void aStatementPastTheStatementTimeoutIsAStatementTimeout() {
        Registry registry = Registry.configure().dataSource(ds).statementTimeout(Duration.ofMillis(200)).load();
        StatementTimeoutException timeout = catchThrowableOfType(StatementTimeoutException.class,
                () -> registry.inTransaction(ctx -> ctx.execute("SELECT pg_sleep(30)")));
        assertThat(timeout.sqlState()).isEqualTo("57014");
        assertThat(timeout.getMessage()).doesNotContain("pg_sleep");
    }

    @Test
    void aStatementCancelledOnRequestIsACancellationNotATimeout() throws Exception {
        Registry registry = registry();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            int[] backend = new int[1];
            CountDownLatch pidKnown = new CountDownLatch(1);
            Future<?> sleeping = pool.submit(() -> registry.inTransaction(ctx -> {
                backend[0] = pid(ctx);
                pidKnown.countDown();
                return ctx.execute("SELECT pg_sleep(60)");
            }));
            assertThat(pidKnown.await(30, TimeUnit.SECONDS)).isTrue();
            try (Connection admin = ds.getConnection(); Statement s = admin.createStatement()) {
                // cancel only once the backend is inside pg_sleep, as pg_stat_activity shows
                boolean cancelled = false;
                while (!cancelled) {
                    var rs = s.executeQuery("SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE pid = " + backend[0]
                            + " AND state = 'active' AND query LIKE '%pg_sleep(60)%'");
                    cancelled = rs.next() && rs.getBoolean(1);
                }
            }
            Throwable thrown = catchThrowableOfType(java.util.concurrent.ExecutionException.class,
                    () -> sleeping.get(30, TimeUnit.SECONDS)).getCause();
            assertThat(thrown).isExactlyInstanceOf(QueryCancelledException.class);
            assertThat(((RegistryException) thrown).sqlState()).isEqualTo("57014");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLockHeldElsewhereIsALockNotAvailable() throws Exception {
        Registry registry = Registry.configure().dataSource(ds).lockTimeout(Duration.ofMillis(100)).load();
        Run run = queuedRun(registry);
        try (Connection holder = ds.getConnection()) {
            holder.setAutoCommit(false);
            DSL.using(holder, SQLDialect.POSTGRES).execute("SELECT 1 FROM tracking.training_runs WHERE run_id = ? FOR UPDATE", run.runId());
            LockNotAvailableException locked = catchThrowableOfType(LockNotAvailableException.class,
                    () -> registry.runs().start(run.runId()));
            assertThat(locked.sqlState()).isEqualTo("55P03");
            holder.rollback();
        }
        assertThat(registry.runs().get(run.runId()).status().getLiteral()).isEqualTo("queued");
    }

    @Test
    void aConcurrentUpdateUnderRepeatableReadIsASerializationFailure() throws Exception {
        Registry other = registry();
        Run run = queuedRun(other);
        try (Connection c = ds.getConnection()) {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            SerializationFailureException failure = catchThrowableOfType(SerializationFailureException.class,
                    () -> DSL.using(c, SQLDialect.POSTGRES).transaction(cfg -> {
                        Registry rr = Registry.configure().dsl(cfg.dsl()).load();
                        assertThat(rr.runs().get(run.runId()).status().getLiteral()).isEqualTo("queued"); // the snapshot
                        other.runs().start(run.runId()); // commits on another connection
                        rr.runs().cancel(run.runId(), "changed my mind");
                    }));
            assertThat(failure.sqlState()).isEqualTo("40001");
        }
        assertThat(other.runs().get(run.runId()).status().getLiteral()).isEqualTo("running");
    }

    @Test
    void aRealDeadlockIsADeadlockDetectedForOneOfTheTwo() throws Exception {
        Registry registry = registry();
        UUID a = queuedRun(registry).runId();
        UUID b = queuedRun(registry).runId();
        CountDownLatch firstLocked = new CountDownLatch(1);
        CountDownLatch secondLocked = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> one = pool.submit(() -> lockBoth(registry, a, b, firstLocked, secondLocked));
            Future<Integer> two = pool.submit(() -> lockBoth(registry, b, a, secondLocked, firstLocked));
            List<Throwable> failures = new ArrayList<>();
            for (Future<Integer> f : List.of(one, two)) {
                try {
                    f.get(60, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add(e.getCause());
                }
            }
            assertThat(failures).singleElement().isExactlyInstanceOf(DeadlockDetectedException.class)
                    .extracting(t -> ((RegistryException) t).sqlState()).isEqualTo("40P01");
        } finally {
            pool.shutdownNow();
        }
    }

    private static int lockBoth(Registry registry, UUID first, UUID second, CountDownLatch mine, CountDownLatch theirs) {
        return registry.inTransaction(ctx -> {
            ctx.execute("UPDATE tracking.training_runs SET notes = 'deadlock' WHERE run_id = ?", first);
            mine.countDown();
            try {
                theirs.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return ctx.execute("UPDATE tracking.training_runs SET notes = 'deadlock' WHERE run_id = ?", second);
        });
    }

    @Test
    void aRoleWithoutPrivilegesIsPermissionDenied() throws Exception {
        String role = "reader_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection admin = ds.getConnection(); Statement s = admin.createStatement()) {
            s.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'reader'");
            s.execute("GRANT USAGE ON SCHEMA tracking TO " + role);
            s.execute("GRANT SELECT ON tracking.training_runs TO " + role);
        }
        PGSimpleDataSource readOnly = new PGSimpleDataSource();
        readOnly.setURL(((PGSimpleDataSource) ds).getURL());
        readOnly.setUser(role);
        readOnly.setPassword("reader");
        Registry reader = Registry.configure().dataSource(readOnly).load();
        assertThat(reader.runs().find(UUID.randomUUID())).isEmpty();

        PermissionDeniedException denied = catchThrowableOfType(PermissionDeniedException.class, () -> queuedRun(reader));
        assertThat(denied).isInstanceOf(RefusedException.class);
        assertThat(denied.sqlState()).isEqualTo("42501");
        assertThat(denied.getMessage()).contains("permission denied").doesNotContain("insert into");
    }

    @Test
    void valuesTheDatabaseRefusesAreInvalidValues() {
        Registry registry = registry();
        InvalidValueException nul = catchThrowableOfType(InvalidValueException.class,
                () -> registry.inTransaction(ctx -> ctx.fetchOne("SELECT ?::text", "a\u0000b")));
        assertThat(nul.sqlState()).isEqualTo("22021");
        assertThat(nul.rule()).contains("NUL");
        InvalidValueException overflow = catchThrowableOfType(InvalidValueException.class,
                () -> registry.inTransaction(ctx -> ctx.fetchOne("SELECT ?::numeric(3,1)", new java.math.BigDecimal("12345"))));
        assertThat(overflow.sqlState()).isEqualTo("22003");
        InvalidValueException timestamp = catchThrowableOfType(InvalidValueException.class,
                () -> registry.inTransaction(ctx -> ctx.fetchOne("SELECT ?::timestamptz", "300000-01-01 00:00:00+00")));
        assertThat(timestamp.sqlState()).matches("22008|22009");
        assertThat(List.of(nul, overflow, timestamp)).allSatisfy(e -> assertThat(e.getMessage()).doesNotEndWith("got null"));
    }

    @Test
    void aMissingTableIsADatabaseRefusalWithItsSqlState() {
        DataSource empty = TestDatabase.freshDatabase();
        DatabaseRefusedException refused = catchThrowableOfType(DatabaseRefusedException.class,
                () -> Registry.configure().dataSource(empty).load().runs().find(UUID.randomUUID()));
        assertThat(refused.sqlState()).isEqualTo("42P01");
        assertThat(refused.getMessage()).doesNotContain("select");
    }

    @Test
    void registryRetryingRepeatsAnOperationWhoseConnectionWasLost() {
        java.util.List<Duration> waited = new ArrayList<>();
        Registry registry = Registry.configure().dataSource(ds)
                .retry(org.mlregistry.core.RetryPolicy.attempts(3).backoff(Duration.ofMillis(10), Duration.ofMillis(10)).sleeper(waited::add))
                .load();
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        Integer one = registry.retrying(() -> registry.inTransaction(ctx -> {
            if (attempts.incrementAndGet() == 1) {
                terminate(pid(ctx));
            }
            return ctx.fetchOne("SELECT 1").get(0, Integer.class);
        }));
        assertThat(one).isEqualTo(1);
        assertThat(attempts).hasValue(2);
        assertThat(waited).containsExactly(Duration.ofMillis(10));
    }

    @Test
    void aConnectionLostDuringCommitSaysTheOutcomeIsUnknown() throws Exception {
        // the pool's connections terminate their own backend when asked to commit: COMMIT meets a dead connection
        DataSource killingCommits = (DataSource) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = method.invoke(ds, args);
                    if (!method.getName().equals("getConnection")) {
                        return result;
                    }
                    Connection real = (Connection) result;
                    return java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                            (p, m, a) -> {
                                if (m.getName().equals("commit")) {
                                    terminate(real.unwrap(PGConnection.class).getBackendPID());
                                }
                                try {
                                    return m.invoke(real, a);
                                } catch (java.lang.reflect.InvocationTargetException e) {
                                    throw e.getCause();
                                }
                            });
                });
        Registry registry = Registry.configure().dataSource(killingCommits).load();
        CommitOutcomeUnknownException unknown = catchThrowableOfType(CommitOutcomeUnknownException.class,
                () -> registry.inTransaction(ctx -> ctx.fetchOne("SELECT 1")));
        assertThat(unknown).isInstanceOf(ConnectionLostException.class);
        assertThat(unknown.sqlState()).matches("57P01|08.*");
    }
}
