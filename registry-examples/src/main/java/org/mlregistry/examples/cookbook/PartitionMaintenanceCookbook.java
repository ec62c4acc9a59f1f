package org.mlregistry.examples.cookbook;

import java.time.OffsetDateTime;
import java.util.List;
import org.mlregistry.core.Registry;
import org.mlregistry.core.maintenance.PartitionedTable;
import org.mlregistry.core.maintenance.Partitions;

/**
 * Cookbook: the nightly storage job of a service. It creates the coming months' partitions of the
 * metric history and the audit log before any write needs them, keeps 13 months of metric points
 * (whole months dropped, no DELETE) and detaches audit months older than 7 years, leaving them as
 * plain tables for an archive job ({@code pg_dump -t registry.audit_log_2019_01}, then
 * {@code DROP TABLE}). Runs outside any transaction: each partition is detached on its own.
 */
public final class PartitionMaintenanceCookbook {

    private PartitionMaintenanceCookbook() {
    }

    /**
     * What one night did.
     *
     * @param created partitions created ahead
     * @param droppedMetricMonths metric history partitions dropped
     * @param detachedAuditMonths audit log partitions detached for the archive
     */
    public record Night(int created, List<String> droppedMetricMonths, List<String> detachedAuditMonths) {
    }

    /**
     * Runs the job once.
     *
     * @param registry the registry, configured with a data source (autocommit)
     * @param now the job's clock
     * @return what it did
     */
    public static Night run(Registry registry, OffsetDateTime now) {
        Partitions partitions = registry.maintenance().partitions();
        int created = partitions.ensureAhead(3);
        List<String> dropped = partitions.dropOlderThan(PartitionedTable.METRIC_POINTS, now.minusMonths(13));
        List<String> detached = partitions.detachOlderThan(PartitionedTable.AUDIT_LOG, now.minusYears(7));
        return new Night(created, dropped, detached);
    }
}
