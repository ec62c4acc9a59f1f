package org.mlregistry.examples.reliability;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.mlregistry.examples.reliability.FaultWorkers.DeployCounts;
import org.mlregistry.examples.reliability.FaultWorkers.MigrationReports;

/**
 * Part (b)'s invariants, each checked with hand-written SQL after the faults stopped. Every
 * failed check is one violation, described for the report.
 */
final class Invariants {

    private final List<String> violations = new ArrayList<>();

    List<String> violations() {
        return violations;
    }

    private void check(boolean holds, String what) {
        if (!holds) {
            violations.add(what);
        }
    }

    /** No model has more than 100 % traffic in an environment. */
    void traffic(DataSource db) {
        long over = SuiteDatabases.count(db, """
                SELECT count(*) FROM (
                    SELECT v.model_id, d.environment_id
                    FROM registry.deployments d JOIN registry.model_versions v ON v.version_id = d.version_id
                    WHERE d.status IN ('active', 'degraded')
                    GROUP BY v.model_id, d.environment_id
                    HAVING sum(d.traffic_percentage) > 100) over_limit""");
        check(over == 0, over + " model/environment pairs with more than 100 % traffic");
    }

    /**
     * Audit rows match the changes: one deploy row per deployment, one undeploy row per undeployed
     * deployment, and as many as the API reported committed (plus at most the attempts whose
     * outcome the worker did not learn).
     */
    void audit(DataSource db, DeployCounts counts) {
        long deployments = SuiteDatabases.count(db, "SELECT count(*) FROM registry.deployments");
        long deployAudit = auditRows(db, "deploy");
        long inactive = SuiteDatabases.count(db, "SELECT count(*) FROM registry.deployments WHERE status = 'inactive'");
        long undeployAudit = auditRows(db, "undeploy");
        long unaudited = SuiteDatabases.count(db, "SELECT count(*) FROM registry.deployments d WHERE NOT EXISTS ("
                + "SELECT 1 FROM registry.audit_log a WHERE a.entity_id = d.deployment_id AND a.action = 'deploy')");
        check(unaudited == 0, unaudited + " deployments without their deploy audit row");
        check(deployments == deployAudit, deployments + " deployments but " + deployAudit + " deploy audit rows");
        check(inactive == undeployAudit, inactive + " undeployed deployments but " + undeployAudit + " undeploy audit rows");
        within(deployAudit, counts.deployed.get(), counts.unknownDeploys.get(), "deploy");
        within(undeployAudit, counts.undeployed.get(), counts.unknownUndeploys.get(), "undeploy");
    }

    private void within(long audited, long reported, long unknown, String action) {
        check(audited >= reported && audited <= reported + unknown, audited + " " + action + " audit rows for "
                + reported + " reported committed and " + unknown + " of unknown outcome");
    }

    private static long auditRows(DataSource db, String action) {
        return SuiteDatabases.count(db, "SELECT count(*) FROM registry.audit_log WHERE entity_type = 'deployment' "
                + "AND action = '" + action + "'");
    }

    /** Every bulk batch is archived whole: none half-applied, none reported but missing. */
    void bulk(DataSource db, int batches, int rows) {
        long whole = SuiteDatabases.count(db, "SELECT count(*) FROM (SELECT experiment_name FROM tracking.training_runs "
                + "WHERE experiment_name LIKE 'bulk-%' GROUP BY experiment_name "
                + "HAVING count(*) = " + rows + " AND count(archived_at) = count(*)) w");
        long half = SuiteDatabases.count(db, "SELECT count(*) FROM (SELECT experiment_name FROM tracking.training_runs "
                + "WHERE experiment_name LIKE 'bulk-%' GROUP BY experiment_name "
                + "HAVING count(archived_at) NOT IN (0, count(*))) h");
        check(half == 0, half + " bulk batches half archived");
        check(whole == batches, whole + " of " + batches + " bulk batches archived whole");
    }

    /** Every CSV batch is there exactly once: all its rows, none twice. */
    void csv(DataSource db, int batches, int rows) {
        long whole = SuiteDatabases.count(db, "SELECT count(*) FROM (SELECT substring(experiment_name from '^csv[0-9]+x') b "
                + "FROM tracking.training_runs WHERE experiment_name ~ '^csv[0-9]+x' GROUP BY 1 HAVING count(*) = " + rows + ") w");
        long total = SuiteDatabases.count(db, "SELECT count(*) FROM tracking.training_runs WHERE experiment_name ~ '^csv[0-9]+x'");
        check(whole == batches && total == (long) batches * rows,
                whole + " of " + batches + " CSV batches whole, " + total + " rows for " + (long) batches * rows);
    }

    /** Claims under faults: nothing claimed twice, nothing left queued, nothing running after its worker stopped. */
    void claims(DataSource db, String target, long doublesSeen) {
        String of = "FROM tracking.training_runs r WHERE r.compute_target = '" + target + "'";
        long twice = SuiteDatabases.count(db, "SELECT count(*) " + of
                + " AND EXISTS (SELECT 1 FROM tracking.run_leases l WHERE l.run_id = r.run_id AND l.attempt > 1)");
        long queued = SuiteDatabases.count(db, "SELECT count(*) " + of + " AND r.status = 'queued'");
        long running = SuiteDatabases.count(db, "SELECT count(*) " + of + " AND r.status = 'running'");
        long liveLeaseOnFinished = SuiteDatabases.count(db, "SELECT count(*) " + of + " AND r.status <> 'running' "
                + "AND EXISTS (SELECT 1 FROM tracking.run_leases l WHERE l.run_id = r.run_id AND l.ended_at IS NULL)");
        check(twice == 0 && doublesSeen == 0, twice + " runs leased twice, " + doublesSeen + " claimed by two workers");
        check(queued == 0, queued + " runs never claimed (lost)");
        check(running == 0, running + " runs still running after every worker stopped (stuck)");
        check(liveLeaseOnFinished == 0, liveLeaseOnFinished + " finished runs with a live lease");
    }

    /**
     * The migration is whole: every migrated run has its audit row and the other way round, the
     * report's counts match the tables, and a repeat creates nothing.
     */
    void migration(DataSource db, MigrationReports reports) {
        long migrated = SuiteDatabases.count(db, "SELECT count(*) FROM registry.training_runs r "
                + "JOIN tracking.training_runs t ON t.run_id = r.run_id");
        long audited = SuiteDatabases.count(db, "SELECT count(*) FROM registry.audit_log "
                + "WHERE action = 'migrate' AND entity_type = 'training_run'");
        long unaudited = SuiteDatabases.count(db, "SELECT count(*) FROM registry.training_runs r "
                + "JOIN tracking.training_runs t ON t.run_id = r.run_id WHERE NOT EXISTS (SELECT 1 FROM registry.audit_log a "
                + "WHERE a.entity_id = r.run_id AND a.action = 'migrate')");
        var first = reports.last();
        check(unaudited == 0 && migrated == audited, migrated + " migrated runs, " + audited + " migrate audit rows, "
                + unaudited + " migrated runs without one");
        check(migrated == first.runsCreated() + first.runsAlreadyMigrated(), "migration reported "
                + (first.runsCreated() + first.runsAlreadyMigrated()) + " runs migrated, the tables hold " + migrated);
        check(first.trackingRuns() == first.runsCreated() + first.runsAlreadyMigrated() + first.skipped().size(),
                "migration report does not add up: " + first);
        check(reports.again().createdNothing() && reports.again().runsAlreadyMigrated() == migrated,
                "a repeated migration created rows: " + reports.again());
    }
}
