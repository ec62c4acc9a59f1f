package org.mlregistry.examples.lab02;

import static org.jooq.impl.DSL.concat;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.function;
import static org.jooq.impl.DSL.groupConcatDistinct;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.lateral;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.notExists;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.trueCondition;
import static org.mlregistry.schema.jooq.registry.Tables.APPROVALS;
import static org.mlregistry.schema.jooq.registry.Tables.DATASETS;
import static org.mlregistry.schema.jooq.registry.Tables.DEPLOYMENTS;
import static org.mlregistry.schema.jooq.registry.Tables.ENVIRONMENTS;
import static org.mlregistry.schema.jooq.registry.Tables.MODELS;
import static org.mlregistry.schema.jooq.registry.Tables.MODEL_VERSIONS;
import static org.mlregistry.schema.jooq.registry.Tables.RUN_DATASETS;
import static org.mlregistry.schema.jooq.registry.Tables.TRAINING_RUNS;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.Record3;
import org.jooq.Record4;
import org.jooq.Record5;
import org.jooq.Record6;
import org.jooq.Record8;
import org.jooq.Result;
import org.jooq.Table;
import org.mlregistry.examples.catalog.LabStatement;
import org.mlregistry.examples.catalog.LabStatement.Check;
import org.mlregistry.schema.jooq.registry.tables.Approvals;
import org.mlregistry.schema.jooq.registry.tables.Datasets;
import org.mlregistry.schema.jooq.registry.tables.Deployments;
import org.mlregistry.schema.jooq.registry.tables.Environments;
import org.mlregistry.schema.jooq.registry.tables.ModelVersions;
import org.mlregistry.schema.jooq.registry.tables.Models;
import org.mlregistry.schema.jooq.registry.tables.RunDatasets;
import org.mlregistry.schema.jooq.registry.tables.TrainingRuns;
import org.mlregistry.schema.types.ApprovalStatus;
import org.mlregistry.schema.types.DeploymentStatus;
import org.mlregistry.schema.types.EnvironmentType;

/**
 * Lab 02, Part 6 (index usage, integrity and size checks, EXPLAIN ANALYZE) and Part 7,
 * challenge 2 (production models with approval status, latest training metrics and datasets).
 *
 * <p>The statistics views have no generated classes: they are named with {@link org.jooq.impl.DSL#name}
 * and their columns typed by hand. Where the lab filters on schema {@code public}, the examples
 * filter on {@code registry} and leave Flyway's history table out (see {@link SchemaVerification}).
 */
public final class ProductionChecks {

    private static final String SCHEMA = SchemaVerification.SCHEMA;
    private static final String FLYWAY_TABLES = SchemaVerification.FLYWAY_TABLES;

    private ProductionChecks() {
    }

    /**
     * The lab selects {@code tablename} and {@code indexname}, columns of {@code pg_indexes}; in
     * {@code pg_stat_user_indexes} they are {@code relname} and {@code indexrelname}, so the lab's
     * query fails. Statistics are read once per transaction, so both runs see the same counts.
     */
    @LabStatement(ids = "L2.P6.01", step = "Step 6.1: Indexing Strategy",
            title = "Check index usage", sql = """
            SELECT
                schemaname,
                tablename,
                indexname,
                idx_scan,
                idx_tup_read,
                idx_tup_fetch
            FROM pg_stat_user_indexes
            WHERE schemaname = 'public'
            ORDER BY idx_scan DESC;
            """, checkedSql = """
            SELECT
                schemaname,
                relname AS tablename,
                indexrelname AS indexname,
                idx_scan,
                idx_tup_read,
                idx_tup_fetch
            FROM pg_stat_user_indexes
            WHERE schemaname = 'registry'
              AND relname NOT LIKE 'flyway%'
            ORDER BY idx_scan DESC;
            """)
    public static Result<Record6<String, String, String, Long, Long, Long>> indexUsage(DSLContext ctx) {
        Field<Long> idxScan = field(name("idx_scan"), Long.class);
        Field<String> relname = field(name("relname"), String.class);
        return ctx.select(
                        field(name("schemaname"), String.class),
                        relname.as("tablename"),
                        field(name("indexrelname"), String.class).as("indexname"),
                        idxScan,
                        field(name("idx_tup_read"), Long.class),
                        field(name("idx_tup_fetch"), Long.class))
                .from(table(name("pg_catalog", "pg_stat_user_indexes")))
                .where(field(name("schemaname"), String.class).eq(SCHEMA))
                .and(relname.notLike(FLYWAY_TABLES))
                .orderBy(idxScan.desc())
                .fetch();
    }

