package org.mlregistry.core.maintenance;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.mlregistry.schema.RegistrySchema;
import org.mlregistry.schema.TestDatabase;

/** Fresh databases, hand-written setup and plan reading for the partition tests. */
abstract class PartitionTestSupport {

    /** A new database with every migration applied: partitions created here are committed. */
    static DataSource freshMigratedDatabase() {
        DataSource ds = TestDatabase.freshDatabase();
        RegistrySchema.configure().dataSource(ds).load().migrate();
        return ds;
    }

    static DSLContext dsl(DataSource ds) {
        return DSL.using(ds, SQLDialect.POSTGRES);
    }

    /** A run inserted by hand, for the points' foreign key. */
    static UUID run(DSLContext ctx) {
        return ctx.fetchSingle("""
                INSERT INTO tracking.training_runs (model_name, framework, experiment_name, dataset, compute_target)
                VALUES ('part-model', 'pytorch', 'part-exp-' || gen_random_uuid(), 'part-ds', 'part-target') RETURNING run_id
                """).get(0, UUID.class);
    }

    /** Writes {@code count} points of run, one per step, logged at the given instant (by hand, not by the API). */
    static void points(DSLContext ctx, UUID runId, OffsetDateTime at, int count) {
        ctx.execute("""
                INSERT INTO tracking.metric_points (run_id, metric, step, logged_at, value)
                SELECT ?, 'loss', s, ?::timestamptz, 1.0 / (s + 1) FROM generate_series(1, ?) AS s
                """, runId, at, count);
    }

    /** Writes {@code count} audit rows (teams, by hand) that occurred at the given instant. */
    static void auditRows(DSLContext ctx, OffsetDateTime at, int count) {
        ctx.execute("""
                INSERT INTO registry.audit_log (entity_type, entity_id, action, actor, occurred_at)
                SELECT 'team', gen_random_uuid(), 'create', 'partition-test', ?::timestamptz FROM generate_series(1, ?)
                """, at, count);
    }

    /** Creates the metric history's months of the given instants, by its own function. */
    static void metricMonths(DSLContext ctx, String... instants) {
        ctx.execute("SELECT tracking.ensure_metric_partitions(?::timestamptz[])", (Object) instants);
    }

    /** Creates the audit log's months of the given instants, by its own function. */
    static void auditMonths(DSLContext ctx, String... instants) {
        ctx.execute("SELECT registry.ensure_audit_partitions(?::timestamptz[])", (Object) instants);
    }

    static long count(DSLContext ctx, String sql, Object... binds) {
        return ctx.fetchSingle(sql, binds).get(0, Long.class);
    }

    /** The partitions of parent as PostgreSQL's catalog lists them, by name. */
    static List<String> partitionsOf(DSLContext ctx, String parent) {
        return ctx.fetch("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                + "WHERE i.inhparent = ?::regclass ORDER BY c.relname", parent).getValues(0, String.class);
    }

    /** The tables a plan reads ({@code … on <table>}, not {@code Bitmap Index Scan on <index>}), e.g. the partitions left after pruning. */
    static TreeSet<String> tablesRead(List<String> plan) {
        TreeSet<String> tables = new TreeSet<>();
        Pattern on = Pattern.compile(" on (\\w+)");
        for (String line : plan) {
            Matcher m = on.matcher(line);
            while (m.find()) {
                if (!m.group(1).endsWith("_idx") && !m.group(1).endsWith("_pkey")) {
                    tables.add(m.group(1));
                }
            }
        }
        return tables;
    }
}
