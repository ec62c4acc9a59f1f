package org.mlregistry.examples.lab01;

import static org.jooq.impl.DSL.avg;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.round;
import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

import java.math.BigDecimal;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Record2;
import org.jooq.Record4;
import org.jooq.Result;
import org.mlregistry.examples.catalog.LabStatement;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.RunStatus;

/** Lab 01, Part 3: the queries that verify the seed data. */
public final class SeedVerification {

    private SeedVerification() {
    }

    @LabStatement(ids = "L1.P3.02", title = "Total count", sql = """
            SELECT COUNT(*) AS total_runs FROM training_runs;
            """)
    public static Result<Record1<Integer>> totalCount(DSLContext ctx) {
        return ctx.select(count().as("total_runs"))
                .from(TRAINING_RUNS)
                .fetch();
    }

    @LabStatement(ids = "L1.P3.03", title = "Breakdown by status", sql = """
            SELECT status, COUNT(*) AS count
            FROM training_runs
            GROUP BY status
            ORDER BY count DESC;
            """)
    public static Result<Record2<RunStatus, Integer>> breakdownByStatus(DSLContext ctx) {
        Field<Integer> count = count().as("count");
        return ctx.select(TRAINING_RUNS.STATUS, count)
                .from(TRAINING_RUNS)
                .groupBy(TRAINING_RUNS.STATUS)
                .orderBy(count.desc())
                .fetch();
    }

    @LabStatement(ids = "L1.P3.04", title = "Framework distribution", sql = """
            SELECT framework, COUNT(*) AS count
            FROM training_runs
            GROUP BY framework
            ORDER BY count DESC;
            """)
    public static Result<Record2<Framework, Integer>> frameworkDistribution(DSLContext ctx) {
        Field<Integer> count = count().as("count");
        return ctx.select(TRAINING_RUNS.FRAMEWORK, count)
                .from(TRAINING_RUNS)
                .groupBy(TRAINING_RUNS.FRAMEWORK)
                .orderBy(count.desc())
                .fetch();
    }

    @LabStatement(ids = "L1.P3.05", title = "Average accuracy by framework (for succeeded runs)", ordered = true, sql = """
            SELECT
                framework,
                COUNT(*) AS total_runs,
                COUNT(accuracy) AS runs_with_accuracy,
                ROUND(AVG(accuracy)::numeric, 4) AS avg_accuracy
            FROM training_runs
            WHERE status = 'succeeded'
            GROUP BY framework
            ORDER BY avg_accuracy DESC NULLS LAST;
            """)
    public static Result<Record4<Framework, Integer, Integer, BigDecimal>> averageAccuracyByFramework(DSLContext ctx) {
        Field<BigDecimal> avgAccuracy = round(avg(TRAINING_RUNS.ACCURACY), 4).as("avg_accuracy");
        return ctx.select(
                        TRAINING_RUNS.FRAMEWORK,
                        count().as("total_runs"),
                        count(TRAINING_RUNS.ACCURACY).as("runs_with_accuracy"),
                        avgAccuracy)
                .from(TRAINING_RUNS)
                .where(TRAINING_RUNS.STATUS.eq(RunStatus.SUCCEEDED))
                .groupBy(TRAINING_RUNS.FRAMEWORK)
                .orderBy(avgAccuracy.desc().nullsLast())
                .fetch();
    }
}
