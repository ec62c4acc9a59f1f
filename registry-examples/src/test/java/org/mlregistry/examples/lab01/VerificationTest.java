package org.mlregistry.examples.lab01;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.Result;
import org.junit.jupiter.api.Test;
import org.mlregistry.examples.catalog.LabCatalog;
import org.mlregistry.examples.equivalence.LabSql;
import org.mlregistry.schema.DatabaseTest;

/**
 * Lab 01, Verification: the Java queries get the same plan as the lab's, EXPLAIN ANALYZE really
 * runs them, and the plans are what PostgreSQL does on 20 rows (asserted on structure, never on
 * timings). The lab's headings expect indexes to be used; on one page of rows PostgreSQL prefers a
 * sequential scan, and uses the indexes once sequential scans are made unattractive.
 */
class VerificationTest extends DatabaseTest {

    /**
     * The plan's node lines ("Seq Scan on training_runs", "-> Sort"), without costs and timings. From
     * PostgreSQL 18 on, EXPLAIN ANALYZE reports buffers by default, under a "Planning:" heading when
     * planning read any (catalog cache misses, not the plan): that heading is no node either.
     */
    private static List<String> nodes(List<String> plan) {
        return plan.stream()
                .filter(line -> !line.startsWith(" ") || line.trim().startsWith("->"))
                .filter(line -> !line.contains("Time:") && !line.equals("Planning:"))
                .map(line -> line.replaceAll("\\s+\\(cost=.*$", "").replace("->", "").trim())
                .toList();
    }

    private static List<String> labPlan(DSLContext ctx, String id) {
        String sql = LabCatalog.select(List.of(id)).get(0).labSql();
        return LabSql.run(ctx, "tracking", sql).rows().getValues(0, String.class);
    }

    private static List<String> javaPlan(DSLContext ctx, Function<DSLContext, Result<Record1<String>>> example) {
        return example.apply(ctx).getValues(0, String.class);
    }

    /** Both plans, checked to be analyzed runs of the same plan; returns the Java one's nodes. */
    private static List<String> samePlan(DSLContext ctx, String id, Function<DSLContext, Result<Record1<String>>> example) {
        List<String> lab = labPlan(ctx, id);
        List<String> java = javaPlan(ctx, example);
        System.out.println(id + " lab:\n  " + String.join("\n  ", lab) + "\n" + id + " java:\n  " + String.join("\n  ", java));
        assertThat(java).anyMatch(line -> line.contains("actual time=")).anyMatch(line -> line.startsWith("Execution Time:"));
        assertThat(nodes(java)).as("plan nodes").isEqualTo(nodes(lab));
        return nodes(java);
    }

    /**
     * Puts the table, for this transaction, in the state the plans are asserted for: never analyzed
     * (no column statistics, size unknown), as a freshly migrated database with 20 rows is until
     * autovacuum reaches it. Both are catalog rows, so the rollback restores whatever autovacuum
     * wrote; the test database's owner is a superuser.
     */
    private static void withoutStatistics(DSLContext ctx) {
        ctx.execute("DELETE FROM pg_statistic WHERE starelid = 'tracking.training_runs'::regclass");
        ctx.execute("UPDATE pg_class SET reltuples = -1, relpages = 0, relallvisible = 0 WHERE oid = 'tracking.training_runs'::regclass");
    }

    @Test
    void statusFilterUsesTheStatusIndexWithoutStatistics() {
        rolledBack(ctx -> {
            withoutStatistics(ctx);
            List<String> plan = samePlan(ctx, "L1.V.02", Verification::planOfStatusFilter);
            // default selectivity of "status = const" is 0.5%: an index scan looks cheapest
            assertThat(plan).containsExactly("Index Scan using idx_training_runs_status_date on training_runs");
            ctx.execute("SET LOCAL enable_seqscan = off");
            assertThat(String.join("\n", samePlan(ctx, "L1.V.02", Verification::planOfStatusFilter)))
                    .contains("idx_training_runs_status");
        });
    }

    @Test
    void jsonbContainmentScansTheTableAndUsesTheGinIndexOnlyWhenSeqScansAreOff() {
        rolledBack(ctx -> {
            withoutStatistics(ctx);
            List<String> plan = samePlan(ctx, "L1.V.03", Verification::planOfJsonbContainment);
            assertThat(plan).containsExactly("Seq Scan on training_runs");
            ctx.execute("SET LOCAL enable_seqscan = off");
            assertThat(samePlan(ctx, "L1.V.03", Verification::planOfJsonbContainment))
                    .contains("Bitmap Index Scan on idx_training_runs_parameters");
        });
    }

    @Test
    void dateRangeSortsAScanAndUsesTheCreatedAtIndexOnlyWhenSeqScansAreOff() {
        rolledBack(ctx -> {
            withoutStatistics(ctx);
            List<String> plan = samePlan(ctx, "L1.V.04", Verification::planOfRecentRuns);
            assertThat(plan).containsExactly("Sort", "Seq Scan on training_runs");
            ctx.execute("SET LOCAL enable_seqscan = off");
            assertThat(String.join("\n", samePlan(ctx, "L1.V.04", Verification::planOfRecentRuns)))
                    .contains("idx_training_runs_created_at");
        });
    }

    @Test
    void aggregationHashesAScan() {
        rolledBack(ctx -> {
            withoutStatistics(ctx);
            List<String> plan = samePlan(ctx, "L1.V.05", Verification::planOfAggregation);
            assertThat(plan).last().isEqualTo("Seq Scan on training_runs");
            assertThat(plan).containsExactly("HashAggregate", "Seq Scan on training_runs");
        });
    }
}
