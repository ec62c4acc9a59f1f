package org.mlregistry.examples.reliability;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.mlregistry.core.models.Model;
import org.mlregistry.core.models.NewDeployment;
import org.mlregistry.core.models.NewModel;
import org.mlregistry.core.models.NewVersion;
import org.mlregistry.core.tracking.FinishedRun;
import org.mlregistry.core.tracking.Lease;
import org.mlregistry.core.tracking.Metrics;
import org.mlregistry.core.tracking.RunFilter;
import org.mlregistry.core.tracking.RunOrder;
import org.mlregistry.schema.types.ModelFramework;
import org.mlregistry.schema.types.RunStatus;

/**
 * Probes of the edges: null for every argument, timestamps and durations at their limits, forged
 * page tokens, a huge semantic version, malformed CSV and CSV rows that do what the API forbids.
 */
final class EdgeProbes {

    private final ValueProbes v;

    EdgeProbes(ValueProbes values) {
        this.v = values;
    }

    private static Probe nul(String entry, Callable<Object> call) {
        return Probe.refuses(entry + " (null)", null, call);
    }

    List<Probe> nulls() {
        UUID id = UUID.randomUUID();
        Duration minute = Duration.ofMinutes(1);
        Lease lease = Lease.of("o", minute);
        return List.of(
                nul("runs().submit", () -> v.r().runs().submit(null)),
                nul("runs().submitAll", () -> v.r().runs().submitAll(null)),
                nul("runs().get", () -> v.r().runs().get(null)),
                nul("runs().find", () -> v.r().runs().find(null)),
                nul("runs().start", () -> v.r().runs().start(null)),
                nul("runs().succeed: runId", () -> v.r().runs().succeed(null, Metrics.none())),
                nul("runs().succeed: metrics", () -> v.r().runs().succeed(v.queuedRun(), null)),
                nul("runs().fail: reason", () -> v.r().runs().fail(v.queuedRun(), null)),
                nul("runs().cancel: runId", () -> v.r().runs().cancel(null, "r")),
                nul("runs().timeout", () -> v.r().runs().timeout(null)),
                nul("runs().record", () -> v.r().runs().record(null)),
                nul("runs().addHours: runId", () -> v.r().runs().addHours(null, 1, 1)),
                nul("runs().mergeParameters: json", () -> v.r().runs().mergeParameters(v.queuedRun(), null)),
                nul("runs().appendNote: note", () -> v.r().runs().appendNote(v.queuedRun(), null)),
                nul("runs().cancelQueuedOlderThan", () -> v.r().runs().cancelQueuedOlderThan(null)),
                nul("runs().retention", () -> v.r().runs().retention(null)),
                nul("runs().where", () -> v.r().runs().where(null).count()),
                nul("runs().leases().claimNext: target", () -> v.r().runs().leases().claimNext(null, lease)),
                nul("runs().leases().claimNext: lease", () -> v.r().runs().leases().claimNext("t", null)),
                nul("runs().leases().heartbeat: extension", () -> v.r().runs().leases().heartbeat(id, "o", null)),
                nul("runs().leases().release: runId", () -> v.r().runs().leases().release(null, "o")),
                nul("runs().leases().owned", () -> v.r().runs().leases().owned(null)),
                nul("Lease.of: owner", () -> Lease.of(null, minute)),
                nul("Lease.of: duration", () -> Lease.of("o", null)),
                nul("NewRun: every field", () -> v.r().runs().submit(new org.mlregistry.core.tracking.NewRun(null, null, null, null, null, null, null))),
                nul("runs().tags().set: key", () -> v.r().runs().tags().set(v.queuedRun(), null, "v")),
                nul("runs().tags().set: value", () -> v.r().runs().tags().set(v.queuedRun(), "k", null)),
                nul("runs().experiments().create: name", () -> v.r().runs().experiments().create(null, "d")),
                nul("runs().experiments().get", () -> v.r().runs().experiments().get(null)),
                nul("runs().metrics().log: name", () -> v.r().runs().metrics().log(v.queuedRun(), null, 1, 1.0)),
                nul("runs().metrics().history: runId", () -> v.r().runs().metrics().history(null, "loss")),
                nul("runs().csv().importFrom: reader", () -> v.r().runs().csv().importFrom((java.io.Reader) null)),
                nul("runs().csv().importFrom: columns", () -> v.r().runs().csv().importFrom(new ByteArrayInputStream(new byte[0]), null)),
                nul("runs().csv().export: search", () -> v.r().runs().csv().export(null, new ByteArrayOutputStream())),
                nul("RunFilter.modelName().eq", () -> v.r().runs().where(RunFilter.modelName().eq(null)).count()),
                nul("RunFilter.createdWithin", () -> v.r().runs().where(RunFilter.createdWithin(null)).count()),
                nul("RunFilter.param", () -> v.r().runs().where(RunFilter.param(null).eq("x")).count()),
                nul("RunFilter.paramsContain", () -> v.r().runs().where(RunFilter.paramsContain(null)).count()),
                nul("RunFilter.tag", () -> v.r().runs().where(RunFilter.hasTag(null)).count()),
                nul("models().catalog().createModel", () -> v.r().models().actor("prober").catalog().createModel(null)),
                nul("NewModel.of: name", () -> v.r().models().actor("prober").catalog().createModel(NewModel.of(null, "d"))),
                nul("models().versions().register", () -> v.r().models().actor("prober").versions().register(null)),
                nul("models().versions().get", () -> v.r().models().versions().get(null)),
                nul("models().versions().validate: versionId", () -> v.r().models().actor("prober").versions().validate(null, "r")),
                nul("models().deployments().deploy", () -> v.r().models().actor("prober").deployments().deploy(null)),
                nul("NewDeployment.of: versionId", () -> v.r().models().actor("prober").deployments().deploy(NewDeployment.of(null, "canary", 10))),
                nul("models().deployments().undeploy", () -> v.r().models().actor("prober").deployments().undeploy(null)),
                nul("models().deployments().active: modelId", () -> v.r().models().deployments().active(null, "canary")),
                nul("models().audit().of", () -> v.r().models().audit().of(null)),
                nul("models().actor", () -> v.r().models().actor(null)),
                nul("migrations().flatRunsToRegistry().actor", () -> v.r().migrations().flatRunsToRegistry().actor(null)),
                nul("inTransaction", () -> v.r().inTransaction(null)));
    }

