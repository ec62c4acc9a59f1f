package org.mlregistry.core.tracking;

import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mlregistry.core.tracking.RunFilter.createdWithin;
import static org.mlregistry.core.tracking.RunFilter.hasParam;
import static org.mlregistry.core.tracking.RunFilter.param;
import static org.mlregistry.core.tracking.RunFilter.paramsContain;
import static org.mlregistry.core.tracking.RunFilter.runId;
import static org.mlregistry.core.tracking.RunFilter.status;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.schema.types.RunStatus;

/**
 * At 1M runs (skewed status and framework, loaded through the API's COPY import), every selective
 * operation of the API is planned with an index: no sequential scan on training_runs.
 */
@Tag("scale")
class IndexPlansAtScaleTest extends TrackingTestSupport {

    private static final int ROWS = 1_000_000;

    @Test
    void selectiveOperationsUseIndexesAtOneMillionRuns() {
        DataSource ds = freshMigratedDatabase();
        DSLContext ctx = DSL.using(ds, SQLDialect.POSTGRES);
        Runs runs = Registry.configure().dataSource(ds).load().runs();
        // Bulk-load recipe: drop the secondary indexes, COPY, recreate them from their own definitions
        // (the end state is exactly the migrated schema's), then ANALYZE.
        List<String> indexes = ctx.fetch("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'tracking' "
                + "AND tablename = 'training_runs' AND indexname <> 'training_runs_pkey'")
                .map(r -> r.get(1, String.class));
        assertThat(indexes).anyMatch(d -> d.contains("idx_training_runs_claim")).hasSizeGreaterThan(10);
        ctx.fetch("SELECT indexname FROM pg_indexes WHERE schemaname = 'tracking' AND tablename = 'training_runs' "
                + "AND indexname <> 'training_runs_pkey'").forEach(r -> ctx.execute("DROP INDEX tracking." + r.get(0, String.class)));
        long started = System.nanoTime();
        long imported = runs.importCsv(new SyntheticRuns(ROWS), SyntheticRuns.COLUMNS);
        long copied = System.nanoTime();
        try (var connection = ds.getConnection(); var statement = connection.createStatement()) {
            statement.execute("SET maintenance_work_mem = '256MB'");
            for (String definition : indexes) {
                statement.execute(definition);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        System.out.printf("imported %d runs by COPY in %d ms, indexes rebuilt in %d ms%n", imported,
                (copied - started) / 1_000_000, (System.nanoTime() - copied) / 1_000_000);
        assertThat(imported).isEqualTo(ROWS);
        ctx.execute("ANALYZE tracking.training_runs");

        // the skew is real: the selective predicates below are selective
        assertThat(runs.where(status().eq(RunStatus.SUCCEEDED)).count()).isBetween(750_000L, 850_000L);
        assertThat(runs.where(status().in(RunStatus.QUEUED, RunStatus.RUNNING)).count()).isBetween(10_000L, 30_000L);

        UUID someId = runs.search().orderBy(RunOrder.NEWEST_FIRST).fetch(1).get(0).runId();
        String token = runs.search().pageSize(50).fetchPage().nextToken().orElseThrow();

        Map<String, Query> plans = new LinkedHashMap<>();
        plans.put("claimNext", Runs.claimQuery(ctx, "target-7"));
        plans.put("get by id", runs.search().includeArchived().where(runId().eq(someId)).asSelect());
        plans.put("active jobs", runs.where(status().in(RunStatus.QUEUED, RunStatus.RUNNING)).pageSize(50).asSelect());
        plans.put("recent failures", runs.where(status().eq(RunStatus.FAILED).and(createdWithin(Duration.ofDays(7))))
                .pageSize(50).asSelect());
        plans.put("parameter containment", runs.where(paramsContain("{\"lora_r\": 8}")).asSelect());
        plans.put("parameter key", runs.where(hasParam("lora_r")).asSelect());
        plans.put("parameter equality", runs.where(param("optimizer").eq("adamw").and(param("batch_size").eq(512L))).asSelect());
        plans.put("keyset page", runs.search().pageSize(50).after(token).asSelect());
        plans.put("top-N per group", Registry.configure().dataSource(ds).load().analytics().topN(TRAINING_RUNS)
                .where(TRAINING_RUNS.STATUS.eq(RunStatus.SUCCEEDED).and(TRAINING_RUNS.ACCURACY.isNotNull()))
                .perGroup(TRAINING_RUNS.FRAMEWORK)
                .orderBy(TRAINING_RUNS.ACCURACY.desc(), TRAINING_RUNS.RUN_ID)
                .limit(3)
                .asSelect());

        for (Map.Entry<String, Query> e : plans.entrySet()) {
            // EXPLAIN of the statement as the API sends it, bind values and all
            String plan = ctx.explain(e.getValue()).plan();
            System.out.println("-- " + e.getKey() + "\n" + plan);
            assertThat(plan).as("plan of %s", e.getKey()).doesNotContain("Seq Scan on training_runs")
                    .containsPattern("Index|Bitmap");
        }
        assertThat(runs.where(RunFilter.computeTarget().eq("target-7").and(status().eq(RunStatus.QUEUED))).count()).isPositive();
        assertThat(runs.claimNext("target-7")).get().extracting(Run::computeTarget).isEqualTo("target-7");
        assertThat(runs.where(paramsContain("{\"lora_r\": 8}")).count()).isEqualTo(ROWS / 100);
    }

    /** Streams n synthetic runs as CSV without holding them in memory. */
    static final class SyntheticRuns extends InputStream {
        static final List<String> COLUMNS = List.of("model_name", "framework", "experiment_name", "dataset",
                "compute_target", "status", "accuracy", "gpu_hours", "parameters", "created_at", "started_at", "completed_at");
        private static final String[] OPTIMIZERS = {"adam", "sgd", "adamw"};

        private final int rows;
        private final OffsetDateTime base = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).minusMinutes(1);
        private int next = -1;
        private byte[] line = (String.join(",", COLUMNS) + "\n").getBytes(StandardCharsets.UTF_8);
        private int pos;

        SyntheticRuns(int rows) {
            this.rows = rows;
        }

        @Override
        public int read() {
            if (!fill()) {
                return -1;
            }
            return line[pos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int n = 0;
            while (n < len && fill()) {
                int chunk = Math.min(len - n, line.length - pos);
                System.arraycopy(line, pos, b, off + n, chunk);
                pos += chunk;
                n += chunk;
            }
            return n == 0 ? -1 : n;
        }

        private boolean fill() {
            if (pos < line.length) {
                return true;
            }
            if (++next >= rows) {
                return false;
            }
            line = row(next).getBytes(StandardCharsets.UTF_8);
            pos = 0;
            return true;
        }

        private String row(int i) {
            int h = (int) ((i * 2654435761L) % 1000);
            String status = h < 800 ? "succeeded" : h < 900 ? "failed" : h < 950 ? "cancelled"
                    : h < 980 ? "timeout" : h < 995 ? "running" : "queued";
            int f = (int) ((i * 40503L) % 100);
            String framework = f < 60 ? "pytorch" : f < 85 ? "tensorflow" : f < 95 ? "sklearn"
                    : f < 97 ? "xgboost" : f < 99 ? "jax" : "mxnet";
            int o = (int) ((i * 7919L) % 100);
            String optimizer = OPTIMIZERS[o < 70 ? 0 : o < 95 ? 1 : 2];
            String params = "\"{\"\"batch_size\"\": " + (16 << (i % 6)) + ", \"\"optimizer\"\": \"\"" + optimizer + "\"\""
                    + (i % 100 == 7 ? ", \"\"lora_r\"\": 8" : "") + "}\"";
            OffsetDateTime created = base.minusMinutes(i);
            String startedAt = status.equals("queued") ? "" : created.plusMinutes(1).toString();
            String completedAt = status.equals("queued") || status.equals("running") ? "" : created.plusMinutes(30).toString();
            String accuracy = status.equals("succeeded") ? "0." + (5000 + i % 5000) : "";
            return "model-" + (i % 2000) + "," + framework + ",exp-" + i + ",ds-" + (i % 50) + ",target-" + (i % 10) + ","
                    + status + "," + accuracy + "," + (i % 40) + "." + (i % 100) + "," + params + "," + created + ","
                    + startedAt + "," + completedAt + "\n";
        }
    }
}
