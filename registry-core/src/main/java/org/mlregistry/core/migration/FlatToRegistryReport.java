package org.mlregistry.core.migration;

import java.util.List;
import org.mlregistry.core.error.UnmigratableRun;

/**
 * What one run of {@link FlatToRegistryMigration} did, in one transaction.
 *
 * <p>The {@code *Created} counts are rows this run inserted; {@code *Reused} counts are rows the
 * migrated runs needed that existed already (from an earlier migration or created through the
 * API). A second migration of unchanged tracking data creates nothing: every count of created
 * rows is 0 and {@link #runsAlreadyMigrated()} equals the number of runs migrated the first time.
 *
 * @param trackingRuns rows of {@code tracking.training_runs} examined (archived ones included)
 * @param runsCreated rows of {@code registry.training_runs} inserted (their run_id is the tracking run_id)
 * @param runsAlreadyMigrated tracking runs whose run_id was already in {@code registry.training_runs}
 * @param modelsCreated rows of {@code registry.models} inserted
 * @param modelsReused models the migrated runs were linked to that existed already
 * @param versionsCreated rows of {@code registry.model_versions} inserted
 * @param versionsReused versions the migrated runs were linked to that existed already
 * @param datasetsCreated rows of {@code registry.datasets} inserted
 * @param datasetsReused datasets the migrated runs were linked to that existed already
 * @param experimentsCreated rows of {@code registry.experiments} inserted
 * @param runDatasetsCreated rows of {@code registry.run_datasets} inserted (role {@code training})
 * @param auditRowsCreated rows of {@code registry.audit_log} inserted (one per created model,
 *     version, dataset and training run)
 * @param skipped tracking runs not migrated, with the reason, in the order they were examined
 */
public record FlatToRegistryReport(
        int trackingRuns,
        int runsCreated,
        int runsAlreadyMigrated,
        int modelsCreated,
        int modelsReused,
        int versionsCreated,
        int versionsReused,
        int datasetsCreated,
        int datasetsReused,
        int experimentsCreated,
        int runDatasetsCreated,
        int auditRowsCreated,
        List<UnmigratableRun> skipped) {

    /**
     * Copies skipped.
     *
     * @param trackingRuns rows of {@code tracking.training_runs} examined
     * @param runsCreated rows of {@code registry.training_runs} inserted
     * @param runsAlreadyMigrated tracking runs already in {@code registry.training_runs}
     * @param modelsCreated rows of {@code registry.models} inserted
     * @param modelsReused existing models the migrated runs were linked to
     * @param versionsCreated rows of {@code registry.model_versions} inserted
     * @param versionsReused existing versions the migrated runs were linked to
     * @param datasetsCreated rows of {@code registry.datasets} inserted
     * @param datasetsReused existing datasets the migrated runs were linked to
     * @param experimentsCreated rows of {@code registry.experiments} inserted
     * @param runDatasetsCreated rows of {@code registry.run_datasets} inserted
     * @param auditRowsCreated rows of {@code registry.audit_log} inserted
     * @param skipped tracking runs not migrated, in the order they were examined; not null
     */
    public FlatToRegistryReport {
        skipped = List.copyOf(skipped);
    }

    /**
     * True when this run inserted no row at all.
     *
     * @return whether every count of created rows is 0
     */
    public boolean createdNothing() {
        return runsCreated == 0 && modelsCreated == 0 && versionsCreated == 0 && datasetsCreated == 0
                && experimentsCreated == 0 && runDatasetsCreated == 0 && auditRowsCreated == 0;
    }
}
