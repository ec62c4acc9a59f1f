package org.mlregistry.core.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlregistry.schema.jooq.registry.Tables.MODEL_ALIASES;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;

/** Concurrent sets of one alias, in separate committed transactions on separate connections. */
class AliasRaceTest extends CommittedModelsTest {

    private ModelVersion[] twoVersions() {
        ModelRegistry models = committed();
        Model m = model(models);
        created.add(m);
        return new ModelVersion[] {version(models, m, "1.0.0"), version(models, m, "2.0.0")};
    }

    @Test
    void aSetWaitsForAConcurrentFirstSetOfTheSameAliasAndThenMovesIt() throws Exception {
        ModelVersion[] v = twoVersions();
        CountDownLatch firstInserted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<ModelAlias> first = pool.submit(() -> db().transactionResult(c -> {
            ModelAlias a = Registry.configure().dsl(c.dsl()).load().models().actor(ACTOR)
                    .aliases().set(v[0].modelId(), "champion", v[0].versionId());
            firstInserted.countDown();
            release.await(20, TimeUnit.SECONDS);
            return a; // commits on return
        }));
        assertThat(firstInserted.await(20, TimeUnit.SECONDS)).isTrue();
        Future<ModelAlias> second = pool.submit(() -> committed().aliases().set(v[1].modelId(), "champion", v[1].versionId()));
        awaitABackendWaitingForALock();
        assertThat(second.isDone()).as("the second set must wait for the first one's row").isFalse();
        release.countDown();

        assertThat(first.get(20, TimeUnit.SECONDS).previousVersionId()).isNull();
        ModelAlias moved = second.get(20, TimeUnit.SECONDS);
        assertThat(moved.versionId()).isEqualTo(v[1].versionId());
        assertThat(moved.previousVersionId()).isEqualTo(v[0].versionId());
        assertThat(AliasesTest.aliasAudit(committed(), created.get(0))).extracting(AuditEntry::action, AuditEntry::before)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("alias.set", null),
                        org.assertj.core.groups.Tuple.tuple("alias.move", AliasesTest.state("champion", v[0])));
    }

    @Test
    void ofTwoSimultaneousSetsBothSucceedOneRowRemainsAndTheAuditChainsThem() throws Exception {
        for (int round = 0; round < 5; round++) {
            ModelVersion[] v = twoVersions();
            Model m = created.get(created.size() - 1);
            CyclicBarrier start = new CyclicBarrier(2);
            Future<ModelAlias> a = pool.submit(() -> {
                start.await();
                return committed().aliases().set(m.modelId(), "champion", v[0].versionId());
            });
            Future<ModelAlias> b = pool.submit(() -> {
                start.await();
                return committed().aliases().set(m.modelId(), "champion", v[1].versionId());
            });
            ModelAlias ra = a.get(20, TimeUnit.SECONDS);
            ModelAlias rb = b.get(20, TimeUnit.SECONDS);

            ModelAlias last = ra.previousVersionId() == null ? rb : ra;
            ModelAlias firstSet = last == ra ? rb : ra;
            assertThat(firstSet.previousVersionId()).isNull();
            assertThat(last.previousVersionId()).isEqualTo(firstSet.versionId());
            assertThat(db().fetchCount(MODEL_ALIASES, MODEL_ALIASES.MODEL_ID.eq(m.modelId()))).isEqualTo(1);
            assertThat(committed().aliases().resolve(m.modelId(), "champion").orElseThrow().versionId())
                    .isEqualTo(last.versionId());
            List<AuditEntry> audit = AliasesTest.aliasAudit(committed(), m);
            assertThat(audit).extracting(AuditEntry::action).containsExactly("alias.set", "alias.move");
            assertThat(audit.get(1).before()).isEqualTo(audit.get(0).after());
        }
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
}