    /** Same column mistake as L2.P6.01: {@code pg_stat_user_tables} names the table {@code relname}. */
    @LabStatement(ids = "L2.P6.02", step = "Step 6.1: Indexing Strategy",
            title = "Find missing indexes (queries that do seq scans)", sql = """
            SELECT
                schemaname,
                tablename,
                seq_scan,
                seq_tup_read,
                seq_tup_read / seq_scan AS avg_rows_per_scan
            FROM pg_stat_user_tables
            WHERE schemaname = 'public'
              AND seq_scan > 0
            ORDER BY seq_tup_read DESC;
            """, checkedSql = """
            SELECT
                schemaname,
                relname AS tablename,
                seq_scan,
                seq_tup_read,
                seq_tup_read / seq_scan AS avg_rows_per_scan
            FROM pg_stat_user_tables
            WHERE schemaname = 'registry'
              AND relname NOT LIKE 'flyway%'
              AND seq_scan > 0
            ORDER BY seq_tup_read DESC;
            """)
    public static Result<Record5<String, String, Long, Long, Long>> sequentialScans(DSLContext ctx) {
        Field<Long> seqScan = field(name("seq_scan"), Long.class);
        Field<Long> seqTupRead = field(name("seq_tup_read"), Long.class);
        Field<String> relname = field(name("relname"), String.class);
        return ctx.select(
                        field(name("schemaname"), String.class),
                        relname.as("tablename"),
                        seqScan,
                        seqTupRead,
                        seqTupRead.div(seqScan).as("avg_rows_per_scan"))
                .from(table(name("pg_catalog", "pg_stat_user_tables")))
                .where(field(name("schemaname"), String.class).eq(SCHEMA))
                .and(relname.notLike(FLYWAY_TABLES))
                .and(seqScan.gt(0L))
                .orderBy(seqTupRead.desc())
                .fetch();
    }

    @LabStatement(ids = "L2.P6.03", step = "Step 6.2: Data Integrity Validation",
            title = "1. Orphaned records (shouldn't exist with FK constraints)", sql = """
            SELECT 'Checking for orphaned model_versions...' AS check_name;
            """)
    public static Result<Record1<String>> orphanCheckMessage(DSLContext ctx) {
        return ctx.select(inline("Checking for orphaned model_versions...").as("check_name")).fetch();
    }

    @LabStatement(ids = "L2.P6.04", step = "Step 6.2: Data Integrity Validation",
            title = "1. Orphaned records (shouldn't exist with FK constraints)", sql = """
            SELECT COUNT(*) AS orphaned_count
            FROM model_versions mv
            WHERE NOT EXISTS (
                SELECT 1 FROM models m WHERE m.model_id = mv.model_id
            );
            """)
    public static Result<Record1<Integer>> orphanedVersions(DSLContext ctx) {
        ModelVersions mv = MODEL_VERSIONS.as("mv");
        Models m = MODELS.as("m");
        return ctx.select(count().as("orphaned_count"))
                .from(mv)
                .where(notExists(selectOne().from(m).where(m.MODEL_ID.eq(mv.MODEL_ID))))
                .fetch();
    }

    @LabStatement(ids = "L2.P6.05", step = "Step 6.2: Data Integrity Validation",
            title = "2. Deployments without active environment", sql = """
            SELECT 'Checking active deployments in valid environments...' AS check_name;
            """)
    public static Result<Record1<String>> deploymentCheckMessage(DSLContext ctx) {
        return ctx.select(inline("Checking active deployments in valid environments...").as("check_name")).fetch();
    }

