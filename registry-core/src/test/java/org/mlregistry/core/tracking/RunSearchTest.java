package org.mlregistry.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mlregistry.core.tracking.RunFilter.accuracy;
import static org.mlregistry.core.tracking.RunFilter.computeTarget;
import static org.mlregistry.core.tracking.RunFilter.createdWithin;
import static org.mlregistry.core.tracking.RunFilter.f1;
import static org.mlregistry.core.tracking.RunFilter.framework;
import static org.mlregistry.core.tracking.RunFilter.hasParam;
import static org.mlregistry.core.tracking.RunFilter.modelName;
import static org.mlregistry.core.tracking.RunFilter.param;
import static org.mlregistry.core.tracking.RunFilter.paramsContain;
import static org.mlregistry.core.tracking.RunFilter.status;
import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.RunStatus;

class RunSearchTest extends TrackingTestSupport {

    private static Runs sharedRuns() {
        return Registry.configure().dataSource(dataSource()).load().runs();
    }

    private static long sqlCount(String where) {
        return db().fetchOne("SELECT count(*) FROM tracking.training_runs WHERE " + where).get(0, Long.class);
    }

    @Test
    void theSharedSamplesAreThereAndUntouched() {
        assertThat(db().fetchCount(TRAINING_RUNS)).isEqualTo(20);
        assertThat(sharedRuns().search().count()).isEqualTo(20);
    }

    @Test
    void columnFiltersMatchTheEquivalentSql() {
        Runs runs = sharedRuns();
        assertThat(runs.where(status().eq(RunStatus.SUCCEEDED)).count()).isEqualTo(sqlCount("status = 'succeeded'")).isPositive();
        assertThat(runs.where(framework().eq(Framework.PYTORCH).and(accuracy().ge(0.9))).fetch())
                .extracting(Run::modelName).contains("resnet50-classification")
                .hasSize((int) sqlCount("framework = 'pytorch' AND accuracy >= 0.9"));
        assertThat(runs.where(status().in(RunStatus.FAILED, RunStatus.CANCELLED, RunStatus.TIMEOUT)).count())
                .isEqualTo(sqlCount("status IN ('failed', 'cancelled', 'timeout')"));
        assertThat(runs.where(accuracy().between(0.8, 0.9)).count()).isEqualTo(sqlCount("accuracy BETWEEN 0.8 AND 0.9"));
        assertThat(runs.where(accuracy().isNull()).fetch()).extracting(Run::modelName)
                .contains("recommendation-collaborative-filter")
                .hasSize((int) sqlCount("accuracy IS NULL"));
        assertThat(runs.where(modelName().like("bert%")).count()).isEqualTo(sqlCount("model_name LIKE 'bert%'")).isPositive();
        assertThat(runs.where(modelName().ilike("BERT%")).count()).isEqualTo(sqlCount("model_name LIKE 'bert%'"));
        assertThat(runs.where(modelName().like("BERT%")).count()).isZero();
        assertThat(runs.where(status().eq(RunStatus.SUCCEEDED).not().or(f1().isNull())).count())
                .isEqualTo(sqlCount("NOT (status = 'succeeded') OR f1_score IS NULL"));
        assertThat(runs.where(RunFilter.anyOf(framework().eq(Framework.JAX), framework().eq(Framework.XGBOOST))).count())
                .isEqualTo(sqlCount("framework IN ('jax', 'xgboost')"));
        assertThat(runs.where(createdWithin(Duration.ofDays(4))).count())
                .isEqualTo(sqlCount("created_at >= now() - interval '4 days'")).isPositive().isLessThan(20);
        assertThat(runs.where(computeTarget().eq("k8s-gpu-a100")).exists()).isTrue();
    }

    @Test
    void valuesAreBoundNeverConcatenated() {
        Runs runs = sharedRuns();
        assertThat(runs.where(modelName().eq("x' OR '1'='1")).count()).isZero();
        assertThat(runs.where(param("a'b\"c").eq("x' OR '1'='1")).count()).isZero();
        assertThat(runs.where(hasParam("x'); DROP TABLE tracking.training_runs; --")).count()).isZero();
        assertThat(runs.where(modelName().eq("x")).asSelect().getSQL()).doesNotContain("'x'").contains("?");
        assertThat(db().fetchCount(TRAINING_RUNS)).isEqualTo(20);
    }

