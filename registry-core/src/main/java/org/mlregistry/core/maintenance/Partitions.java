package org.mlregistry.core.maintenance;

import static org.mlregistry.schema.jooq.registry.Tables.TIME_PARTITIONS;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.TransactionNotAllowedException;
import org.mlregistry.core.internal.SchemaMapping;
import org.mlregistry.core.internal.Session;
import org.mlregistry.core.internal.Validator;

/**
 * The monthly (UTC) partitions of {@code tracking.metric_points} and {@code registry.audit_log}.
 * A service calls {@link #ensureAhead} on a schedule (creating a partition takes a short
 * exclusive lock on its table, better taken ahead than by a write) and retires old months with
 * {@link #dropOlderThan} or {@link #detachOlderThan}: whole partitions, never a DELETE of rows
 * nor a table rewrite. Partition names and bounds are made by the database from dates the
 * library computed; no caller text reaches the SQL. Retention is not written to the audit log
 * (it is about tables, not about an entity of the registry): log the returned names.
 */
public final class Partitions {

    /** The furthest ahead {@link #ensureAhead} creates, in months (ten years). */
    public static final int MAX_MONTHS_AHEAD = 120;

    private final Session session;

    private Partitions(Session session) {
        this.session = session;
    }

    static Partitions of(Session session) {
        return new Partitions(session);
    }

    /**
     * Creates the partitions of both tables for the current month (UTC, by the database's clock)
     * and the next {@code months} months, unless they exist; idempotent, safe when two sessions do
     * it at once, one transaction. Audit rows that fell into the audit log's default partition
     * move into their new month.
     *
     * @param months how many months after the current one, 0 to {@value #MAX_MONTHS_AHEAD}
     * @return how many partitions were created
     * @throws InvalidValueException when months is out of range
     */
    public int ensureAhead(int months) {
        if (months < 0 || months > MAX_MONTHS_AHEAD) {
            throw new InvalidValueException("months", months, "must be between 0 and " + MAX_MONTHS_AHEAD);
        }
        return session.inTransaction(ctx -> Objects.requireNonNull(ctx.fetchSingle(SchemaMapping.sql(ctx, """
                SELECT tracking.ensure_metric_partitions(m) + registry.ensure_audit_partitions(m)
                  FROM (SELECT array_agg(now() + make_interval(months => i)) AS m FROM generate_series(0, ?) AS i) AS months
                """), months).get(0, Integer.class)));
    }

    /**
     * The partitions of a table: bounded ones oldest first, then the default partition.
     *
     * @param table the partitioned table
     * @return its partitions
     * @throws InvalidValueException when table is null
     */
    public List<TimePartition> list(PartitionedTable table) {
        Validator.required("table", table);
        var p = TIME_PARTITIONS;
        return session.read(ctx -> ctx.select(p.PARTITION_NAME, p.LOWER_BOUND, p.UPPER_BOUND).from(p)
                .where(p.TABLE_SCHEMA.eq(SchemaMapping.actual(ctx, table.schema())), p.TABLE_NAME.eq(table.table()))
                .orderBy(p.IS_DEFAULT, p.LOWER_BOUND.asc().nullsFirst())
                .fetch(r -> new TimePartition(table, r.value1(), Optional.ofNullable(r.value2()),
                        Optional.ofNullable(r.value3()))));
    }

