package org.mlregistry.core.maintenance;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * One partition of a {@link PartitionedTable}: the rows whose time lies in {@code [from, to)}.
 *
 * @param table the partitioned table
 * @param name the partition's table name, in the table's schema
 * @param from the inclusive lower bound; empty for a partition that starts at the beginning
 *     (the audit log's {@code audit_log_legacy}) and for the default partition
 * @param to the exclusive upper bound; empty for the default partition
 */
public record TimePartition(PartitionedTable table, String name, Optional<OffsetDateTime> from,
        Optional<OffsetDateTime> to) {

    /**
     * Whether this is the DEFAULT partition, which holds rows of months without their own.
     *
     * @return true when the partition has no bounds
     */
    public boolean isDefault() {
        return to.isEmpty();
    }
}
