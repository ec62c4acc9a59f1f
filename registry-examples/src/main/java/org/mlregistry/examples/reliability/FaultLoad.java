package org.mlregistry.examples.reliability;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.mlregistry.core.Registry;
import org.mlregistry.core.models.Model;
import org.mlregistry.core.models.ModelRegistry;
import org.mlregistry.core.models.ModelVersion;
import org.mlregistry.core.models.NewModel;
import org.mlregistry.core.models.NewVersion;
import org.mlregistry.core.tracking.NewRun;
import org.mlregistry.examples.reliability.FaultWorkers.DeployCounts;
import org.mlregistry.examples.reliability.FaultWorkers.MigrationReports;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.ModelFramework;
import org.mlregistry.testing.SampleData;

/**
 * Part (b): claims, deploys, bulk archives, CSV imports and migrations run while a
 * {@link FaultInjector} kills their backends; the workers retry; then {@link Invariants} checks
 * the data with SQL.
 */
final class FaultLoad {

    /**
     * How much work runs under faults.
     *
     * @param claimWorkers workers claiming and finishing runs
     * @param claims runs they claim
     * @param deploys deploy attempts
     * @param bulkBatches bulk archives, of bulkRows runs each
     * @param csvBatches CSV imports, of csvRows runs each
     * @param migrations rounds of submit + migrate
     * @param seed of the kills' timing and victims, and of the deploys
     */
    record Settings(int claimWorkers, int claims, int deploys, int bulkBatches, int bulkRows, int csvBatches,
            int csvRows, int migrations, long seed) {
    }

    /**
     * @param faults backends killed
     * @param violations failed invariants, described
     * @param failures what the workers caught and retried
     * @param summary one line of what was done
     */
    record Result(long faults, List<String> violations, FailureTally failures, String summary) {
    }

    static final String PREFIX = "rel-b-";
    static final String TARGET = "rel-faults";

    private FaultLoad() {
    }

    static Result run(SuiteDatabases databases, String suffix, Settings s) throws Exception {
        DataSource db = databases.migrated("reliability_faults" + suffix);
        DataSource migrationDb = databases.migrated("reliability_migration" + suffix);
        SampleData.load(migrationDb);
        ClaimLoad.queue(db, TARGET, s.claims());
        List<ModelVersion> versions = deployableVersions(db);
        queueBulkBatches(db, s.bulkBatches(), s.bulkRows());

        FailureTally failures = new FailureTally();
        Map<UUID, String> claimedBy = new ConcurrentHashMap<>();
        AtomicLong doubles = new AtomicLong();
        DeployCounts deploys = new DeployCounts();
        List<Callable<Object>> work = new ArrayList<>();
        List<String> victims = new ArrayList<>(List.of(PREFIX + "deploy", PREFIX + "bulk", PREFIX + "csv", PREFIX + "migrate"));
        for (int w = 0; w < s.claimWorkers(); w++) {
            String name = PREFIX + "claim-" + w;
            victims.add(name);
            work.add(() -> new ClaimWorker(new WorkerConnection(db, name), name, TARGET, claimedBy, doubles, failures).call());
        }
        work.add(() -> {
            FaultWorkers.deploys(new WorkerConnection(db, PREFIX + "deploy"), versions, s.deploys(), s.seed(), deploys, failures);
            return null;
        });
        work.add(() -> FaultWorkers.bulkArchives(new WorkerConnection(db, PREFIX + "bulk"), s.bulkBatches(), failures));
        work.add(() -> FaultWorkers.csvImports(new WorkerConnection(db, PREFIX + "csv"), s.csvBatches(), s.csvRows(), failures));
        List<MigrationReports> migration = new java.util.concurrent.CopyOnWriteArrayList<>();
        work.add(() -> migration.add(FaultWorkers.migration(new WorkerConnection(migrationDb, PREFIX + "migrate"),
                s.migrations(), 10, failures)));

        long faults;
        ExecutorService pool = Executors.newFixedThreadPool(work.size());
        try (FaultInjector injector = FaultInjector.start(databases.server().dataSource(), victims, s.seed())) {
            List<Future<Object>> done = pool.invokeAll(work);
            for (Future<Object> f : done) {
                f.get();
            }
            faults = injector.kills();
        } finally {
            pool.shutdownNow();
        }

        Invariants invariants = new Invariants();
        invariants.claims(db, TARGET, doubles.get());
        invariants.traffic(db);
        invariants.audit(db, deploys);
        invariants.bulk(db, s.bulkBatches(), s.bulkRows());
        invariants.csv(db, s.csvBatches(), s.csvRows());
        invariants.migration(migrationDb, migration.get(0));
        String summary = String.format("claims %d, deploys %d (+%d undeploys, %d refused by rule, %d of unknown outcome), "
                + "bulk archives %d, CSV imports %d, migration rounds %d; caught and retried %d transient and %d untyped failures",
                s.claims(), deploys.deployed.get(), deploys.undeployed.get(), deploys.refused.get(),
                deploys.unknownDeploys.get() + deploys.unknownUndeploys.get(), s.bulkBatches(), s.csvBatches(),
                s.migrations(), failures.transientFailures(), failures.untyped());
        return new Result(faults, invariants.violations(), failures, summary);
    }

    /** Four models of five validated versions each. */
    private static List<ModelVersion> deployableVersions(DataSource db) throws Exception {
        try (Connection c = db.getConnection()) {
            ModelRegistry models = Registry.configure().dsl(DSL.using(c, SQLDialect.POSTGRES)).load().models()
                    .actor(FaultWorkers.ACTOR);
            List<ModelVersion> versions = new ArrayList<>();
            for (int m = 0; m < 4; m++) {
                Model model = models.catalog().createModel(NewModel.of("reliability-" + m, "Reliability model " + m));
                for (int v = 1; v <= 5; v++) {
                    ModelVersion version = models.versions().register(NewVersion.of(model.modelId(), v + ".0.0",
                            "s3://reliability/" + m + "/" + v, ModelFramework.PYTORCH));
                    versions.add(models.versions().validate(version.versionId(), "reliability suite"));
                }
            }
            return versions;
        }
    }

    private static void queueBulkBatches(DataSource db, int batches, int rows) throws Exception {
        try (Connection c = db.getConnection()) {
            Registry registry = Registry.configure().dsl(DSL.using(c, SQLDialect.POSTGRES)).load();
            for (int k = 0; k < batches; k++) {
                List<NewRun> batch = new ArrayList<>();
                for (int i = 0; i < rows; i++) {
                    batch.add(NewRun.builder().model("bulk").framework(Framework.SKLEARN).experiment(FaultWorkers.bulkExperiment(k))
                            .dataset("ds-" + i).computeTarget("rel-bulk").build());
                }
                registry.runs().submitAll(batch);
            }
        }
    }
}
