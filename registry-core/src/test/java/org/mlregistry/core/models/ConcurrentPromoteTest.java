package org.mlregistry.core.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.error.ConcurrentChangeException;

/**
 * Promotes in separate, committed transactions on separate connections: of two concurrent
 * promotes of different versions exactly one wins, the traffic never exceeds 100 %, and a promote
 * whose connection is killed midway leaves the previous state whole.
 */
class ConcurrentPromoteTest extends CommittedModelsTest {

    /** A model whose 1.0.0 serves 100 % in canary, and validated versions 2.0.0 and 3.0.0. */
    private ModelVersion[] servingModel() {
        ModelRegistry models = committed();
        Model m = model(models);
        created.add(m);
        ModelVersion[] v = {validated(models, m, "1.0.0"), validated(models, m, "2.0.0"), validated(models, m, "3.0.0")};
        models.deployments().deploy(NewDeployment.of(v[0].versionId(), "canary", 100));
        return v;
    }

    /** Promotes on a connection of its own; returns the serving deployments or the exception. */
    private static Object promoteCatching(ModelVersion v, CompletableFuture<Integer> pid) {
        try (Connection c = dataSource().getConnection()) {
            var ctx = DSL.using(c, SQLDialect.POSTGRES);
            pid.complete(ctx.fetchSingle("SELECT pg_backend_pid()").get(0, Integer.class));
            return Registry.configure().dsl(ctx).load().models().actor(ACTOR).rollouts().promote(v.versionId(), "canary");
        } catch (Exception e) {
            return e;
        }
    }

    /** Holds a row lock on a connection of its own until the connection's transaction ends. */
    private static Connection holding(String lockingSelect, UUID id) throws Exception {
        Connection c = dataSource().getConnection();
        c.setAutoCommit(false);
        try (PreparedStatement s = c.prepareStatement(lockingSelect)) {
            s.setObject(1, id);
            s.executeQuery().close();
        }
        return c;
    }

