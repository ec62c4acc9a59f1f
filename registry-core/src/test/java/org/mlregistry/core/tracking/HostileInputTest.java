package org.mlregistry.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jooq.DSLContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlregistry.core.Registry;
import org.mlregistry.core.error.CsvRowRefusedException;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.models.ModelRegistry;
import org.mlregistry.core.models.NewModel;
import org.mlregistry.core.models.NewVersion;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.ModelFramework;
import org.mlregistry.schema.types.RunStatus;

/**
 * Hostile and odd inputs at every kind of entry point: each is refused in Java with an
 * {@link InvalidValueException} naming the field and the rule, and nothing is written.
 */
class HostileInputTest extends TrackingTestSupport {

    private static final List<String> TABLES = List.of("tracking.training_runs", "tracking.run_tags", "tracking.experiments",
            "tracking.run_leases", "registry.models", "registry.model_versions", "registry.teams", "registry.audit_log");

    private static final OffsetDateTime Y1900 = OffsetDateTime.of(1900, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final OffsetDateTime Y2999 = OffsetDateTime.of(2999, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final String PRE_RELEASE_5KB = "1.0.0-" + "a1.".repeat(1_700) + "z";

    /** A hostile call, prepared against the registry (setup may write; the call itself must not). */
    record Case(String name, Function<Registry, ThrowingCallable> call, String field, String rule) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        List<Case> c = new ArrayList<>();
        // submit: names, notes, parameters
        c.add(submit("NUL in a model name", b -> b.model("m\u0000x"), "model_name", "must not contain NUL"));
        c.add(submit("unpaired surrogate in an experiment", b -> b.experiment("e\uD800x"), "experiment_name", "must be valid UTF-16"));
        c.add(submit("lone low surrogate in a dataset", b -> b.dataset("\uDC00"), "dataset", "must be valid UTF-16"));
        c.add(submit("201-character dataset (index row)", b -> b.dataset("d".repeat(201)), "dataset", "must have at most 200 characters"));
        c.add(submit("60 KB compute target (index row 54000)", b -> b.computeTarget("t".repeat(60_000)), "compute_target", "must have at most 200"));
        c.add(submit("bell in a compute target", b -> b.computeTarget("gpu\u0007"), "compute_target", "must not contain control characters"));
        c.add(submit("newline in a model name", b -> b.model("m\nx"), "model_name", "must not contain control characters"));
        c.add(submit("blank experiment", b -> b.experiment("  "), "experiment_name", "must not be blank"));
        c.add(submit("NUL in notes", b -> b.notes("a\u0000b"), "notes", "must not contain NUL"));
        c.add(submit("11,000-character notes", b -> b.notes("n".repeat(11_000)), "notes", "must have at most 10000"));
        c.add(submit("\\u0000 escape in parameters", b -> b.parameters("{\"a\": \"\\u0000\"}"), "parameters", "must be a JSON object"));
        c.add(submit("escaped lone surrogate in parameters", b -> b.parameters("{\"a\": \"\\ud800\"}"), "parameters", "must be a JSON object"));
        c.add(submit("70 KB parameters", b -> b.parameters("{\"a\": \"" + "x".repeat(70_000) + "\"}"), "parameters", "must have at most 65536"));
        c.add(new Case("submit(null)", r -> () -> r.runs().submit(null), "run", "must not be null"));
        // record: numbers never rounded silently, timestamps in range
        c.add(record("accuracy 0.99996 (NUMERIC(5,4) would store 1.0000)", f -> f.metrics(Metrics.none().withAccuracy(0.99996)),
                "accuracy", "must have at most 4 decimals"));
        c.add(record("gpu hours 0.004 (NUMERIC(8,2) would store 0.00)", f -> f.hours(0.004, 0), "gpu_hours", "must have at most 2 decimals"));
        c.add(record("accuracy NaN", f -> f.metrics(Metrics.none().withAccuracy(Double.NaN)), "accuracy", "must be within [0, 1]"));
        c.add(record("loss -Infinity", f -> f.metrics(Metrics.none().withLoss(Double.NEGATIVE_INFINITY)), "loss", "must be a finite number"));
        c.add(record("created in 1900", f -> f.times(Y1900, null, null), "created_at", "must be within"));
        c.add(record("started in 2999", f -> f.times(null, Y2999, null), "started_at", "must be within"));
        c.add(record("completed at OffsetDateTime.MAX", f -> f.times(null, null, OffsetDateTime.MAX), "completed_at", "must be within"));
        // lifecycle and progress
        c.add(onRun("fail with a NUL reason", (r, id) -> () -> r.runs().fail(id, "oom\u0000"), "reason", "must not contain NUL"));
        c.add(onRun("cancel with a blank reason", (r, id) -> () -> r.runs().cancel(id, " "), "reason", "must not be blank"));
        c.add(onRun("note with an unpaired surrogate", (r, id) -> () -> r.runs().appendNote(id, "x\uD83D"), "note", "must be valid UTF-16"));
        c.add(new Case("start(null)", r -> () -> r.runs().start(null), "runId", "must not be null"));
        c.add(onRun("addHours 0.004", (r, id) -> () -> r.runs().addHours(id, 0.004, 0), "gpu_hours", "must have at most 2 decimals"));
        c.add(onRun("addHours NaN", (r, id) -> () -> r.runs().addHours(id, Double.NaN, 0), "gpu_hours", "must be a finite number"));
        c.add(onRun("mergeParameters \\u0000", (r, id) -> () -> r.runs().mergeParameters(id, "{\"k\": \"\\u0000\"}"), "parameters", "must be a JSON object"));
        c.add(new Case("claimNext with NUL", r -> () -> r.runs().claimNext("gpu\u0000"), "compute_target", "must not contain NUL"));
        c.add(new Case("claimNext(null)", r -> () -> r.runs().claimNext(null), "compute_target", "must not be blank"));
        c.add(new Case("cancelQueuedOlderThan(Long.MAX_VALUE s)", r -> () -> r.runs().cancelQueuedOlderThan(Duration.ofSeconds(Long.MAX_VALUE)),
                "maxAge", "must be a positive duration of at most"));
        c.add(onRun("tag key with NUL", (r, id) -> () -> r.runs().tags().set(id, "k\u0000", "v"), "tag_key", "must have 1 to 128"));
        c.add(onRun("tag value with NUL", (r, id) -> () -> r.runs().tags().set(id, "k", "v\u0000"), "tag_value", "must not contain control"));
        c.add(new Case("lease owner with NUL", r -> () -> Lease.of("w\u0000", Duration.ofMinutes(1)), "owner", "must not contain NUL"));
        c.add(new Case("lease of Long.MAX_VALUE seconds", r -> () -> Lease.of("w", Duration.ofSeconds(Long.MAX_VALUE)), "duration", "must be a positive duration"));
        // filters: refused before they reach SQL
        c.add(filter("accuracy().ge(NaN)", () -> RunFilter.accuracy().ge(Double.NaN), "accuracy", "must be a finite number"));
        c.add(filter("loss().lt(+Infinity)", () -> RunFilter.loss().lt(Double.POSITIVE_INFINITY), "loss", "must be a finite number"));
        c.add(filter("createdWithin(Long.MAX_VALUE s)", () -> RunFilter.createdWithin(Duration.ofSeconds(Long.MAX_VALUE)), "window", "must be a positive duration"));
        c.add(filter("createdAt().olderThan(-1 s)", () -> RunFilter.createdAt().olderThan(Duration.ofSeconds(-1)), "age", "must be a positive duration"));
        c.add(filter("notes().eq(null)", () -> RunFilter.notes().eq(null), "notes", "must not be null (use isNull()"));
        c.add(filter("modelName().ne(null)", () -> RunFilter.modelName().ne(null), "model_name", "must not be null"));
        c.add(filter("modelName().eq with NUL", () -> RunFilter.modelName().eq("a\u0000"), "model_name", "must not contain NUL"));
        c.add(filter("notes().like with a lone surrogate", () -> RunFilter.notes().like("%\uDC00%"), "notes", "must be valid UTF-16"));
        c.add(filter("createdAt().gt(OffsetDateTime.MIN)", () -> RunFilter.createdAt().gt(OffsetDateTime.MIN), "created_at", "must be within"));
        c.add(filter("status().in(null element)", () -> RunFilter.status().in(java.util.Arrays.asList(RunStatus.QUEUED, null)), "status", "must not be null"));
        c.add(filter("runId().in((Collection) null)", () -> RunFilter.runId().in((Collection<UUID>) null), "run_id", "must not be null"));
        c.add(filter("param(k).eq(null)", () -> RunFilter.param("k").eq((String) null), "value", "must not be null"));
        c.add(filter("param with NUL key", () -> RunFilter.param("k\u0000"), "key", "must not contain NUL"));
        c.add(filter("metric(name).gt(NaN)", () -> RunFilter.metric("loss").gt(Double.NaN), "value", "must be a finite number"));
        c.add(filter("and(null)", () -> RunFilter.any().and(null), "filter", "must not be null"));
        // page tokens
        c.add(new Case("forged page token", r -> () -> r.runs().search().pageSize(5).after(forgedToken()), "pageToken", "was not issued by this registry"));
        c.add(new Case("altered page token", r -> {
            String token = r.runs().search().pageSize(2).fetchPage().nextToken().orElseThrow();
            String altered = token.substring(0, 10) + (token.charAt(10) == 'A' ? 'B' : 'A') + token.substring(11);
            return () -> r.runs().search().pageSize(2).after(altered);
        }, "pageToken", "was not issued by this registry"));
        c.add(new Case("10 KB page token", r -> () -> r.runs().search().pageSize(2).after("A".repeat(10_000)), "pageToken", "too long"));
        // models
        c.add(new Case("semver with a 5 KB pre-release", r -> version(r, PRE_RELEASE_5KB), "semver", "must have at most 256 characters"));
        c.add(new Case("semver 1.0.0-01", r -> version(r, "1.0.0-01"), "semver", "must be a semantic version"));
        c.add(new Case("model name of 300 characters", r -> () -> models(r).catalog().createModel(NewModel.of("m".repeat(300), "M")),
                "model_name", "must have at most 200"));
        c.add(new Case("model display name with NUL", r -> () -> models(r).catalog().createModel(NewModel.of("ok-name", "M\u0000")),
                "display_name", "must not contain NUL"));
        c.add(new Case("team e-mail of 300 characters", r -> () -> models(r).catalog().createTeam("t", "a".repeat(300) + "@x.io"),
                "team_email", "must be an e-mail address"));
        c.add(new Case("artifact URI of 3000 characters", r -> version(r, "1.0.0", "s3://" + "a".repeat(3_000)), "artifact_uri", "must have at most 500"));
        c.add(new Case("createModel(null)", r -> () -> models(r).catalog().createModel(null), "spec", "must not be null"));
        c.add(new Case("createDataset(null)", r -> () -> models(r).catalog().createDataset(null), "spec", "must not be null"));
        c.add(new Case("versions().register(null)", r -> () -> models(r).versions().register(null), "spec", "must not be null"));
        c.add(new Case("lineage().recordTrainingRun(null)", r -> () -> models(r).lineage().recordTrainingRun(null), "spec", "must not be null"));
        c.add(new Case("deployments().deploy(null)", r -> () -> models(r).deployments().deploy(null), "spec", "must not be null"));
        c.add(new Case("inTransaction(null)", r -> () -> r.inTransaction(null), "work", "must not be null"));
        c.add(new Case("deployments().active(null model)", r -> () -> models(r).deployments().active(null, "canary"), "model_id", "must not be null"));
        c.add(new Case("deployments().active(model, null environment)", r -> () -> models(r).deployments().active(UUID.randomUUID(), null),
                "environment", "must not be blank"));
        c.add(new Case("audit().of(null)", r -> () -> models(r).audit().of(null), "entity_id", "must not be null"));
        // CSV import: what the API forbids, a row cannot do
        c.add(csv("running, started in 2999", "status,started_at", "running,2999-01-01T00:00Z", "started_at", "must be within"));
        c.add(csv("created in 1900", "created_at", "1900-01-01 00:00:00+00", "created_at", "must be within"));
        c.add(csv("created by another user", "created_by", "mallory", "created_by", "must be empty or the importing database user"));
        c.add(csv("archived on import", "archived_at", "2026-01-01T00:00Z", "archived_at", "must be empty: an import creates live runs"));
        c.add(csv("accuracy 0.99996", "accuracy", "0.99996", "accuracy", "must have at most 4 decimals"));
        c.add(csv("accuracy NaN", "accuracy", "NaN", "accuracy", "must be a decimal number"));
        c.add(csv("succeeded without completed_at", "status,started_at", "succeeded,2026-01-01T00:00Z", "completed_at", "must be set"));
        c.add(csv("queued with started_at", "status,started_at", "queued,2026-01-01T00:00Z", "started_at", "must be empty for a queued run"));
        c.add(csv("unknown framework", "", "", "framework", "must be one of"));
        c.add(new Case("CSV with an unclosed quote", r -> () -> r.runs().csv().importFrom(new StringReader(
                String.join(",", RunCsv.COLUMNS) + "\n\"unclosed")), "csv", "never closed"));
        c.add(new Case("export(null search)", r -> () -> r.runs().csv().export(null, new ByteArrayOutputStream()), "search", "must not be null"));
        return c.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedTypedWithFieldAndRuleAndNothingWritten(Case hostile) {
        withRollback(registry -> {
            ThrowingCallable call = hostile.call().apply(registry);
            List<Integer> before = counts(registry.dsl());
            Throwable thrown = catchThrowable(call);
            assertThat(thrown).as(hostile.name()).isInstanceOf(InvalidValueException.class);
            InvalidValueException e = (InvalidValueException) thrown;
            assertThat(e.field()).as(hostile.name() + ": " + e.getMessage()).isEqualTo(hostile.field());
            assertThat(e.rule()).as(hostile.name()).contains(hostile.rule());
            assertThat(e.getMessage().length()).as("a refused value is shown shortened").isLessThan(600);
            assertThat(counts(registry.dsl())).as("nothing written").isEqualTo(before);
            return null;
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("csvCases")
    void csvRefusalsNameTheLine(Case hostile) {
        withRollback(registry -> {
            Throwable thrown = catchThrowable(hostile.call().apply(registry));
            assertThat(thrown).isInstanceOf(CsvRowRefusedException.class);
            assertThat(((CsvRowRefusedException) thrown).line()).isEqualTo(3);
            return null;
        });
    }

    static Stream<Case> csvCases() {
        return cases().filter(c -> c.call() instanceof CsvCall);
    }

    private static List<Integer> counts(DSLContext ctx) {
        return TABLES.stream().map(t -> ctx.fetchOne("SELECT count(*)::int FROM " + t).get(0, Integer.class)).toList();
    }

    private static Case submit(String name, Function<NewRun.Builder, NewRun.Builder> change, String field, String rule) {
        return new Case("submit: " + name, r -> () -> r.runs().submit(change.apply(NewRun.builder().model("m").framework(Framework.JAX)
                .experiment("e").dataset("d").computeTarget("t")).build()), field, rule);
    }

    private static Case record(String name, Function<FinishedRun, FinishedRun> change, String field, String rule) {
        return new Case("record: " + name, r -> () -> r.runs().record(change.apply(FinishedRun.of(newRun("rec"), RunStatus.SUCCEEDED))),
                field, rule);
    }

    private static Case onRun(String name, java.util.function.BiFunction<Registry, UUID, ThrowingCallable> call, String field, String rule) {
        return new Case(name, r -> call.apply(r, r.runs().submit(newRun("hostile")).runId()), field, rule);
    }

    private static Case filter(String name, ThrowingCallable build, String field, String rule) {
        return new Case("filter " + name, r -> build, field, rule);
    }

    /** A CSV import call whose third line (second row) breaks a rule; the first row is valid. */
    interface CsvCall extends Function<Registry, ThrowingCallable> {
    }

    private static Case csv(String name, String extraColumns, String extraValues, String field, String rule) {
        String base = "model_name,framework,experiment_name,dataset,compute_target";
        boolean badFramework = extraColumns.isEmpty();
        List<String> columns = new ArrayList<>(List.of(base.split(",")));
        if (!badFramework) {
            columns.addAll(List.of(extraColumns.split(",")));
        }
        String ok = "ok-" + name.hashCode() + ",pytorch,e,d,t" + (badFramework ? "" : "," + okValues(extraColumns));
        String bad = "bad,"+ (badFramework ? "theano" : "pytorch") + ",e,d,t" + (badFramework ? "" : "," + extraValues);
        String text = String.join(",", columns) + "\n" + ok + "\n" + bad + "\n";
        CsvCall call = r -> () -> r.runs().csv().importFrom(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), columns);
        return new Case("CSV import: " + name, call, field, rule);
    }

    /** Values of the extra columns that pass every rule. */
    private static String okValues(String extraColumns) {
        Map<String, String> ok = Map.of("status", "running", "started_at", "2026-01-01T00:00Z", "created_at", "2026-01-01T00:00Z",
                "created_by", "", "archived_at", "", "accuracy", "0.9");
        return String.join(",", Stream.of(extraColumns.split(",")).map(ok::get).toList());
    }

    private static ModelRegistry models(Registry r) {
        return r.models().actor("hostile-test");
    }

    private static ThrowingCallable version(Registry r, String semver) {
        return version(r, semver, "s3://models/x");
    }

    private static ThrowingCallable version(Registry r, String semver, String uri) {
        UUID model = models(r).catalog().createModel(NewModel.of("hostile-" + Math.abs(semver.hashCode() % 1000), "H")).modelId();
        return () -> models(r).versions().register(NewVersion.of(model, semver, uri, ModelFramework.PYTORCH));
    }

    private static String forgedToken() {
        // the layout of a real token (version, ordering, value, run_id) with a made-up tag
        byte[] raw = new byte[80];
        raw[0] = 2;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }
}