    /**
     * Detaches every partition of table whose whole range lies before cutoff (upper bound &lt;=
     * cutoff), oldest first, and leaves it as a plain table of the same name (to archive, e.g.
     * with {@code pg_dump -t}, then drop). The partition holding cutoff, newer ones and the default
     * partition stay. The metric history detaches {@code CONCURRENTLY}: readers and writers of
     * other months are never blocked, the call waits for transactions that still use the
     * partition. The audit log has a default partition, which PostgreSQL's concurrent detach
     * does not allow: each of its partitions is detached in a short transaction of its own under
     * the registry's lock timeout (a catalog change, no scan). A detach that was interrupted is
     * finished first ({@code DETACH … FINALIZE}). Each partition is committed on its own, so the
     * call must not run inside a transaction.
     *
     * @param table the partitioned table
     * @param cutoff the retention horizon, not in the future
     * @return the detached partitions' names, oldest first
     * @throws InvalidValueException when an argument is null or cutoff is in the future
     * @throws TransactionNotAllowedException when called inside a transaction
     */
    public List<String> detachOlderThan(PartitionedTable table, OffsetDateTime cutoff) {
        List<String> names = olderThan("detachOlderThan", table, cutoff);
        for (String name : names) {
            detach(table, name);
        }
        return names;
    }

    /**
     * Drops every partition of table whose whole range lies before cutoff, with its rows: as
     * {@link #detachOlderThan}, then {@code DROP TABLE} of each detached partition. Rows of newer
     * partitions stay; the metric history's latest values ({@code run_metric_latest}) and the
     * events stay.
     *
     * @param table the partitioned table
     * @param cutoff the retention horizon, not in the future
     * @return the dropped partitions' names, oldest first
     * @throws InvalidValueException when an argument is null or cutoff is in the future
     * @throws TransactionNotAllowedException when called inside a transaction
     */
    public List<String> dropOlderThan(PartitionedTable table, OffsetDateTime cutoff) {
        List<String> names = olderThan("dropOlderThan", table, cutoff);
        for (String name : names) {
            detach(table, name);
            session.inTransaction(ctx -> ctx.execute("DROP TABLE " + ctx.render(DSL.name(SchemaMapping.actual(ctx, table.schema()), name))));
        }
        return names;
    }

    private List<String> olderThan(String operation, PartitionedTable table, OffsetDateTime cutoff) {
        Validator.required("table", table);
        Validator.required("cutoff", cutoff);
        if (cutoff.isAfter(OffsetDateTime.now())) {
            throw new InvalidValueException("cutoff", cutoff, "must not be in the future");
        }
        if (session.inTransactionNow() || session.read(ctx -> ctx.connectionResult(c -> !c.getAutoCommit()))) {
            throw new TransactionNotAllowedException(operation);
        }
        var p = TIME_PARTITIONS;
        return session.read(ctx -> ctx.select(p.PARTITION_NAME).from(p)
                .where(p.TABLE_SCHEMA.eq(SchemaMapping.actual(ctx, table.schema())), p.TABLE_NAME.eq(table.table()), p.UPPER_BOUND.le(cutoff))
                .orderBy(p.UPPER_BOUND).fetch(p.PARTITION_NAME));
    }

    private void detach(PartitionedTable table, String name) {
        boolean pending = session.read(ctx -> ctx.fetchExists(ctx.selectFrom(TIME_PARTITIONS).where(
                TIME_PARTITIONS.TABLE_SCHEMA.eq(SchemaMapping.actual(ctx, table.schema())), TIME_PARTITIONS.TABLE_NAME.eq(table.table()),
                TIME_PARTITIONS.PARTITION_NAME.eq(name), TIME_PARTITIONS.DETACH_PENDING.isTrue())));
        if (table.hasDefaultPartition()) {
            session.inTransaction(ctx -> ctx.execute(detachStatement(ctx, table, name, "")));
        } else {
            session.read(ctx -> ctx.execute(detachStatement(ctx, table, name, pending ? " FINALIZE" : " CONCURRENTLY")));
        }
    }

    private static String detachStatement(DSLContext ctx, PartitionedTable table, String name, String mode) {
        return "ALTER TABLE " + ctx.render(DSL.name(SchemaMapping.actual(ctx, table.schema()), table.table()))
                + " DETACH PARTITION " + ctx.render(DSL.name(SchemaMapping.actual(ctx, table.schema()), name)) + mode;
    }
}
