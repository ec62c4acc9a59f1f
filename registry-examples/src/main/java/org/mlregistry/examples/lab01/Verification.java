package org.mlregistry.examples.lab01;

import static org.jooq.impl.DSL.avg;
import static org.jooq.impl.DSL.condition;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Query;
import org.jooq.Record1;
import org.jooq.Result;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.mlregistry.examples.catalog.LabStatement;
import org.mlregistry.schema.jooq.tracking.tables.TrainingRuns;
import org.mlregistry.schema.types.RunStatus;

/**
 * Lab 01, Verification: the performance checks. Each returns the lines of PostgreSQL's
 * {@code EXPLAIN ANALYZE} for the query, which it really runs. Which plan PostgreSQL picks depends
 * on the table's size and statistics: on the lab's 20 rows (one page) a sequential scan is cheapest.
 */
public final class Verification {

    private static final TrainingRuns TR = TRAINING_RUNS;

    private Verification() {
    }

    /**
     * EXPLAIN ANALYZE of query. jOOQ's {@link DSLContext#explain} has no ANALYZE, so this is a
     * template around the query, rendered with its values inlined (as in psql).
     */
    public static Result<Record1<String>> explainAnalyze(DSLContext ctx, Query query) {
        Settings inlined = ((Settings) ctx.settings().clone()).withStatementType(StatementType.STATIC_STATEMENT);
        return ctx.configuration().derive(inlined).dsl()
                .resultQuery("EXPLAIN ANALYZE {0}", query)
                .coerce(field(name("QUERY PLAN"), SQLDataType.CLOB))
                .fetch();
    }

    @LabStatement(ids = "L1.V.02", step = "Step 2: Performance Testing",
            title = "Test 1: Index usage for status filter", check = LabStatement.Check.DEDICATED_TEST,
            test = "VerificationTest#statusFilterUsesTheStatusIndexWithoutStatistics", sql = """
            EXPLAIN ANALYZE
            SELECT * FROM training_runs WHERE status = 'succeeded';
            """)
    public static Result<Record1<String>> planOfStatusFilter(DSLContext ctx) {
        return explainAnalyze(ctx, ctx.selectFrom(TR).where(TR.STATUS.eq(RunStatus.SUCCEEDED)));
    }

    @LabStatement(ids = "L1.V.03", step = "Step 2: Performance Testing",
            title = "Test 2: JSONB query performance", check = LabStatement.Check.DEDICATED_TEST,
            test = "VerificationTest#jsonbContainmentScansTheTableAndUsesTheGinIndexOnlyWhenSeqScansAreOff", sql = """
            EXPLAIN ANALYZE
            SELECT * FROM training_runs WHERE parameters @> '{"optimizer": "adam"}'::jsonb;
            """)
    public static Result<Record1<String>> planOfJsonbContainment(DSLContext ctx) {
        // jsonb @> jsonb (containment, served by the GIN index); jOOQ's OSS edition has no typed operator for it
        return explainAnalyze(ctx, ctx.selectFrom(TR)
                .where(condition("{0} @> {1}", TR.PARAMETERS, DSL.val(JSONB.valueOf("{\"optimizer\": \"adam\"}")))));
    }

    @LabStatement(ids = "L1.V.04", step = "Step 2: Performance Testing",
            title = "Test 3: Date range query", check = LabStatement.Check.DEDICATED_TEST,
            test = "VerificationTest#dateRangeSortsAScanAndUsesTheCreatedAtIndexOnlyWhenSeqScansAreOff", sql = """
            EXPLAIN ANALYZE
            SELECT * FROM training_runs
            WHERE created_at > NOW() - INTERVAL '7 days'
            ORDER BY created_at DESC;
            """)
    public static Result<Record1<String>> planOfRecentRuns(DSLContext ctx) {
        return explainAnalyze(ctx, ctx.selectFrom(TR)
                .where(TR.CREATED_AT.gt(currentOffsetDateTime().minus(7)))
                .orderBy(TR.CREATED_AT.desc()));
    }

    @LabStatement(ids = "L1.V.05", step = "Step 2: Performance Testing",
            title = "Test 4: Complex aggregation", check = LabStatement.Check.DEDICATED_TEST,
            test = "VerificationTest#aggregationHashesAScan", sql = """
            EXPLAIN ANALYZE
            SELECT
                framework,
                status,
                COUNT(*),
                AVG(gpu_hours)
            FROM training_runs
            GROUP BY framework, status;
            """)
    public static Result<Record1<String>> planOfAggregation(DSLContext ctx) {
        return explainAnalyze(ctx, ctx.select(TR.FRAMEWORK, TR.STATUS, count(), avg(TR.GPU_HOURS))
                .from(TR)
                .groupBy(TR.FRAMEWORK, TR.STATUS));
    }
}