    @Test
    void jsonbParametersByKeyAndType() {
        withRollback(r -> {
            Runs runs = r.runs();
            UUID big = runs.submit(run("p-big", "{\"batch_size\": 64, \"optimizer\": \"adam\", \"lora_r\": 8, \"fp16\": true}")).runId();
            UUID small = runs.submit(run("p-small", "{\"batch_size\": 16, \"optimizer\": \"sgd\"}")).runId();
            UUID text = runs.submit(run("p-text", "{\"batch_size\": \"large\", \"optimizer\": \"adam\"}")).runId();
            UUID frac = runs.submit(run("p-frac", "{\"batch_size\": 32.5}")).runId();
            RunFilter mine = modelName().like("p-%");

            assertThat(ids(runs.where(mine.and(param("batch_size").asInt().ge(32L))))).containsExactly(big);
            assertThat(ids(runs.where(mine.and(param("batch_size").asNumber().ge(32))))).containsExactlyInAnyOrder(big, frac);
            assertThat(ids(runs.where(mine.and(param("optimizer").eq("adam"))))).containsExactlyInAnyOrder(big, text);
            assertThat(ids(runs.where(mine.and(param("optimizer").asText().in("sgd", "rmsprop"))))).containsExactly(small);
            assertThat(ids(runs.where(mine.and(param("batch_size").eq(16L))))).containsExactly(small);
            assertThat(ids(runs.where(mine.and(param("fp16").eq(true))))).containsExactly(big);
            assertThat(ids(runs.where(mine.and(param("fp16").asBoolean().eq(true))))).containsExactly(big);
            assertThat(ids(runs.where(mine.and(hasParam("lora_r"))))).containsExactly(big);
            assertThat(ids(runs.where(mine.and(hasParam("lora_r").not())))).containsExactlyInAnyOrder(small, text, frac);
            assertThat(ids(runs.where(mine.and(paramsContain("{\"optimizer\": \"sgd\", \"batch_size\": 16}"))))).containsExactly(small);
            // the sample data's adam runs are found the same way as in SQL
            assertThat(runs.where(param("optimizer").eq("adam")).count())
                    .isEqualTo(r.dsl().fetchOne("SELECT count(*) FROM tracking.training_runs WHERE parameters @> '{\"optimizer\":\"adam\"}' AND archived_at IS NULL").get(0, Long.class));
            return null;
        });
    }

    @Test
    void keysetPagesCoverEveryRunOnceInTheRequestedOrder() {
        Runs runs = sharedRuns();
        // each order with the ORDER BY it must mean, written by hand (ties broken by run_id in the same direction)
        Map<RunOrder, String> orders = new LinkedHashMap<>();
        orders.put(RunOrder.NEWEST_FIRST, "created_at DESC NULLS LAST, run_id DESC");
        orders.put(RunOrder.desc(SortKey.ACCURACY).nullsLast(), "accuracy DESC NULLS LAST, run_id DESC");
        orders.put(RunOrder.desc(SortKey.ACCURACY).nullsFirst(), "accuracy DESC NULLS FIRST, run_id DESC");
        orders.put(RunOrder.asc(SortKey.ACCURACY).nullsFirst(), "accuracy ASC NULLS FIRST, run_id ASC");
        orders.put(RunOrder.asc(SortKey.F1).nullsLast(), "f1_score ASC NULLS LAST, run_id ASC");
        orders.put(RunOrder.asc(SortKey.MODEL_NAME), "model_name ASC NULLS LAST, run_id ASC");
        orders.put(RunOrder.desc(SortKey.COMPLETED_AT).nullsFirst(), "completed_at DESC NULLS FIRST, run_id DESC");
        orders.put(RunOrder.asc(SortKey.GPU_HOURS), "gpu_hours ASC NULLS LAST, run_id ASC");
        for (Map.Entry<RunOrder, String> entry : orders.entrySet()) {
            RunOrder order = entry.getKey();
            List<UUID> expected = db().fetch("SELECT run_id FROM tracking.training_runs ORDER BY " + entry.getValue())
                    .getValues(0, UUID.class);
            List<UUID> paged = new ArrayList<>();
            String token = null;
            int pages = 0;
            do {
                Page page = runs.search().orderBy(order).pageSize(3).after(token).fetchPage();
                assertThat(page.runs().size()).isBetween(1, 3);
                page.runs().forEach(run -> paged.add(run.runId()));
                token = page.nextToken().orElse(null);
                pages++;
            } while (token != null);
            assertThat(paged).as("order %s", order.signature()).isEqualTo(expected).hasSize(20);
            assertThat(pages).isEqualTo(7);
            assertThat(runs.search().orderBy(order).fetch()).extracting(Run::runId).isEqualTo(expected);
        }
        // the order really is by accuracy with NULLs last
        List<Run> byAccuracy = runs.search().orderBy(RunOrder.desc(SortKey.ACCURACY)).fetch(3);
        assertThat(byAccuracy.get(0).accuracy()).isEqualByComparingTo(
                db().fetchOne("SELECT max(accuracy) FROM tracking.training_runs").get(0, java.math.BigDecimal.class));
    }