    List<Probe> timesAndDurations() {
        List<Probe> probes = new ArrayList<>();
        for (OffsetDateTime t : HostileValues.TIMES) {
            probes.add(Probe.stores("runs().record: created_at", t, () -> v.r().runs().get(v.r().runs().record(
                    FinishedRun.of(v.run().build(), RunStatus.SUCCEEDED).times(t, t, t)).runId()).createdAt()));
            probes.add(Probe.accepts("RunFilter.createdBetween", t, () -> v.r().runs().where(RunFilter.createdBetween(t, t.plusDays(1))).count()));
            probes.add(Probe.accepts("RunFilter.createdAt().gt", t, () -> v.r().runs().where(RunFilter.createdAt().gt(t)).count()));
        }
        for (Duration d : List.of(Duration.ofSeconds(Long.MAX_VALUE), Duration.ofSeconds(Long.MIN_VALUE), Duration.ZERO,
                Duration.ofMillis(-1))) {
            probes.add(Probe.accepts("RunFilter.createdWithin", d, () -> v.r().runs().where(RunFilter.createdWithin(d)).count()));
            probes.add(Probe.accepts("RunFilter.createdAt().olderThan", d, () -> v.r().runs().where(RunFilter.createdAt().olderThan(d)).count()));
            probes.add(Probe.accepts("runs().cancelQueuedOlderThan", d, () -> v.r().runs().cancelQueuedOlderThan(d)));
            probes.add(Probe.accepts("Lease.of: duration", d, () -> v.r().runs().leases().claimNext("hostile-empty", Lease.of("o", d))));
        }
        return probes;
    }