    @LabStatement(ids = "L2.P6.06", step = "Step 6.2: Data Integrity Validation",
            title = "2. Deployments without active environment", sql = """
            SELECT COUNT(*) AS invalid_deployments
            FROM deployments d
            LEFT JOIN environments e ON d.environment_id = e.environment_id
            WHERE d.status = 'active' AND e.environment_id IS NULL;
            """)
    public static Result<Record1<Integer>> activeDeploymentsWithoutEnvironment(DSLContext ctx) {
        Deployments d = DEPLOYMENTS.as("d");
        Environments e = ENVIRONMENTS.as("e");
        return ctx.select(count().as("invalid_deployments"))
                .from(d)
                .leftJoin(e).on(d.ENVIRONMENT_ID.eq(e.ENVIRONMENT_ID))
                .where(d.STATUS.eq(DeploymentStatus.ACTIVE))
                .and(e.ENVIRONMENT_ID.isNull())
                .fetch();
    }

    @LabStatement(ids = "L2.P6.07", step = "Step 6.2: Data Integrity Validation",
            title = "3. Models without versions (allowed, but worth tracking)", sql = """
            SELECT
                m.model_name,
                m.created_at,
                COUNT(mv.version_id) AS version_count
            FROM models m
            LEFT JOIN model_versions mv ON m.model_id = mv.model_id
            GROUP BY m.model_id, m.model_name, m.created_at
            HAVING COUNT(mv.version_id) = 0;
            """)
    public static Result<Record3<String, OffsetDateTime, Integer>> modelsWithoutVersions(DSLContext ctx) {
        Models m = MODELS.as("m");
        ModelVersions mv = MODEL_VERSIONS.as("mv");
        return ctx.select(m.MODEL_NAME, m.CREATED_AT, count(mv.VERSION_ID).as("version_count"))
                .from(m)
                .leftJoin(mv).on(m.MODEL_ID.eq(mv.MODEL_ID))
                .groupBy(m.MODEL_ID, m.MODEL_NAME, m.CREATED_AT)
                .having(count(mv.VERSION_ID).eq(0))
                .fetch();
    }

    /** The lab's query runs, but on schema public, which holds no table here. */
    @LabStatement(ids = "L2.P6.08", step = "Step 6.3: Performance Optimization",
            title = "1. Table sizes", sql = """
            SELECT
                schemaname,
                tablename,
                pg_size_pretty(pg_total_relation_size(schemaname||'.'||tablename)) AS total_size,
                pg_size_pretty(pg_relation_size(schemaname||'.'||tablename)) AS table_size,
                pg_size_pretty(pg_total_relation_size(schemaname||'.'||tablename) - pg_relation_size(schemaname||'.'||tablename)) AS index_size
            FROM pg_tables
            WHERE schemaname = 'public'
            ORDER BY pg_total_relation_size(schemaname||'.'||tablename) DESC;
            """, checkedSql = """
            SELECT
                schemaname,
                tablename,
                pg_size_pretty(pg_total_relation_size(schemaname||'.'||tablename)) AS total_size,
                pg_size_pretty(pg_relation_size(schemaname||'.'||tablename)) AS table_size,
                pg_size_pretty(pg_total_relation_size(schemaname||'.'||tablename) - pg_relation_size(schemaname||'.'||tablename)) AS index_size
            FROM pg_tables
            WHERE schemaname = 'registry'
              AND tablename NOT LIKE 'flyway%'
            ORDER BY pg_total_relation_size(schemaname||'.'||tablename) DESC;
            """)
    public static Result<Record5<String, String, String, String, String>> tableSizes(DSLContext ctx) {
        Field<String> schemaname = field(name("schemaname"), String.class);
        Field<String> tablename = field(name("tablename"), String.class);
        Field<String> qualified = concat(schemaname, inline("."), tablename);
        Field<Long> totalSize = function(name("pg_total_relation_size"), Long.class, qualified);
        Field<Long> tableSize = function(name("pg_relation_size"), Long.class, qualified);
        return ctx.select(
                        schemaname,
                        tablename,
                        prettySize(totalSize).as("total_size"),
                        prettySize(tableSize).as("table_size"),
                        prettySize(totalSize.minus(tableSize)).as("index_size"))
                .from(table(name("pg_catalog", "pg_tables")))
                .where(schemaname.eq(SCHEMA))
                .and(tablename.notLike(FLYWAY_TABLES))
                .orderBy(totalSize.desc())
                .fetch();
    }