    private static void awaitBackendsWaitingForALock(int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (((Number) db().fetchValue("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                + "AND datname = current_database()")).longValue() < count) {
            assertThat(System.nanoTime()).as(count + " backends waiting for a lock within 20 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    /** The model's deployments, version statuses and audit rows, by hand-written SQL. */
    private static List<String> state(UUID modelId) {
        List<String> state = new ArrayList<>(db().fetch("SELECT d.deployment_id || ' ' || v.semver || ' ' || d.status || ' ' "
                        + "|| d.traffic_percentage || ' ' || coalesce(d.undeployed_by, '-') FROM registry.deployments d "
                        + "JOIN registry.model_versions v ON v.version_id = d.version_id WHERE v.model_id = ? ORDER BY 1", modelId)
                .getValues(0, String.class));
        state.addAll(db().fetch("SELECT semver || ' ' || status || ' ' || coalesce(promoted_to_production_at::text, '-') "
                + "FROM registry.model_versions WHERE model_id = ? ORDER BY 1", modelId).getValues(0, String.class));
        state.add("audit rows " + db().fetchValue("SELECT count(*) FROM registry.audit_log a WHERE a.entity_id IN "
                + "(SELECT version_id FROM registry.model_versions WHERE model_id = ? UNION ALL SELECT d.deployment_id "
                + "FROM registry.deployments d JOIN registry.model_versions v USING (version_id) WHERE v.model_id = ?)", modelId, modelId));
        return state;
    }

    private static List<String> serving(UUID modelId) {
        return db().fetch("SELECT v.semver || '@' || d.traffic_percentage FROM registry.deployments d "
                        + "JOIN registry.model_versions v ON v.version_id = d.version_id "
                        + "WHERE v.model_id = ? AND d.status IN ('active', 'degraded') ORDER BY 1", modelId)
                .getValues(0, String.class);
    }

    @Test
    void ofTwoPromotesOfDifferentVersionsThatWaitedTogetherExactlyOneWins() throws Exception {
        ModelVersion[] v = servingModel();
        UUID modelId = v[0].modelId();
        Object[] outcomes;
        try (Connection holder = holding("SELECT 1 FROM registry.models WHERE model_id = ? FOR UPDATE", modelId)) {
            Future<Object> two = pool.submit(() -> promoteCatching(v[1], new CompletableFuture<>()));
            Future<Object> three = pool.submit(() -> promoteCatching(v[2], new CompletableFuture<>()));
            // both have read the serving set (1.0.0@100) and wait for the model's lock
            awaitBackendsWaitingForALock(2);
            holder.rollback();
            outcomes = new Object[] {two.get(20, TimeUnit.SECONDS), three.get(20, TimeUnit.SECONDS)};
        }
        List<Object> wins = List.of(outcomes).stream().filter(o -> o instanceof List).toList();
        List<Object> refusals = List.of(outcomes).stream().filter(o -> o instanceof ConcurrentChangeException).toList();
        assertThat(wins).hasSize(1);
        assertThat(refusals).hasSize(1);
        String winner = outcomes[0] instanceof List ? "2.0.0" : "3.0.0";
        assertThat(serving(modelId)).containsExactly(winner + "@100");
        ConcurrentChangeException refused = (ConcurrentChangeException) refusals.get(0);
        assertThat(refused.modelId()).isEqualTo(modelId);
        assertThat(refused.environment()).isEqualTo("canary");
        assertThat(refused.expected()).hasSize(1).allMatch(s -> s.endsWith("@100"));
        assertThat(refused.found()).isNotEqualTo(refused.expected());
        assertThat(db().fetch("SELECT semver || ':' || status FROM registry.model_versions WHERE model_id = ? ORDER BY semver", modelId)
                .getValues(0, String.class)).containsExactly("1.0.0:validated",
                        "2.0.0:" + ("2.0.0".equals(winner) ? "deployed" : "validated"),
                        "3.0.0:" + ("3.0.0".equals(winner) ? "deployed" : "validated"));
    }

    @Test
    void simultaneousPromotesNeverAllocateMoreThanAllTheTraffic() throws Exception {
        for (int round = 0; round < 5; round++) {
            ModelVersion[] v = servingModel();
            CyclicBarrier start = new CyclicBarrier(2);
            Future<Object> a = pool.submit(() -> {
                start.await();
                return promoteCatching(v[1], new CompletableFuture<>());
            });
            Future<Object> b = pool.submit(() -> {
                start.await();
                return promoteCatching(v[2], new CompletableFuture<>());
            });
            List<Object> outcomes = List.of(a.get(20, TimeUnit.SECONDS), b.get(20, TimeUnit.SECONDS));
            assertThat(outcomes).allMatch(o -> o instanceof List || o instanceof ConcurrentChangeException);
            assertThat(outcomes).filteredOn(o -> o instanceof List).isNotEmpty();
            assertThat(serving(v[0].modelId())).hasSize(1).allMatch(s -> s.endsWith("@100") && !s.startsWith("1.0.0"));
        }
    }

    @Test
    void aPromoteKilledMidwayLeavesThePreviousStateWhole() throws Exception {
        ModelVersion[] v = servingModel();
        UUID modelId = v[0].modelId();
        List<String> before = state(modelId);
        CompletableFuture<Integer> pid = new CompletableFuture<>();
        Object outcome;
        // the promote ends 1.0.0's deployment and starts 2.0.0's, then waits to set 1.0.0's status
        try (Connection holder = holding("SELECT 1 FROM registry.model_versions WHERE version_id = ? FOR UPDATE", v[0].versionId())) {
            Future<Object> promote = pool.submit(() -> promoteCatching(v[1], pid));
            int backend = pid.get(20, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!"Lock".equals(db().fetchValue("SELECT wait_event_type FROM pg_stat_activity WHERE pid = ?", backend))) {
                assertThat(System.nanoTime()).as("the promote waits for the version's row within 20 s").isLessThan(deadline);
                Thread.onSpinWait();
            }
            assertThat(db().fetchValue("SELECT count(*) FROM pg_locks WHERE pid = ? AND relation = 'registry.models'::regclass "
                    + "AND granted", backend)).as("the promote holds the model's lock").isNotEqualTo(0L);
            assertThat((Boolean) db().fetchValue("SELECT pg_terminate_backend(?)", backend)).isTrue();
            outcome = promote.get(20, TimeUnit.SECONDS);
            holder.rollback();
        }
        assertThat(outcome).isInstanceOf(RuntimeException.class);
        assertThat(state(modelId)).isEqualTo(before);
        // the lock died with the connection: the next promote goes through
        committed().rollouts().promote(v[1].versionId(), "canary");
        assertThat(serving(modelId)).containsExactly("2.0.0@100");
    }
}