    @Test
    void pageTokensAreOpaqueAndCheckedAgainstTheOrdering() {
        Runs runs = sharedRuns();
        RunSearch.Paged paged = runs.search().orderBy(RunOrder.desc(SortKey.ACCURACY)).pageSize(5);
        String token = paged.fetchPage().nextToken().orElseThrow();
        assertThat(token).matches("[A-Za-z0-9_-]+");
        assertThat(paged.after(token).asSelect().getSQL().toLowerCase()).doesNotContain("offset").contains("fetch next ? rows only");
        InvalidValueException other = catchThrowableOfType(InvalidValueException.class,
                () -> runs.search().orderBy(RunOrder.asc(SortKey.ACCURACY)).pageSize(5).after(token));
        assertThat(other.field()).isEqualTo("pageToken");
        assertThat(catchThrowableOfType(InvalidValueException.class,
                () -> runs.search().pageSize(5).after("not a token!"))).isNotNull();
        assertThat(catchThrowableOfType(InvalidValueException.class, () -> runs.search().pageSize(0)).field())
                .isEqualTo("pageSize");
    }

    @Test
    void countWithoutLoadingRowsAndComposableSelect() {
        Runs runs = sharedRuns();
        RunSearch succeeded = runs.where(status().eq(RunStatus.SUCCEEDED));
        long count = succeeded.count();
        assertThat(count).isEqualTo(succeeded.fetch().size());
        // the search's Select composes into other jOOQ queries
        var sub = succeeded.asSelect().asTable("s");
        assertThat(db().fetchCount(DSL.selectFrom(sub))).isEqualTo((int) count);
        assertThat(db().fetchCount(runs.where(status().eq(RunStatus.SUCCEEDED)).orderBy(RunOrder.asc(SortKey.LOSS)).asSelect()))
                .isEqualTo((int) count);
    }

    @Test
    void archivedRunsAreExcludedByDefault() {
        withRollback(r -> {
            Runs runs = r.runs();
            Run target = runs.search().orderBy(RunOrder.NEWEST_FIRST).fetch(1).get(0);
            long archived = runs.where(RunFilter.runId().eq(target.runId())).bulk().preview(1).archive();
            assertThat(archived).isEqualTo(1);
            assertThat(runs.search().count()).isEqualTo(19);
            assertThat(runs.search().includeArchived().count()).isEqualTo(20);
            assertThat(runs.search().fetch()).extracting(Run::runId).doesNotContain(target.runId());
            assertThat(runs.get(target.runId()).archivedAt()).isNotNull();
            return null;
        });
    }

    private static NewRun run(String model, String params) {
        return NewRun.builder().model(model).framework(Framework.JAX).experiment("e").dataset("d")
                .computeTarget("t").parameters(params).build();
    }

    private static List<UUID> ids(RunSearch search) {
        return search.fetch().stream().map(Run::runId).toList();
    }
}
