package org.mlregistry.examples.reliability;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.mlregistry.core.Registry;
import org.mlregistry.core.models.Model;
import org.mlregistry.core.models.NewDeployment;
import org.mlregistry.core.models.NewModel;
import org.mlregistry.core.tracking.FinishedRun;
import org.mlregistry.core.tracking.Lease;
import org.mlregistry.core.tracking.Metrics;
import org.mlregistry.core.tracking.NewRun;
import org.mlregistry.core.tracking.RunFilter;
import org.mlregistry.core.tracking.RunTag;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.RunStatus;

/**
 * Probes of {@link HostileValues}' texts and numbers at every entry point that takes a text or a
 * number: each stores the value and reads it back, or searches with it.
 */
final class ValueProbes {

    private final WorkerConnection connection;
    private final AtomicInteger serial = new AtomicInteger();

    ValueProbes(WorkerConnection connection) {
        this.connection = connection;
    }

    Registry r() {
        try {
            return connection.registry();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid run no other probe's run collides with. */
    NewRun.Builder run() {
        return NewRun.builder().model("hostile").framework(Framework.PYTORCH).experiment("probe-" + serial.incrementAndGet())
                .dataset("ds").computeTarget("hostile");
    }

    UUID queuedRun() {
        return r().runs().submit(run().build()).runId();
    }

    String unique(String prefix) {
        return prefix + "-" + serial.incrementAndGet();
    }

    List<Probe> texts() {
        List<Probe> probes = new ArrayList<>();
        for (String t : HostileValues.TEXTS) {
            probes.add(Probe.stores("runs().submit: model_name", t, () -> r().runs().get(r().runs().submit(run().model(t).build()).runId()).modelName()));
            probes.add(Probe.stores("runs().submit: experiment_name", t, () -> r().runs().get(r().runs().submit(run().experiment(t).build()).runId()).experimentName()));
            probes.add(Probe.stores("runs().submit: dataset", t, () -> r().runs().get(r().runs().submit(run().dataset(t).build()).runId()).dataset()));
            probes.add(Probe.stores("runs().submit: compute_target", t, () -> r().runs().get(r().runs().submit(run().computeTarget(t).build()).runId()).computeTarget()));
            probes.add(Probe.stores("runs().submit: notes", t, () -> r().runs().get(r().runs().submit(run().notes(t).build()).runId()).notes()));
            probes.add(Probe.stores("runs().tags().set: key", t, () -> tagRead(t, "v", true)));
            probes.add(Probe.stores("runs().tags().set: value", t, () -> tagRead("k", t, false)));
            probes.add(Probe.stores("runs().experiments().create: name", t, () -> r().runs().experiments().get(r().runs().experiments().create(t, "probe").name()).name()));
            probes.add(Probe.stores("models().catalog().createModel: name", t, () -> r().models().actor("prober").catalog().model(
                    r().models().actor("prober").catalog().createModel(NewModel.of(t, "probe")).modelName()).map(Model::modelName).orElse(null)));
            probes.add(Probe.stores("models().catalog().createModel: display_name", t, () -> {
                String name = unique("m");
                r().models().actor("prober").catalog().createModel(NewModel.of(name, t));
                return r().models().catalog().model(name).map(Model::displayName).orElse(null);
            }));
            probes.add(Probe.accepts("models().actor", t, () -> {
                r().models().actor(t).catalog().createModel(NewModel.of(unique("m"), "probe"));
                return t;
            }));
            probes.add(Probe.accepts("RunFilter.modelName().eq", t, () -> r().runs().where(RunFilter.modelName().eq(t)).count()));
            probes.add(Probe.accepts("RunFilter.notes().like", t, () -> r().runs().where(RunFilter.notes().like(t)).count()));
            probes.add(Probe.accepts("runs().leases().claimNext: owner", t, () -> r().runs().leases().claimNext("hostile-empty", Lease.of(t, Duration.ofMinutes(1)))));
            probes.add(Probe.refuses("models().deployments().deploy: environment", t, () -> r().models().actor("prober").deployments()
                    .deploy(NewDeployment.of(UUID.randomUUID(), t, 10))));
            probes.add(Probe.refuses("runs().mergeParameters: json", t, () -> r().runs().mergeParameters(queuedRun(), t)));
        }
        return probes;
    }

    private Object tagRead(String key, String value, boolean readKey) {
        UUID run = queuedRun();
        r().runs().tags().set(run, key, value);
        List<RunTag> tags = r().runs().tags().of(run);
        return tags.isEmpty() ? null : readKey ? tags.get(0).key() : tags.get(0).value();
    }

    List<Probe> numbers() {
        List<Probe> probes = new ArrayList<>();
        for (double x : HostileValues.NUMBERS) {
            probes.add(Probe.stores("runs().record: accuracy", x, () -> r().runs().get(r().runs().record(
                    FinishedRun.of(run().build(), RunStatus.SUCCEEDED).metrics(Metrics.none().withAccuracy(x))).runId()).accuracy()));
            probes.add(Probe.stores("runs().record: gpu_hours", x, () -> r().runs().get(r().runs().record(
                    FinishedRun.of(run().build(), RunStatus.SUCCEEDED).hours(x, 0)).runId()).gpuHours()));
            probes.add(Probe.stores("runs().addHours: gpu_hours", x, () -> {
                UUID id = r().runs().record(FinishedRun.of(run().build(), RunStatus.SUCCEEDED)).runId();
                return r().runs().addHours(id, x, 0).gpuHours();
            }));
            probes.add(Probe.accepts("RunFilter.accuracy().ge", x, () -> r().runs().where(RunFilter.accuracy().ge(x)).count()));
            probes.add(Probe.stores("runs().metrics().log: value", x, () -> r().runs().metrics().log(queuedRun(), "loss", 1, x).value()));
        }
        for (long step : new long[] {-1, Long.MAX_VALUE, Long.MIN_VALUE}) {
            probes.add(Probe.stores("runs().metrics().log: step", step, () -> r().runs().metrics().log(queuedRun(), "loss", step, 0.5).step()));
        }
        for (int n : new int[] {-1, 101, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            probes.add(Probe.refuses("NewDeployment: traffic_percentage", n, () -> r().models().actor("prober").deployments()
                    .deploy(NewDeployment.of(UUID.randomUUID(), "canary", n))));
            probes.add(Probe.refuses("Lease: max_attempts", n > 0 ? 0 : n, () -> Lease.of("o", Duration.ofMinutes(1)).withMaxAttempts(n > 0 ? 0 : n)));
            probes.add(Probe.refuses("NewDeployment: replicas", n > 0 ? 0 : n, () -> r().models().actor("prober").deployments()
                    .deploy(new NewDeployment(UUID.randomUUID(), "canary", n > 0 ? 0 : n, 10, null))));
        }
        return probes;
    }
}
