package org.mlregistry.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.List;
import javax.sql.DataSource;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;

/**
 * COPY runs on the driver's own connection, beneath the pool's wrapper; when its backend dies the
 * failure still reaches the pool, which evicts the connection: on a pool of ONE connection the
 * next import succeeds.
 */
class CopyPoolEvictionTest extends TrackingTestSupport {

    private static final List<String> COLUMNS = List.of("model_name", "framework", "experiment_name", "dataset", "compute_target");

    @Test
    void aBackendKilledBeforeAnImportLeavesTheNextImportAWorkingConnection() {
        DataSource fresh = freshMigratedDatabase();
        try (HikariDataSource pool = onePool(fresh)) {
            Runs runs = Registry.configure().dataSource(pool).load().runs();
            for (int round = 0; round < 3; round++) {
                terminate(fresh, backendOf(runs));
                String model = "before-r" + round;
                Throwable first = catchThrowable(() -> runs.csv().importFrom(csv(model), COLUMNS));
                assertThat(first).as("round %d: the import on the killed backend", round).isNotNull();
                assertThat(runs.csv().importFrom(csv("after-r" + round), COLUMNS)).as("round %d", round).isEqualTo(1);
            }
            assertThat(runs.search().count()).isEqualTo(3);
        }
    }

    @Test
    void aBackendKilledDuringCopyIsEvictedFromThePool() {
        DataSource fresh = freshMigratedDatabase();
        try (HikariDataSource pool = onePool(fresh)) {
            Runs runs = Registry.configure().dataSource(pool).load().runs();
            int pid = backendOf(runs);
            // the CSV source kills the importing backend once COPY has begun, mid-stream
            Reader killing = new StringReader(header() + bigRows()) {
                private boolean killed;

                @Override
                public int read(char[] buf, int off, int len) throws IOException {
                    if (!killed) {
                        killed = true;
                        return super.read(buf, off, Math.min(len, 40));
                    }
                    terminateOnce(fresh, pid);
                    return super.read(buf, off, len);
                }
            };
            assertThat(catchThrowable(() -> runs.csv().importFrom(killing))).isNotNull();
            assertThat(runs.csv().importFrom(csv("after-kill"), COLUMNS)).isEqualTo(1);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(runs.csv().export(runs.search(), out)).isEqualTo(1);
        }
    }

    private static String header() {
        return String.join(",", RunCsv.COLUMNS) + "\n";
    }

    /** Rows in the full export format, enough to fill several COPY chunks. */
    private static String bigRows() {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            rows.append(java.util.UUID.randomUUID()).append(",m-").append(i)
                    .append(",pytorch,e,queued,,,,,,d,gpu,0.00,0.00,{},2026-01-01T00:00Z,,,,,\n");
        }
        return rows.toString();
    }

    private static boolean terminatedOnce;

    private static void terminateOnce(DataSource ds, int pid) {
        if (!terminatedOnce) {
            terminatedOnce = true;
            terminate(ds, pid);
        }
    }

    private static HikariDataSource onePool(DataSource target) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(target);
        config.setMaximumPoolSize(1);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(5_000);
        config.setAutoCommit(true);
        return new HikariDataSource(config);
    }

    private static int backendOf(Runs runs) {
        return runs.tx(ctx -> ctx.fetchValue(DSL.field("pg_backend_pid()", Integer.class)));
    }

    /** pg_terminate_backend with a timeout returns once the backend has exited (PostgreSQL 14+). */
    private static void terminate(DataSource ds, int pid) {
        try (Connection c = ds.getConnection()) {
            assertThat(DSL.using(c).fetchOne("SELECT pg_terminate_backend(?, 10000)", pid).get(0, Boolean.class)).isTrue();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ByteArrayInputStream csv(String model) {
        return new ByteArrayInputStream(("model_name,framework,experiment_name,dataset,compute_target\n" + model + ",pytorch,e,d,gpu\n")
                .getBytes(StandardCharsets.UTF_8));
    }
}
