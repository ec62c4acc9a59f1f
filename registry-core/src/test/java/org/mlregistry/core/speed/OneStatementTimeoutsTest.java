package org.mlregistry.core.speed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.error.LockNotAvailableException;
import org.mlregistry.core.error.StatementTimeoutException;
import org.mlregistry.core.tracking.NewRun;
import org.mlregistry.core.tracking.Run;
import org.mlregistry.schema.RegistrySchema;
import org.mlregistry.schema.TestDatabase;
import org.mlregistry.schema.types.Framework;

/**
 * A write of one statement runs in autocommit with the registry's timeouts sent in front of it:
 * they hold for the statement (also over a session default of the connection) and end with it.
 */
class OneStatementTimeoutsTest {

    private static DataSource ds;

    @BeforeAll
    static void database() {
        ds = TestDatabase.freshDatabase();
        RegistrySchema.configure().dataSource(ds).load().migrate();
    }

    private static Run queued() {
        return Registry.configure().dataSource(ds).load().runs().submit(NewRun.builder()
                .model("m-" + UUID.randomUUID().toString().substring(0, 8)).framework(Framework.PYTORCH)
                .experiment("exp").dataset("ds").computeTarget("cpu").parameters("{}").build());
    }

    private static String setting(Connection c, String name) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_setting('" + name + "')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void aOneStatementWriteWaitsForARowLockNoLongerThanTheLockTimeoutAndLeavesTheSessionAsItWas() throws Exception {
        Run run = queued();
        try (Connection holder = ds.getConnection(); Connection worker = ds.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("SELECT 1 FROM tracking.training_runs WHERE run_id = '" + run.runId() + "' FOR UPDATE");
            }
            try (Statement s = worker.createStatement()) {
                s.execute("SET lock_timeout = '1h'");
            }
            Registry registry = Registry.configure().dsl(DSL.using(worker, SQLDialect.POSTGRES))
                    .lockTimeout(Duration.ofMillis(100)).load();

            LockNotAvailableException refused = catchThrowableOfType(LockNotAvailableException.class,
                    () -> registry.runs().start(run.runId()));

            assertThat(refused.sqlState()).isEqualTo("55P03");
            assertThat(worker.getAutoCommit()).isTrue();
            assertThat(setting(worker, "lock_timeout")).isEqualTo("1h");
            holder.rollback();
        }
    }

    @Test
    void aOneStatementWriteIsCancelledAtTheStatementTimeoutOverTheSessionsOwn() throws Exception {
        Run run = queued();
        try (Connection holder = ds.getConnection(); Connection worker = ds.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("SELECT 1 FROM tracking.training_runs WHERE run_id = '" + run.runId() + "' FOR UPDATE");
            }
            try (Statement s = worker.createStatement()) {
                s.execute("SET statement_timeout = '1h'");
            }
            Registry registry = Registry.configure().dsl(DSL.using(worker, SQLDialect.POSTGRES))
                    .statementTimeout(Duration.ofMillis(200)).lockTimeout(Duration.ZERO).load();

            StatementTimeoutException timeout = catchThrowableOfType(StatementTimeoutException.class,
                    () -> registry.runs().start(run.runId()));

            assertThat(timeout.sqlState()).isEqualTo("57014");
            assertThat(setting(worker, "statement_timeout")).isEqualTo("1h");
            holder.rollback();
        }
    }
}
