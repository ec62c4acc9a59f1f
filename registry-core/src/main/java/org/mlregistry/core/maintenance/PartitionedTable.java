package org.mlregistry.core.maintenance;

/**
 * The append-only tables partitioned by month (UTC) of their time column.
 */
public enum PartitionedTable {

    /** {@code tracking.metric_points}, by {@code logged_at}; no default partition (write paths create their month). */
    METRIC_POINTS("tracking", "metric_points", false),

    /**
     * {@code registry.audit_log}, by {@code occurred_at}; a default partition catches a row of a month
     * without its partition, so an audited write never fails for want of one.
     */
    AUDIT_LOG("registry", "audit_log", true);

    private final String schema;
    private final String table;
    private final boolean hasDefault;

    PartitionedTable(String schema, String table, boolean hasDefault) {
        this.schema = schema;
        this.table = table;
        this.hasDefault = hasDefault;
    }

    /** @return the schema the table is in */
    public String schema() {
        return schema;
    }

    /** @return the table's name */
    public String table() {
        return table;
    }

    /**
     * Whether the table has a DEFAULT partition. PostgreSQL detaches a partition
     * {@code CONCURRENTLY} only from a table without one.
     *
     * @return true for the audit log
     */
    public boolean hasDefaultPartition() {
        return hasDefault;
    }
}