    List<Probe> tokensAndVersions() {
        List<Probe> probes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            v.queuedRun();
        }
        String real = v.r().runs().search().orderBy(RunOrder.NEWEST_FIRST).pageSize(1).fetchPage().nextToken().orElseThrow();
        byte[] bytes = Base64.getUrlDecoder().decode(real);
        bytes[bytes.length - 1] ^= 0x5a;
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("forged: an issued token with its last byte changed", forged);
        tokens.put("an issued token with \"x\" appended", real + "x");
        for (String token : List.of("garbage", "", "AAAA", "x".repeat(1024 * 1024))) {
            tokens.put(Probe.show(token), token);
        }
        tokens.forEach((shown, token) -> probes.add(new Probe("RunSearch.pageSize().after: token", shown,
                () -> v.r().runs().search().orderBy(RunOrder.NEWEST_FIRST).pageSize(1).after(token).fetchPage(), Probe.ANY, true)));
        Model model = v.r().models().actor("prober").catalog().createModel(NewModel.of(v.unique("semver"), "probe"));
        for (String semver : List.of(HostileValues.longPreRelease(), "1.0.0-" + "a".repeat(10 * 1024), "01.2.3",
                "1.2.3-" + ".".repeat(50), "99999999999999999999.0.0")) {
            probes.add(Probe.stores("models().versions().register: semver", semver, () -> v.r().models().actor("prober").versions()
                    .register(NewVersion.of(model.modelId(), semver, "s3://probe", ModelFramework.PYTORCH)).semver()));
        }
        return probes;
    }

    List<Probe> csv() {
        String header = String.join(",", v.r().runs().csv().columns());
        String future = "2999-01-01T00:00:00Z";
        List<Probe> probes = new ArrayList<>();
        for (String text : List.of("garbage", header + "\n\"unterminated", "model_name\nx", header + "\n" + ",".repeat(40),
                "\u0000\u0001binary")) {
            probes.add(Probe.refuses("runs().csv().importFrom: malformed", text,
                    () -> v.r().runs().csv().importFrom(new StringReader(text))));
        }
        List<String> columns = List.of("model_name", "framework", "experiment_name", "dataset", "compute_target", "status",
                "created_at", "started_at", "completed_at", "created_by", "archived_at");
        String cols = String.join(",", columns);
        for (String row : List.of(
                "m,pytorch," + v.unique("csv") + ",d,t,running,2026-01-01T00:00:00Z," + future + ",,,",
                "m,pytorch," + v.unique("csv") + ",d,t,queued,2026-01-01T00:00:00Z,,,someone_else,",
                "m,pytorch," + v.unique("csv") + ",d,t,queued,2026-01-01T00:00:00Z,,,,2026-01-01T00:00:00Z",
                "m,pytorch," + v.unique("csv") + ",d,t,succeeded,1900-01-01T00:00:00Z,1900-01-01T00:00:00Z,1900-01-02T00:00:00Z,,")) {
            probes.add(Probe.refuses("runs().csv().importFrom: forbidden row", row, () -> v.r().runs().csv().importFrom(
                    new ByteArrayInputStream((cols + "\n" + row + "\n").getBytes(StandardCharsets.UTF_8)), columns)));
        }
        probes.add(new Probe("RunSearch.exportCsv: hostile filter (rows exported)", "\"\\' OR 1=1 --\"", () -> {
            StringWriter out = new StringWriter();
            return v.r().runs().where(RunFilter.modelName().eq("\\' OR 1=1 --").and(RunFilter.notes().eq(") OR true --")))
                    .exportCsv(out);
        }, 0L, false));
        return probes;
    }
}
