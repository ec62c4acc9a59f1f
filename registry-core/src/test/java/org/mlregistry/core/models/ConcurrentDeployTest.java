package org.mlregistry.core.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.error.TrafficLimitExceededException;

/** Deploys in separate, committed transactions: the 100 % traffic limit holds under concurrency. */
class ConcurrentDeployTest extends CommittedModelsTest {

    private ModelVersion[] twoValidatedVersions() {
        ModelRegistry models = committed();
        Model m = model(models);
        created.add(m);
        return new ModelVersion[] {validated(models, m, "1.0.0"), validated(models, m, "2.0.0")};
    }

    private Object deployCatching(ModelVersion v, int traffic) {
        try {
            return committed().deployments().deploy(NewDeployment.of(v.versionId(), "canary", traffic));
        } catch (RuntimeException e) {
            return e;
        }
    }

    @Test
    void secondDeployWaitsForTheFirstAndIsRefused() throws Exception {
        ModelVersion[] v = twoValidatedVersions();
        CountDownLatch firstInserted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Deployment> first = pool.submit(() -> db().transactionResult(c -> {
            Deployment d = Registry.configure().dsl(c.dsl()).load().models().actor(ACTOR)
                    .deployments().deploy(NewDeployment.of(v[0].versionId(), "canary", 60));
            firstInserted.countDown();
            release.await(20, TimeUnit.SECONDS);
            return d; // commits on return
        }));
        assertThat(firstInserted.await(20, TimeUnit.SECONDS)).isTrue();
        Future<Object> second = pool.submit(() -> deployCatching(v[1], 60));
        awaitABackendWaitingForALock();
        assertThat(second.isDone()).as("second deploy must wait for the model lock").isFalse();
        release.countDown();
        assertThat(first.get(20, TimeUnit.SECONDS).trafficPercentage()).isEqualTo(60);
        Object outcome = second.get(20, TimeUnit.SECONDS);
        assertThat(outcome).isInstanceOf(TrafficLimitExceededException.class);
        assertThat(((TrafficLimitExceededException) outcome).alreadyAllocated()).isEqualTo(60);
        assertThat(committed().deployments().active(v[0].modelId(), "canary")).extracting(Deployment::versionId)
                .containsExactly(v[0].versionId());
    }

    /** Polls PostgreSQL's activity view until a backend of this database waits for a lock. */
    private static void awaitABackendWaitingForALock() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (((Number) db().fetchValue("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                + "AND datname = current_database()")).longValue() == 0) {
            assertThat(System.nanoTime()).as("no backend started waiting for a lock within 20 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void ofTwoSimultaneousDeploysOverLimitExactlyOneSucceeds() throws Exception {
        for (int round = 0; round < 5; round++) {
            ModelVersion[] v = twoValidatedVersions();
            CyclicBarrier start = new CyclicBarrier(2);
            Future<Object> a = pool.submit(() -> {
                start.await();
                return deployCatching(v[0], 70);
            });
            Future<Object> b = pool.submit(() -> {
                start.await();
                return deployCatching(v[1], 40);
            });
            List<Object> outcomes = List.of(a.get(20, TimeUnit.SECONDS), b.get(20, TimeUnit.SECONDS));
            assertThat(outcomes).filteredOn(o -> o instanceof Deployment).hasSize(1);
            assertThat(outcomes).filteredOn(o -> o instanceof TrafficLimitExceededException).hasSize(1);
            int total = committed().deployments().active(v[0].modelId(), "canary").stream()
                    .mapToInt(Deployment::trafficPercentage).sum();
            assertThat(total).isIn(70, 40);
        }
    }
}