    private static Field<String> prettySize(Field<Long> bytes) {
        return function(name("pg_size_pretty"), String.class, bytes);
    }

    /**
     * jOOQ's {@code ctx.explain(query)} runs a plain EXPLAIN; EXPLAIN ANALYZE (which executes the
     * query) is a plain-SQL template around the jOOQ query. One row per plan line, column "QUERY PLAN".
     */
    @LabStatement(ids = "L2.P6.09", step = "Step 6.3: Performance Optimization",
            title = "3. EXPLAIN ANALYZE for common queries", check = Check.DEDICATED_TEST,
            test = "ProductionChecksTest#explainAnalyzeReportsThePlanWithActualTimes", sql = """
            EXPLAIN ANALYZE
            SELECT m.model_name, COUNT(mv.version_id)
            FROM models m
            LEFT JOIN model_versions mv ON m.model_id = mv.model_id
            GROUP BY m.model_id, m.model_name;
            """)
    public static Result<Record> explainAnalyzeVersionCount(DSLContext ctx) {
        Models m = MODELS.as("m");
        ModelVersions mv = MODEL_VERSIONS.as("mv");
        var query = ctx.select(m.MODEL_NAME, count(mv.VERSION_ID))
                .from(m)
                .leftJoin(mv).on(m.MODEL_ID.eq(mv.MODEL_ID))
                .groupBy(m.MODEL_ID, m.MODEL_NAME);
        return ctx.resultQuery("EXPLAIN ANALYZE {0}", query).fetch();
    }

