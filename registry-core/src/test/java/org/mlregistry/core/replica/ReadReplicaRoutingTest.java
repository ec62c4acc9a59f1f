package org.mlregistry.core.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.models.AuditEntry;
import org.mlregistry.core.models.Model;
import org.mlregistry.core.models.NewModel;
import org.mlregistry.core.tracking.NewRun;
import org.mlregistry.core.tracking.Run;
import org.mlregistry.core.tracking.RunFilter;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.RiskLevel;
import org.mlregistry.testing.database.StandbyPair;

/**
 * Read routing on a real streaming standby: a paused replay makes the standby show an older state
 * than the primary, so what a read returns tells which server answered it.
 */
class ReadReplicaRoutingTest {

    private final StandbyPair pair = ReplicaPair.pair();

    @AfterEach
    void standbyRunningAndCaughtUp() {
        pair.startStandby();
        pair.awaitReplay();
    }

    @Test
    void aSearchIsServedByTheReplica() {
        Registry registry = ReplicaPair.registry(ReplicaPair.checkedEveryRead());
        String model = uniqueModel();
        pair.pauseReplay();

        registry.runs().submit(run(model));
        pair.awaitReceipt();

        assertThat(registry.runs().where(RunFilter.modelName().eq(model)).count()).isZero();
        assertThat(countOnPrimary(model)).isEqualTo(1);
    }

    @Test
    void aSearchPinnedToThePrimarySeesTheLatestCommit() {
        Registry registry = ReplicaPair.registry(ReplicaPair.checkedEveryRead());
        String model = uniqueModel();
        pair.pauseReplay();

        registry.runs().submit(run(model));

        assertThat(registry.onPrimary().runs().where(RunFilter.modelName().eq(model)).count()).isEqualTo(1);
    }

    @Test
    void anAuditQueryIsServedByTheReplica() {
        Registry registry = ReplicaPair.registry(ReplicaPair.checkedEveryRead());
        Model model = registry.models().actor("alice").catalog().createModel(NewModel.of(uniqueModel(), "Replica audit"));
        pair.awaitReplay();
        pair.pauseReplay();

        registry.models().actor("alice").catalog().classifyModel(model.modelId(), RiskLevel.HIGH, true);
        pair.awaitReceipt();

        List<AuditEntry> onReplica = registry.models().audit().ofModel(model.modelId(), 50).entries();
        List<AuditEntry> onPrimary = registry.onPrimary().models().audit().ofModel(model.modelId(), 50).entries();
        assertThat(onPrimary).hasSize(onReplica.size() + 1);
    }

    @Test
    void readYourWritesFallsBackToThePrimaryWhileTheReplicaHasNotReplayedTheWrite() {
        Registry registry = ReplicaPair.registry(ReplicaPair.checkedEveryRead().readYourWritesWait(Duration.ofMillis(200)));
        Registry mine = registry.readYourWrites();
        String model = uniqueModel();
        pair.pauseReplay();

        mine.runs().submit(run(model));
        pair.awaitReceipt();

        assertThat(mine.runs().where(RunFilter.modelName().eq(model)).count()).isEqualTo(1);
        assertThat(registry.runs().where(RunFilter.modelName().eq(model)).count()).isZero();
    }

    @Test
    void readYourWritesReadsFromTheReplicaOnceItReplayedTheWrite() {
        Registry registry = ReplicaPair.registry(ReplicaPair.checkedEveryRead());
        Registry mine = registry.readYourWrites();
        String mineModel = uniqueModel();
        String othersModel = uniqueModel();
        mine.runs().submit(run(mineModel));
        pair.awaitReplay();
        pair.pauseReplay();

        registry.runs().submit(run(othersModel));
        pair.awaitReceipt();

        // the primary shows both runs; the replica has replayed this view's write but not the later one
        RunFilter both = RunFilter.modelName().in(List.of(mineModel, othersModel));
        assertThat(mine.runs().where(both).count()).isEqualTo(1);
        assertThat(mine.onPrimary().runs().where(both).count()).isEqualTo(2);
    }

    @Test
    void aReplicaLaggingBeyondTheBoundIsSkipped() {
        Registry registry = ReplicaPair.registry(ReplicaPair.checkedEveryRead().maxLag(Duration.ofMillis(1)));
        String model = uniqueModel();
        pair.pauseReplay();

        registry.runs().submit(run(model));
        pair.awaitReceipt();
        awaitStandbyLagOver(Duration.ofMillis(1));

        assertThat(registry.runs().where(RunFilter.modelName().eq(model)).count()).isEqualTo(1);
    }

