package org.mlregistry.examples.cookbook;

import java.util.ArrayList;
import java.util.List;
import org.mlregistry.core.Registry;
import org.mlregistry.core.error.UnmigratableRun;
import org.mlregistry.core.migration.FlatToRegistryMigration;
import org.mlregistry.core.migration.FlatToRegistryReport;

/**
 * Cookbook: lab 02's challenge 3, moving lab 01's flat {@code tracking.training_runs} into the
 * normalized {@code registry} schema with one call, and reading the report.
 *
 * <pre>{@code
 * FlatToRegistryReport report = FlatToRegistryCookbook.migrate(registry, "alice");
 * FlatToRegistryCookbook.summary(report).forEach(System.out::println);
 * }</pre>
 *
 * The migration is idempotent (a tracking run keeps its run_id in the registry; models, datasets
 * and experiments are found again by their unique names), so calling it again, e.g. after new lab
 * 01 runs were recorded, migrates only what is new. It runs in one transaction: it writes all or
 * nothing. Runs the registry cannot hold ({@code mxnet} has no lab 02 framework; names the
 * registry's CHECKs refuse; archived runs) are skipped and listed in the report; use
 * {@link FlatToRegistryMigration#strict()} to refuse instead. See {@link FlatToRegistryMigration}
 * for the mapping (one version per model and framework, {@code migrated://} placeholders for the
 * artifact and storage locations lab 01 never recorded).
 */
public final class FlatToRegistryCookbook {

    private FlatToRegistryCookbook() {
    }

    /**
     * Migrates every tracking run not migrated yet, audited in actor's name.
     *
     * @param registry the registry to migrate in (its own transaction, or a savepoint of the caller's)
     * @param actor who migrates: recorded in the audit log and as creator of the new rows
     * @return what was created, reused and skipped
     */
    public static FlatToRegistryReport migrate(Registry registry, String actor) {
        return registry.migrations().flatRunsToRegistry().actor(actor).run();
    }

    /** The report as lines for a log or a console: created, reused and every skipped run with its reason. */
    public static List<String> summary(FlatToRegistryReport report) {
        List<String> lines = new ArrayList<>();
        lines.add("tracking runs: " + report.trackingRuns() + ", migrated now: " + report.runsCreated()
                + ", migrated before: " + report.runsAlreadyMigrated() + ", skipped: " + report.skipped().size());
        lines.add("created: " + report.modelsCreated() + " models, " + report.versionsCreated() + " versions, "
                + report.datasetsCreated() + " datasets, " + report.experimentsCreated() + " experiments, "
                + report.runDatasetsCreated() + " run datasets, " + report.auditRowsCreated() + " audit rows");
        lines.add("reused: " + report.modelsReused() + " models, " + report.versionsReused() + " versions, "
                + report.datasetsReused() + " datasets");
        for (UnmigratableRun s : report.skipped()) {
            lines.add("skipped " + s.runId() + " " + s.modelName() + ": " + s.reason() + " (" + s.detail() + ")");
        }
        return lines;
    }
}