    /**
     * Challenge 2: "all models deployed to production with approval status, including their latest
     * training metrics and the datasets used". The lab's hint selects {@code dep.environment_name}
     * and {@code dep.deployed_at} but names its tables {@code dep_join} and {@code e}, so PostgreSQL
     * refuses it ("missing FROM-clause entry for table dep"). What it means: the environment's name
     * and the deployment's time. One row per active production deployment and approval status (the
     * hint's GROUP BY), the version's latest run found with LATERAL. Two more fixes: the datasets
     * are listed once each, in name order ({@code STRING_AGG(DISTINCT … ORDER BY …)}), because the
     * hint repeats a dataset for every approval with the same status and for every role it has in
     * the run, in no defined order.
     */
    @LabStatement(ids = "L2.P7.01", step = "Challenge 2: Complex Query",
            title = "3. EXPLAIN ANALYZE for common queries", sql = """
            SELECT
                m.model_name,
                mv.semver,
                dep.environment_name,
                dep.deployed_at,
                a.status AS approval_status,
                tr.accuracy,
                tr.f1_score,
                STRING_AGG(d.dataset_name, ', ') AS datasets_used
            FROM models m
            INNER JOIN model_versions mv ON m.model_id = mv.model_id
            INNER JOIN deployments dep_join ON mv.version_id = dep_join.version_id
            INNER JOIN environments e ON dep_join.environment_id = e.environment_id
            LEFT JOIN approvals a ON mv.version_id = a.version_id
            LEFT JOIN LATERAL (
                SELECT * FROM training_runs
                WHERE version_id = mv.version_id
                ORDER BY created_at DESC
                LIMIT 1
            ) tr ON TRUE
            LEFT JOIN run_datasets rd ON tr.run_id = rd.run_id
            LEFT JOIN datasets d ON rd.dataset_id = d.dataset_id
            WHERE e.environment_type = 'production'
              AND dep_join.status = 'active'
            GROUP BY m.model_name, mv.semver, dep.environment_name, dep.deployed_at,
                     a.status, tr.accuracy, tr.f1_score;
            """, checkedSql = """
            SELECT
                m.model_name,
                mv.semver,
                e.environment_name,
                dep_join.deployed_at,
                a.status AS approval_status,
                tr.accuracy,
                tr.f1_score,
                STRING_AGG(DISTINCT d.dataset_name, ', ' ORDER BY d.dataset_name) AS datasets_used
            FROM models m
            INNER JOIN model_versions mv ON m.model_id = mv.model_id
            INNER JOIN deployments dep_join ON mv.version_id = dep_join.version_id
            INNER JOIN environments e ON dep_join.environment_id = e.environment_id
            LEFT JOIN approvals a ON mv.version_id = a.version_id
            LEFT JOIN LATERAL (
                SELECT * FROM training_runs
                WHERE version_id = mv.version_id
                ORDER BY created_at DESC
                LIMIT 1
            ) tr ON TRUE
            LEFT JOIN run_datasets rd ON tr.run_id = rd.run_id
            LEFT JOIN datasets d ON rd.dataset_id = d.dataset_id
            WHERE e.environment_type = 'production'
              AND dep_join.status = 'active'
            GROUP BY m.model_name, mv.semver, e.environment_name, dep_join.deployed_at,
                     a.status, tr.accuracy, tr.f1_score;
            """)
    public static Result<Record8<String, String, String, OffsetDateTime, ApprovalStatus, BigDecimal, BigDecimal, String>>
            productionModelsWithApprovalsMetricsAndDatasets(DSLContext ctx) {
        Models m = MODELS.as("m");
        ModelVersions mv = MODEL_VERSIONS.as("mv");
        Deployments depJoin = DEPLOYMENTS.as("dep_join");
        Environments e = ENVIRONMENTS.as("e");
        Approvals a = APPROVALS.as("a");
        RunDatasets rd = RUN_DATASETS.as("rd");
        Datasets d = DATASETS.as("d");

        // The version's latest training run: a LATERAL subquery may refer to mv.
        TrainingRuns runs = TRAINING_RUNS;
        Table<Record4<UUID, BigDecimal, BigDecimal, OffsetDateTime>> tr = lateral(
                select(runs.RUN_ID, runs.ACCURACY, runs.F1_SCORE, runs.CREATED_AT)
                        .from(runs)
                        .where(runs.VERSION_ID.eq(mv.VERSION_ID))
                        .orderBy(runs.CREATED_AT.desc())
                        .limit(1)
                        .asTable("tr"));
        Field<UUID> trRunId = tr.field(runs.RUN_ID);
        Field<BigDecimal> trAccuracy = tr.field(runs.ACCURACY);
        Field<BigDecimal> trF1 = tr.field(runs.F1_SCORE);

        return ctx.select(
                        m.MODEL_NAME,
                        mv.SEMVER,
                        e.ENVIRONMENT_NAME,
                        depJoin.DEPLOYED_AT,
                        a.STATUS.as("approval_status"),
                        trAccuracy,
                        trF1,
                        groupConcatDistinct(d.DATASET_NAME).orderBy(d.DATASET_NAME).separator(", ").as("datasets_used"))
                .from(m)
                .join(mv).on(m.MODEL_ID.eq(mv.MODEL_ID))
                .join(depJoin).on(mv.VERSION_ID.eq(depJoin.VERSION_ID))
                .join(e).on(depJoin.ENVIRONMENT_ID.eq(e.ENVIRONMENT_ID))
                .leftJoin(a).on(mv.VERSION_ID.eq(a.VERSION_ID))
                .leftJoin(tr).on(trueCondition())
                .leftJoin(rd).on(trRunId.eq(rd.RUN_ID))
                .leftJoin(d).on(rd.DATASET_ID.eq(d.DATASET_ID))
                .where(e.ENVIRONMENT_TYPE.eq(EnvironmentType.PRODUCTION))
                .and(depJoin.STATUS.eq(DeploymentStatus.ACTIVE))
                .groupBy(m.MODEL_NAME, mv.SEMVER, e.ENVIRONMENT_NAME, depJoin.DEPLOYED_AT,
                        a.STATUS, trAccuracy, trF1)
                .fetch();
    }
}
