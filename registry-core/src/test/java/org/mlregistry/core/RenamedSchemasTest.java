package org.mlregistry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.error.DuplicateRunException;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.events.EventSubscription;
import org.mlregistry.core.events.RegistryEvent;
import org.mlregistry.core.internal.Session;
import org.mlregistry.core.models.AuditEntry;
import org.mlregistry.core.models.AuditPage;
import org.mlregistry.core.models.Model;
import org.mlregistry.core.models.ModelRegistry;
import org.mlregistry.core.models.ModelVersion;
import org.mlregistry.core.models.NewDeployment;
import org.mlregistry.core.models.NewModel;
import org.mlregistry.core.models.NewTrainingRun;
import org.mlregistry.core.models.NewVersion;
import org.mlregistry.core.tracking.Lease;
import org.mlregistry.core.tracking.LeasedRun;
import org.mlregistry.core.tracking.MetricBucket;
import org.mlregistry.core.tracking.MetricPoint;
import org.mlregistry.core.tracking.Metrics;
import org.mlregistry.core.tracking.NewRun;
import org.mlregistry.core.tracking.Page;
import org.mlregistry.core.tracking.Run;
import org.mlregistry.core.tracking.RunFilter;
import org.mlregistry.core.tracking.RunOrder;
import org.mlregistry.schema.RegistrySchema;
import org.mlregistry.schema.SchemaNames;
import org.mlregistry.schema.TestDatabase;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.ModelFramework;
import org.mlregistry.schema.types.RunStatus;

/**
 * The library on schemas under names a service chose ({@code ml_tracking}, {@code ml_registry}),
 * in a database that already has an unrelated schema {@code tracking} with a table
 * {@code training_runs} of its own: every operation lands in the renamed schemas (checked with
 * hand-written SQL), and the unrelated schema keeps its one row and its columns.
 */
class RenamedSchemasTest {

    private static DataSource database;
    private static Registry registry;

    @BeforeAll
    static void migrateBesideAnUnrelatedTrackingSchema() {
        database = TestDatabase.freshDatabase();
        sql().execute("CREATE SCHEMA tracking");
        sql().execute("CREATE TABLE tracking.training_runs (id int PRIMARY KEY, note text NOT NULL)");
        sql().execute("INSERT INTO tracking.training_runs VALUES (1, 'not mlregistry''s')");

        // the README's "Schema names" snippet
        RegistrySchema.configure().dataSource(database).schemas("ml_tracking", "ml_registry").load().migrate();
        registry = Registry.configure().dataSource(database).schemas("ml_tracking", "ml_registry").load();
    }

