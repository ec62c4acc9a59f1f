package org.mlregistry.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlregistry.core.tracking.RunFilter.createdWithin;
import static org.mlregistry.core.tracking.RunFilter.hasParam;
import static org.mlregistry.core.tracking.RunFilter.param;
import static org.mlregistry.core.tracking.RunFilter.paramsContain;
import static org.mlregistry.core.tracking.RunFilter.runId;
import static org.mlregistry.core.tracking.RunFilter.status;
import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

import java.time.Duration;
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
import org.mlregistry.testing.SyntheticRuns;

/**
 * At 1M runs ({@link SyntheticRuns}: skewed status and framework, loaded through the API's COPY
 * import), every selective operation of the API is planned with an index: no sequential scan on
 * training_runs.
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
        long imported = runs.csv().importFrom(SyntheticRuns.of(ROWS, 0).csvStream(), SyntheticRuns.COLUMNS);
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
        plans.put("claimNext", RunStatements.claim(ctx, "target-7"));
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
}