    @Test
    void aStoppedReplicaIsSkippedWithoutAnError() {
        Registry registry = ReplicaPair.registry(ReplicaPair.checkedEveryRead());
        String model = uniqueModel();
        pair.stopStandby();

        registry.runs().submit(run(model));

        assertThat(registry.runs().where(RunFilter.modelName().eq(model)).count()).isEqualTo(1);
        assertThat(registry.readYourWrites().runs().where(RunFilter.modelName().eq(model)).count()).isEqualTo(1);
    }

    @Test
    void readsInsideATransactionRunOnThePrimaryAndSeeItsUncommittedWrite() {
        Registry registry = ReplicaPair.registry(ReplicaPair.checkedEveryRead());
        String model = uniqueModel();

        long seen = registry.inTransaction(ctx -> {
            registry.runs().submit(run(model));
            return registry.runs().where(RunFilter.modelName().eq(model)).count();
        });

        assertThat(seen).isEqualTo(1);
    }

    @Test
    void writesAndClaimsGoToThePrimary() {
        Registry registry = ReplicaPair.registry(ReplicaPair.checkedEveryRead());
        String model = uniqueModel();
        String target = "replica-target-" + UUID.randomUUID().toString().substring(0, 8);

        registry.runs().submit(NewRun.builder().model(model).framework(Framework.PYTORCH).experiment("exp-replica")
                .dataset("ds-replica").computeTarget(target).build());
        boolean claimed = registry.readYourWrites().runs().claimNext(target).isPresent();

        assertThat(claimed).isTrue();
        assertThat(sql(pair.primary()).fetchValue(
                "SELECT count(*) FROM tracking.training_runs WHERE model_name = ? AND status = 'running'", model)).isEqualTo(1L);
    }

    @Test
    void theReadmeExampleReadsItsOwnWriteAndPinsToThePrimary() {
        DataSource primary = pair.primary();
        DataSource replica = pair.standby();
        NewRun newRun = run(uniqueModel());

        Registry registry = Registry.configure().dataSource(primary)
                .readReplicas(ReadReplicas.of(List.of(replica)).maxLag(Duration.ofSeconds(2)))
                .load();
        Registry mine = registry.readYourWrites();
        Run run = mine.runs().submit(newRun);
        long count = mine.runs().where(RunFilter.modelName().eq(newRun.modelName())).count();
        long latest = registry.onPrimary().runs().search().count();

        assertThat(run.modelName()).isEqualTo(newRun.modelName());
        assertThat(count).isEqualTo(1);
        assertThat(latest).isEqualTo((Long) sql(primary).fetchValue("SELECT count(*) FROM tracking.training_runs WHERE archived_at IS NULL"));
    }

    @Test
    void negativeBoundsAreRefusedByField() {
        assertThatThrownBy(() -> ReadReplicas.of(List.of()).maxLag(Duration.ofSeconds(-1)))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.field()).isEqualTo("maxLag");
                    assertThat(e.rule()).isEqualTo("must be zero or positive");
                });
    }

    @Test
    void replicasNeedThePrimaryAsADataSource() {
        Registry.Builder builder = Registry.configure().dsl(DSL.using(SQLDialect.POSTGRES)).readReplicas(List.of());

        assertThatThrownBy(builder::load).isInstanceOf(IllegalStateException.class).hasMessageContaining("readReplicas");
    }

    private long countOnPrimary(String model) {
        return (Long) sql(pair.primary()).fetchValue("SELECT count(*) FROM tracking.training_runs WHERE model_name = ?", model);
    }

    /** Polls the standby's own view of its replay lag (it grows while replay stands still), bounded. */
    private void awaitStandbyLagOver(Duration bound) {
        DSLContext standby = sql(pair.standby());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!(Boolean) standby.fetchValue("SELECT clock_timestamp() - pg_last_xact_replay_timestamp() > ?::interval",
                bound.toMillis() + " milliseconds")) {
            assertThat(System.nanoTime()).as("standby lag still within " + bound).isLessThan(deadline);
        }
    }

    private static DSLContext sql(DataSource dataSource) {
        return DSL.using(dataSource, SQLDialect.POSTGRES);
    }

    private static String uniqueModel() {
        return "replica-" + UUID.randomUUID().toString().substring(0, 12);
    }

    private static NewRun run(String model) {
        return NewRun.builder().model(model).framework(Framework.PYTORCH).experiment("exp-replica")
                .dataset("ds-replica").computeTarget("target-replica").build();
    }
}
