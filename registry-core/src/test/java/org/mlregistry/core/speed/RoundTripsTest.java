package org.mlregistry.core.speed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.models.Model;
import org.mlregistry.core.models.ModelRegistry;
import org.mlregistry.core.models.ModelVersion;
import org.mlregistry.core.models.NewDeployment;
import org.mlregistry.core.models.NewModel;
import org.mlregistry.core.models.NewVersion;
import org.mlregistry.core.speed.CountingDataSource.Counts;
import org.mlregistry.core.tracking.Lease;
import org.mlregistry.core.tracking.Metrics;
import org.mlregistry.core.tracking.NewRun;
import org.mlregistry.core.tracking.Run;
import org.mlregistry.schema.RegistrySchema;
import org.mlregistry.schema.TestDatabase;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.ModelFramework;

/**
 * Statements and round trips per API operation, counted at the JDBC connection (stable, unlike
 * times): a write of one atomic statement is one round trip (no {@code BEGIN}, timeout setup or
 * {@code COMMIT} of its own), a read is one, and a deploy stays within its bound.
 */
class RoundTripsTest {

    private static CountingDataSource db;
    private static Registry registry;

    @BeforeAll
    static void database() {
        DataSource ds = TestDatabase.freshDatabase();
        RegistrySchema.configure().dataSource(ds).load().migrate();
        db = new CountingDataSource(ds);
        registry = Registry.configure().dataSource(db.dataSource()).load();
    }

    private static NewRun newRun(String target) {
        return NewRun.builder().model("m-" + UUID.randomUUID().toString().substring(0, 8)).framework(Framework.PYTORCH)
                .experiment("exp").dataset("ds").computeTarget(target).parameters("{}").build();
    }

    private static Counts counted(Runnable operation) {
        return db.of(operation);
    }

    @Test
    void theRunLifecycleIsOneRoundTripPerStep() {
        String target = "rt-" + UUID.randomUUID();
        Run[] run = new Run[1];
        assertThat(counted(() -> run[0] = registry.runs().submit(newRun(target)))).isEqualTo(new Counts(1, 1));
        assertThat(counted(() -> registry.runs().claimNext(target).orElseThrow())).isEqualTo(new Counts(1, 1));
        assertThat(counted(() -> registry.runs().appendNote(run[0].runId(), "halfway"))).isEqualTo(new Counts(1, 1));
        assertThat(counted(() -> registry.runs().succeed(run[0].runId(), Metrics.none().withAccuracy(0.9))))
                .isEqualTo(new Counts(1, 1));
        assertThat(counted(() -> registry.runs().get(run[0].runId()))).isEqualTo(new Counts(1, 1));
    }

    @Test
    void aLeasedClaimAndItsHeartbeatAreOneRoundTripEach() {
        String target = "rt-" + UUID.randomUUID();
        registry.runs().submit(newRun(target));
        Lease lease = Lease.of("worker-1", Duration.ofMinutes(5));
        UUID[] claimed = new UUID[1];
        assertThat(counted(() -> claimed[0] = registry.runs().leases().claimNext(target, lease).orElseThrow().run().runId()))
                .isEqualTo(new Counts(1, 1));
        assertThat(counted(() -> registry.runs().leases().heartbeat(claimed[0], "worker-1", Duration.ofMinutes(5))))
                .isEqualTo(new Counts(1, 1));
    }

    @Test
    void anEmptyQueueCostsOneMoreStatementToCheckTheIsolationLevel() {
        assertThat(counted(() -> assertThat(registry.runs().claimNext("rt-empty-" + UUID.randomUUID())).isEmpty()))
                .isEqualTo(new Counts(2, 2));
    }

    @Test
    void aRefusedTransitionReadsTheRunToSayWhy() {
        Run run = registry.runs().submit(newRun("rt-" + UUID.randomUUID()));
        assertThat(counted(() -> {
            try {
                registry.runs().succeed(run.runId(), Metrics.none());
            } catch (org.mlregistry.core.error.InvalidTransitionException expected) {
                // the run is queued, not running
            }
        })).isEqualTo(new Counts(2, 2));
    }

    @Test
    void registryWritesWithTheirAuditRowAreOneRoundTripEach() {
        ModelRegistry models = registry.models().actor("alice");
        Model[] model = new Model[1];
        ModelVersion[] version = new ModelVersion[1];
        assertThat(counted(() -> model[0] = models.catalog().createModel(
                NewModel.of("rt-" + UUID.randomUUID().toString().substring(0, 8), "Round trips"))))
                .isEqualTo(new Counts(1, 1));
        assertThat(counted(() -> version[0] = models.versions().register(NewVersion.of(model[0].modelId(), "1.0.0",
                "s3://models/rt/1.0.0", ModelFramework.XGBOOST)))).isEqualTo(new Counts(1, 1));
        models.versions().validate(version[0].versionId(), "offline evaluation passed");
        Counts deploy = counted(() -> models.deployments().deploy(NewDeployment.of(version[0].versionId(), "staging", 100)));
        // isolation level (carrying the timeouts), environment, the version's model found and locked,
        // version, approvals, traffic, insert + audit, version status; then COMMIT
        assertThat(deploy).isEqualTo(new Counts(8, 9));
    }
}