    @Test
    void runsAreSubmittedClaimedFinishedSearchedAndMeasuredInTheRenamedSchema() {
        Run run = registry.runs().submit(run("renamed-lifecycle", "target-renamed"));
        Optional<Run> claimed = registry.runs().claimNext("target-renamed");
        registry.runs().succeed(claimed.orElseThrow().runId(), Metrics.none().withAccuracy(0.9412));
        registry.runs().submitAll(List.of(run("renamed-batch-1", "target-batch"), run("renamed-batch-2", "target-batch")));
        LeasedRun leased = registry.runs().leases().claimNext("target-batch", Lease.of("worker-1", Duration.ofMinutes(5))).orElseThrow();
        registry.runs().leases().release(leased.run().runId(), "worker-1");
        registry.runs().metrics().log(run.runId(), "loss", 1, 0.5);
        registry.runs().metrics().logAll(List.of(new MetricPoint(run.runId(), "loss", 2, OffsetDateTime.now(), 0.25)));
        registry.runs().metrics().copy(Stream.of(new MetricPoint(run.runId(), "loss", 3, OffsetDateTime.now(), 0.125)));

        Page first = registry.runs().where(RunFilter.param("batch_size").asInt().ge(64))
                .orderBy(RunOrder.NEWEST_FIRST).pageSize(2).fetchPage();
        Page second = registry.runs().where(RunFilter.param("batch_size").asInt().ge(64))
                .orderBy(RunOrder.NEWEST_FIRST).pageSize(2).after(first.nextToken().orElseThrow()).fetchPage();
        List<MetricBucket> chart = registry.runs().metrics().downsample(run.runId(), "loss", 3);

        assertThat(claimed.get().runId()).isEqualTo(run.runId());
        assertThat(value(String.class, "SELECT status || ' ' || accuracy FROM ml_tracking.training_runs WHERE run_id = ?",
                run.runId())).isEqualTo("succeeded 0.9412");
        assertThat(value(Integer.class,
                "SELECT count(*) FROM ml_tracking.training_runs WHERE model_name LIKE 'renamed-batch-%' AND status = 'queued'")).isEqualTo(2);
        assertThat(value(String.class, "SELECT end_reason FROM ml_tracking.run_leases WHERE run_id = ?", leased.run().runId()))
                .isEqualTo("released");
        assertThat(sql().fetch("SELECT step || ':' || value FROM ml_tracking.metric_points WHERE run_id = ? ORDER BY step",
                run.runId()).getValues(0, String.class)).containsExactly("1:0.5", "2:0.25", "3:0.125");
        assertThat(value(Long.class, "SELECT step FROM ml_tracking.run_metric_latest WHERE run_id = ? AND metric = 'loss'",
                run.runId())).isEqualTo(3L);
        assertThat(chart).extracting(MetricBucket::points).containsExactly(1L, 1L, 1L);
        List<UUID> paged = new ArrayList<>(first.runs().stream().map(Run::runId).toList());
        paged.addAll(second.runs().stream().map(Run::runId).toList());
        assertThat(paged).containsExactlyElementsOf(sql().fetch(
                "SELECT run_id FROM ml_tracking.training_runs WHERE (parameters->>'batch_size')::int >= 64 "
                        + "ORDER BY created_at DESC, run_id DESC LIMIT 4").getValues(0, UUID.class));
        assertThat(registry.runs().metrics().partitions().list()).extracting(p -> p.name())
                .containsExactlyElementsOf(sql().fetch("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                        + "WHERE i.inhparent = 'ml_tracking.metric_points'::regclass ORDER BY c.relname").getValues(0, String.class));
        assertTheUnrelatedSchemaIsUntouched();
    }

    @Test
    void csvImportAndExportUseTheRenamedTable() {
        String csv = "model_name,framework,experiment_name,dataset,compute_target\n"
                + "renamed-csv-1,pytorch,exp-csv,ds-csv,target-csv\n"
                + "renamed-csv-2,tensorflow,exp-csv,ds-csv,target-csv\n";
        List<String> columns = List.of("model_name", "framework", "experiment_name", "dataset", "compute_target");

        long imported = registry.runs().csv().importFrom(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), columns);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long exported = registry.runs().csv().export(registry.runs().where(RunFilter.computeTarget().eq("target-csv")), out);

        assertThat(imported).isEqualTo(2);
        assertThat(exported).isEqualTo(2);
        assertThat(sql().fetch("SELECT model_name FROM ml_tracking.training_runs WHERE compute_target = 'target-csv' ORDER BY 1")
                .getValues(0, String.class)).containsExactly("renamed-csv-1", "renamed-csv-2");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("renamed-csv-1", "renamed-csv-2");
        assertTheUnrelatedSchemaIsUntouched();
    }

    @Test
    void theModelRegistryWorksInTheRenamedSchema() {
        ModelRegistry models = registry.models().actor("alice");
        Model model = models.catalog().createModel(NewModel.of("renamed-model", "Renamed model"));
        ModelVersion v1 = models.versions().validate(models.versions().register(NewVersion.of(model.modelId(), "1.0.0",
                "s3://models/renamed/1.0.0", ModelFramework.XGBOOST)).versionId(), "tests pass");
        ModelVersion v2 = models.versions().validate(models.versions().register(NewVersion.of(model.modelId(), "2.0.0",
                "s3://models/renamed/2.0.0", ModelFramework.XGBOOST)).versionId(), "tests pass");
        models.lineage().recordTrainingRun(new NewTrainingRun(v2.versionId(), "renamed-run", null, RunStatus.SUCCEEDED,
                null, null, null, null));
        models.deployments().deploy(NewDeployment.of(v1.versionId(), "canary", 100));
        models.rollouts().promote(v2.versionId(), "canary", 10);
        models.rollouts().rollback(model.modelId(), "canary");
        models.aliases().set(model.modelId(), "champion", v2.versionId());
        AuditPage audit = models.audit().ofModel(model.modelId(), 100);
        List<RegistryEvent> polled = new ArrayList<>();
        registry.events().seek("renamed-poller", 0);
        registry.events().poll("renamed-poller", polled::add, 1000);

        assertThat(models.aliases().resolve("renamed-model", "champion")).map(ModelVersion::versionId).contains(v2.versionId());
        assertThat(sql().fetch("SELECT v.semver || '@' || d.traffic_percentage || ' ' || d.status FROM ml_registry.deployments d "
                + "JOIN ml_registry.model_versions v ON v.version_id = d.version_id WHERE v.model_id = ? ORDER BY v.semver",
                model.modelId()).getValues(0, String.class)).hasSize(2).first().isEqualTo("1.0.0@100 active");
        assertThat(value(String.class, "SELECT run_name FROM ml_registry.training_runs WHERE version_id = ?", v2.versionId()))
                .isEqualTo("renamed-run");
        assertThat(audit.entries()).extracting(AuditEntry::auditId).containsExactlyElementsOf(sql().fetch(
                "SELECT audit_id FROM ml_registry.audit_log WHERE model_id = ? ORDER BY audit_id DESC", model.modelId())
                .getValues(0, Long.class));
        assertThat(polled).extracting(RegistryEvent::eventId).containsExactlyElementsOf(sql().fetch(
                "SELECT e.event_id FROM ml_registry.events e ORDER BY e.event_id").getValues(0, Long.class));
        assertThat(polled).extracting(RegistryEvent::type).contains("model.create", "model.alias.set");
        assertThat(value(Long.class, "SELECT position FROM ml_registry.event_subscribers WHERE subscriber_name = 'renamed-poller'"))
                .isEqualTo(polled.get(polled.size() - 1).eventId());
        assertTheUnrelatedSchemaIsUntouched();
    }

    @Test
    void aSubscriptionReadsTheRenamedEvents() throws InterruptedException {
        ModelRegistry models = registry.models().actor("bob");
        CountDownLatch created = new CountDownLatch(1);
        List<RegistryEvent> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        registry.events().seek("renamed-subscriber", value(Long.class, "SELECT coalesce(max(event_id), 0) FROM ml_registry.events"));
        try (EventSubscription subscription = registry.events().subscribe("renamed-subscriber", event -> {
            seen.add(event);
            created.countDown();
        })) {
            Model model = models.catalog().createModel(NewModel.of("renamed-subscribed", "Subscribed"));

            assertThat(created.await(30, TimeUnit.SECONDS)).as("event delivered, last failure %s", subscription.lastFailure()).isTrue();
            assertThat(seen.get(0).modelId()).isEqualTo(model.modelId());
            assertThat(seen.get(0).type()).isEqualTo("model.create");
        }
    }

    @Test
    void aConstraintOfTheRenamedSchemaIsTranslatedByItsRule() {
        NewRun daily = run("renamed-daily", "target-daily");
        registry.runs().submit(daily);

        assertThatThrownBy(() -> registry.runs().submit(daily))
                .isInstanceOfSatisfying(DuplicateRunException.class,
                        e -> assertThat(e.field()).isEqualTo("model_name/experiment_name/dataset"));
    }

    @Test
    void analyzeAfterABulkWriteAnalyzesTheRenamedTableNotTheUnrelatedOne() {
        registry.runs().submit(run("renamed-analyze", "target-analyze"));

        boolean analyzed = Session.of(registry.dsl()).analyzeAfterBulkWrite("tracking.training_runs", 1, 1);

        assertThat(analyzed).isTrue();
        assertThat(value(Long.class, "SELECT reltuples::bigint FROM pg_class WHERE oid = 'ml_tracking.training_runs'::regclass"))
                .isEqualTo(value(Long.class, "SELECT count(*) FROM ml_tracking.training_runs"));
        assertThat(value(Long.class, "SELECT reltuples::bigint FROM pg_class WHERE oid = 'tracking.training_runs'::regclass"))
                .as("never analyzed").isEqualTo(-1L);
    }

    @Test
    void theCallersContextIsNotChangedTheRegistryWorksOnAMappedCopy() {
        DSLContext mine = DSL.using(database, SQLDialect.POSTGRES);

        Registry mapped = Registry.configure().dsl(mine).schemas("ml_tracking", "ml_registry").load();

        assertThat(mine.settings().getRenderMapping()).isNull();
        assertThat(mine.render(TRAINING_RUNS)).isEqualTo("\"tracking\".\"training_runs\"");
        assertThat(mapped.dsl().render(TRAINING_RUNS)).isEqualTo("\"ml_tracking\".\"training_runs\"");
        assertThat(mapped.runs().where(RunFilter.computeTarget().eq("target-renamed")).count())
                .isEqualTo(value(Long.class, "SELECT count(*) FROM ml_tracking.training_runs WHERE compute_target = 'target-renamed'"));
    }

    @Test
    void aMappedRegistryInsideTheCallersTransactionJoinsIt() {
        DSLContext mine = DSL.using(database, SQLDialect.POSTGRES);
        UUID[] submitted = new UUID[1];

        assertThatThrownBy(() -> mine.transaction(configuration -> {
            Registry joined = Registry.configure().dsl(configuration.dsl()).schemas("ml_tracking", "ml_registry").load();
            submitted[0] = joined.runs().submit(run("renamed-rolled-back", "target-rolled-back")).runId();
            throw new IllegalStateException("the caller rolls back");
        })).hasMessage("the caller rolls back");

        assertThat(submitted[0]).isNotNull();
        assertThat(value(Long.class, "SELECT count(*) FROM ml_tracking.training_runs WHERE run_id = ?", submitted[0])).isZero();
    }

    @Test
    void theDefaultNamesLeaveTheCallersContextAsItIs() {
        DSLContext mine = DSL.using(database, SQLDialect.POSTGRES);

        assertThat(Registry.configure().dsl(mine).load().dsl()).isSameAs(mine);
        assertThat(Registry.configure().dsl(mine).schemas("tracking", "registry").load().dsl()).isSameAs(mine);
    }

    @Test
    void aSchemaNameThatIsNoPlainIdentifierIsRefusedBeforeAnythingIsBuilt() {
        assertThatThrownBy(() -> Registry.configure().schemas("ml-tracking", "ml_registry"))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.field()).isEqualTo("trackingSchema");
                    assertThat(e.rule()).isEqualTo(SchemaNames.RULE);
                });
        assertThatThrownBy(() -> Registry.configure().schemas("ml_tracking", "pg_registry"))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("registrySchema"));
        assertThatThrownBy(() -> Registry.configure().schemas("ml", "ml"))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.field()).isEqualTo("registrySchema");
                    assertThat(e.rule()).isEqualTo("must differ from trackingSchema");
                });
    }

    private static void assertTheUnrelatedSchemaIsUntouched() {
        assertThat(sql().fetch("SELECT id || ':' || note FROM tracking.training_runs").getValues(0, String.class))
                .containsExactly("1:not mlregistry's");
        assertThat(sql().fetch("SELECT table_name || '.' || column_name FROM information_schema.columns "
                + "WHERE table_schema = 'tracking' ORDER BY ordinal_position").getValues(0, String.class))
                .containsExactly("training_runs.id", "training_runs.note");
        assertThat(value(Integer.class, "SELECT count(*) FROM pg_namespace WHERE nspname = 'registry'")).isZero();
    }

    private static NewRun run(String model, String target) {
        return NewRun.builder().model(model).framework(Framework.PYTORCH).experiment("exp-renamed")
                .dataset("ds-renamed").computeTarget(target).parameters("{\"batch_size\": 128}").build();
    }

    /** One value read with hand-written SQL. */
    private static <T> T value(Class<T> type, String query, Object... bindings) {
        return sql().fetchSingle(query, bindings).get(0, type);
    }

    private static DSLContext sql() {
        return DSL.using(database, SQLDialect.POSTGRES);
    }
}
