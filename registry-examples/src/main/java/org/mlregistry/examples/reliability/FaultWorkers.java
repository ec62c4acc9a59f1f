package org.mlregistry.examples.reliability;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.mlregistry.core.error.InvalidTransitionException;
import org.mlregistry.core.error.TrafficLimitExceededException;
import org.mlregistry.core.models.Deployment;
import org.mlregistry.core.models.ModelVersion;
import org.mlregistry.core.models.NewDeployment;
import org.mlregistry.core.migration.FlatToRegistryReport;
import org.mlregistry.core.tracking.NewRun;
import org.mlregistry.core.tracking.RunFilter;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.testing.SyntheticRuns;

/**
 * The non-claim workers of part (b), each on its own {@link WorkerConnection} that the fault
 * injector kills: deploys, bulk archives, CSV imports and the lab 01 → lab 02 migration. Each
 * counts the changes the API reported as committed, and the attempts whose outcome it did not
 * learn (the call failed after it may have reached the server).
 */
final class FaultWorkers {

    /** Deployments reported, undeployments reported, and attempts of either whose outcome is unknown. */
    static final class DeployCounts {
        final AtomicLong deployed = new AtomicLong();
        final AtomicLong undeployed = new AtomicLong();
        final AtomicLong unknownDeploys = new AtomicLong();
        final AtomicLong unknownUndeploys = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
    }

    static final String ACTOR = "reliability";
    static final List<String> ENVIRONMENTS = List.of("canary", "staging");
    static final OffsetDateTime CSV_NEWEST = OffsetDateTime.of(2026, 1, 1, 12, 0, 0, 0, ZoneOffset.UTC);

    private FaultWorkers() {
    }

    /**
     * Deploys random versions with random traffic shares; a deploy the traffic cap refuses
     * undeploys one serving deployment of that model and environment instead.
     */
    static void deploys(WorkerConnection worker, List<ModelVersion> versions, int deploys, long seed,
            DeployCounts counts, FailureTally failures) {
        Random random = new Random(seed);
        try (worker) {
            for (int i = 0; i < deploys; i++) {
                ModelVersion v = versions.get(random.nextInt(versions.size()));
                String env = ENVIRONMENTS.get(random.nextInt(ENVIRONMENTS.size()));
                int traffic = 10 + random.nextInt(51);
                try {
                    worker.registry().models().actor(ACTOR).deployments().deploy(NewDeployment.of(v.versionId(), env, traffic));
                    counts.deployed.incrementAndGet();
                } catch (TrafficLimitExceededException full) {
                    counts.refused.incrementAndGet();
                    undeployOne(worker, v.modelId(), env, counts, failures);
                } catch (Exception e) {
                    failures.record(e);
                    worker.afterFailure();
                    counts.unknownDeploys.incrementAndGet();
                }
            }
        }
    }

    private static void undeployOne(WorkerConnection worker, UUID modelId, String env, DeployCounts counts,
            FailureTally failures) {
        try {
            List<Deployment> serving = worker.registry().models().actor(ACTOR).deployments().active(modelId, env);
            if (!serving.isEmpty()) {
                worker.registry().models().actor(ACTOR).deployments().undeploy(serving.get(0).deploymentId());
                counts.undeployed.incrementAndGet();
            }
        } catch (InvalidTransitionException alreadyUndeployed) {
            counts.refused.incrementAndGet();
        } catch (Exception e) {
            failures.record(e);
            worker.afterFailure();
            counts.unknownUndeploys.incrementAndGet();
        }
    }

    /** Archives each batch (the runs of experiment {@code bulk-<k>}) with preview + archive, retried until reported. */
    static long bulkArchives(WorkerConnection worker, int batches, FailureTally failures) {
        long reported = 0;
        try (worker) {
            for (int k = 0; k < batches; k++) {
                RunFilter batch = RunFilter.experimentName().eq(bulkExperiment(k));
                failures.retry(worker, r -> r.runs().search().where(batch).bulk().preview(0).archive());
                reported++;
            }
        }
        return reported;
    }

    static String bulkExperiment(int k) {
        return "bulk-" + k;
    }

    /** The experiment prefix of CSV batch k: its runs are named {@code csv<k>x0}, {@code csv<k>x1}, … */
    static String csvPrefix(int k) {
        return "csv" + k + "x";
    }

    /**
     * Imports each batch of synthetic runs through COPY; after a failure it counts the batch's rows
     * to learn whether the import committed, and imports again only if none are there.
     *
     * @return batches imported, as learned; a batch found partly imported throws
     */
    static long csvImports(WorkerConnection worker, int batches, int rows, FailureTally failures) {
        long imported = 0;
        try (worker) {
            for (int k = 0; k < batches; k++) {
                SyntheticRuns runs = SyntheticRuns.of(rows, k).experimentPrefix(csvPrefix(k)).newestCreatedAt(CSV_NEWEST);
                RunFilter batch = RunFilter.experimentName().like(csvPrefix(k) + "%");
                for (int attempt = 0; ; attempt++) {
                    if (failures.once(worker, r -> r.runs().csv().importFrom(runs.csvStream(), SyntheticRuns.COLUMNS)).isPresent()) {
                        break;
                    }
                    long there = failures.retry(worker, r -> r.runs().search().where(batch).includeArchived().count());
                    if (there == rows) {
                        break;
                    }
                    if (there != 0 || attempt >= FailureTally.MAX_ATTEMPTS) {
                        throw new IllegalStateException("CSV batch " + k + ": " + there + " of " + rows + " rows after a failed import");
                    }
                }
                imported++;
            }
        }
        return imported;
    }

    /**
     * Rounds of: submit a few lab 01 runs (whole batch or nothing, learned by counting after a
     * failure), then migrate lab 01's runs into lab 02's registry until a migration answers. After
     * the last round the migration runs once more.
     *
     * @return the reports of the last round's migration and of the one after it
     */
    static MigrationReports migration(WorkerConnection worker, int rounds, int runsPerRound, FailureTally failures) {
        try (worker) {
            FlatToRegistryReport last = null;
            for (int k = 0; k < rounds; k++) {
                String experiment = "mig-" + k;
                List<NewRun> batch = new ArrayList<>();
                for (int i = 0; i < runsPerRound; i++) {
                    batch.add(NewRun.builder().model("migrated-" + (i % 3)).framework(Framework.PYTORCH)
                            .experiment(experiment).dataset("ds-" + i).computeTarget("rel-migration").build());
                }
                RunFilter submitted = RunFilter.experimentName().eq(experiment);
                failures.retry(worker, r -> r.runs().search().where(submitted).count() == runsPerRound
                        ? List.of() : r.runs().submitAll(batch));
                last = failures.retry(worker, r -> r.migrations().flatRunsToRegistry().actor(ACTOR).run());
            }
            FlatToRegistryReport again = failures.retry(worker, r -> r.migrations().flatRunsToRegistry().actor(ACTOR).run());
            return new MigrationReports(last, again);
        }
    }

    /** The migration's reports: the last round's, and a repeat that must create nothing. */
    record MigrationReports(FlatToRegistryReport last, FlatToRegistryReport again) {
    }
}
