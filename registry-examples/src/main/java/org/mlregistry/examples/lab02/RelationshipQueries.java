package org.mlregistry.examples.lab02;

import static org.jooq.impl.DSL.avg;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.countDistinct;
import static org.jooq.impl.DSL.groupConcatDistinct;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.round;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;
import static org.mlregistry.schema.jooq.registry.Tables.APPROVALS;
import static org.mlregistry.schema.jooq.registry.Tables.DATASETS;
import static org.mlregistry.schema.jooq.registry.Tables.DEPLOYMENTS;
import static org.mlregistry.schema.jooq.registry.Tables.ENVIRONMENTS;
import static org.mlregistry.schema.jooq.registry.Tables.MODELS;
import static org.mlregistry.schema.jooq.registry.Tables.MODEL_VERSIONS;
import static org.mlregistry.schema.jooq.registry.Tables.RUN_DATASETS;
import static org.mlregistry.schema.jooq.registry.Tables.TEAMS;
import static org.mlregistry.schema.jooq.registry.Tables.TRAINING_RUNS;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record3;
import org.jooq.Record4;
import org.jooq.Record5;
import org.jooq.Record7;
import org.jooq.Record8;
import org.jooq.Record9;
import org.jooq.Result;
import org.jooq.Table;
import org.mlregistry.examples.catalog.LabStatement;
import org.mlregistry.schema.jooq.registry.tables.Approvals;
import org.mlregistry.schema.jooq.registry.tables.Datasets;
import org.mlregistry.schema.jooq.registry.tables.Deployments;
import org.mlregistry.schema.jooq.registry.tables.Environments;
import org.mlregistry.schema.jooq.registry.tables.ModelVersions;
import org.mlregistry.schema.jooq.registry.tables.Models;
import org.mlregistry.schema.jooq.registry.tables.RunDatasets;
import org.mlregistry.schema.jooq.registry.tables.Teams;
import org.mlregistry.schema.jooq.registry.tables.TrainingRuns;
import org.mlregistry.schema.types.ApprovalStatus;
import org.mlregistry.schema.types.ApprovalType;
import org.mlregistry.schema.types.DatasetRole;
import org.mlregistry.schema.types.DeploymentStatus;
import org.mlregistry.schema.types.EnvironmentType;
import org.mlregistry.schema.types.ModelFramework;
import org.mlregistry.schema.types.RiskLevel;
import org.mlregistry.schema.types.RunStatus;
import org.mlregistry.schema.types.VersionStatus;

/**
 * Lab 02, Part 5: join, aggregation and multi-join queries across the registry's relationships.
 * The lab's samples hold no runs, deployments or approvals; mlregistry's extended samples
 * (registry-extended.sql) do, so every query here returns rows.
 */
public final class RelationshipQueries {

    private static final Models m = MODELS.as("m");
    private static final ModelVersions mv = MODEL_VERSIONS.as("mv");
    private static final Teams t = TEAMS.as("t");
    private static final Deployments d = DEPLOYMENTS.as("d");
    private static final Environments e = ENVIRONMENTS.as("e");
    private static final TrainingRuns tr = TRAINING_RUNS.as("tr");
    private static final RunDatasets rd = RUN_DATASETS.as("rd");
    private static final Approvals a = APPROVALS.as("a");

    private RelationshipQueries() {
    }

    /** Every version of every model; the two sentiment versions share registered_at, so no fixed order. */
    @LabStatement(ids = "L2.P5.01", step = "Step 5.1: Join Queries",
            title = "1. Models with their latest version", sql = """
            SELECT
                m.model_name,
                m.display_name,
                mv.semver,
                mv.status,
                mv.framework
            FROM models m
            INNER JOIN model_versions mv ON m.model_id = mv.model_id
            ORDER BY m.model_name, mv.registered_at DESC;
            """)
    public static Result<Record5<String, String, String, VersionStatus, ModelFramework>> modelsWithVersions(DSLContext ctx) {
        return ctx.select(m.MODEL_NAME, m.DISPLAY_NAME, mv.SEMVER, mv.STATUS, mv.FRAMEWORK)
                .from(m)
                .join(mv).on(m.MODEL_ID.eq(mv.MODEL_ID))
                .orderBy(m.MODEL_NAME, mv.REGISTERED_AT.desc())
                .fetch();
    }

    @LabStatement(ids = "L2.P5.02", step = "Step 5.1: Join Queries",
            title = "2. Models with team information", sql = """
            SELECT
                m.model_name,
                m.display_name,
                t.team_name,
                t.department,
                m.risk_level
            FROM models m
            LEFT JOIN teams t ON m.team_id = t.team_id
            ORDER BY m.model_name;
            """)
    public static Result<Record5<String, String, String, String, RiskLevel>> modelsWithTeams(DSLContext ctx) {
        return ctx.select(m.MODEL_NAME, m.DISPLAY_NAME, t.TEAM_NAME, t.DEPARTMENT, m.RISK_LEVEL)
                .from(m)
                .leftJoin(t).on(m.TEAM_ID.eq(t.TEAM_ID))
                .orderBy(m.MODEL_NAME)
                .fetch();
    }

    /** Ordered: every sample deployment has its own deployed_at. */
    @LabStatement(ids = "L2.P5.03", step = "Step 5.1: Join Queries",
            title = "3. All deployments with model and environment info", sql = """
            SELECT
                m.model_name,
                mv.semver,
                e.environment_name,
                e.environment_type,
                d.deployed_at,
                d.deployed_by,
                d.status
            FROM deployments d
            INNER JOIN model_versions mv ON d.version_id = mv.version_id
            INNER JOIN models m ON mv.model_id = m.model_id
            INNER JOIN environments e ON d.environment_id = e.environment_id
            ORDER BY d.deployed_at DESC;
            """)
    public static Result<Record7<String, String, String, EnvironmentType, OffsetDateTime, String, DeploymentStatus>>
            deploymentsWithModelAndEnvironment(DSLContext ctx) {
        return ctx.select(m.MODEL_NAME, mv.SEMVER, e.ENVIRONMENT_NAME, e.ENVIRONMENT_TYPE,
                        d.DEPLOYED_AT, d.DEPLOYED_BY, d.STATUS)
                .from(d)
                .join(mv).on(d.VERSION_ID.eq(mv.VERSION_ID))
                .join(m).on(mv.MODEL_ID.eq(m.MODEL_ID))
                .join(e).on(d.ENVIRONMENT_ID.eq(e.ENVIRONMENT_ID))
                .orderBy(d.DEPLOYED_AT.desc())
                .fetch();
    }

    @LabStatement(ids = "L2.P5.04", step = "Step 5.2: Aggregation Across Relationships",
            title = "1. Count versions per model", sql = """
            SELECT
                m.model_name,
                COUNT(mv.version_id) AS version_count,
                MAX(mv.registered_at) AS latest_version_date
            FROM models m
            LEFT JOIN model_versions mv ON m.model_id = mv.model_id
            GROUP BY m.model_id, m.model_name
            ORDER BY version_count DESC;
            """)
    public static Result<Record3<String, Integer, OffsetDateTime>> versionsPerModel(DSLContext ctx) {
        Field<Integer> versionCount = count(mv.VERSION_ID).as("version_count");
        return ctx.select(m.MODEL_NAME, versionCount, max(mv.REGISTERED_AT).as("latest_version_date"))
                .from(m)
                .leftJoin(mv).on(m.MODEL_ID.eq(mv.MODEL_ID))
                .groupBy(m.MODEL_ID, m.MODEL_NAME)
                .orderBy(versionCount.desc())
                .fetch();
    }

    @LabStatement(ids = "L2.P5.05", step = "Step 5.2: Aggregation Across Relationships",
            title = "2. Deployment summary by environment", sql = """
            SELECT
                e.environment_name,
                COUNT(d.deployment_id) AS total_deployments,
                COUNT(DISTINCT mv.model_id) AS unique_models,
                COUNT(*) FILTER (WHERE d.status = 'active') AS active_deployments
            FROM environments e
            LEFT JOIN deployments d ON e.environment_id = d.environment_id
            LEFT JOIN model_versions mv ON d.version_id = mv.version_id
            GROUP BY e.environment_id, e.environment_name
            ORDER BY e.priority DESC;
            """)
    public static Result<Record4<String, Integer, Integer, Integer>> deploymentsByEnvironment(DSLContext ctx) {
        return ctx.select(
                        e.ENVIRONMENT_NAME,
                        count(d.DEPLOYMENT_ID).as("total_deployments"),
                        countDistinct(mv.MODEL_ID).as("unique_models"),
                        count().filterWhere(d.STATUS.eq(DeploymentStatus.ACTIVE)).as("active_deployments"))
                .from(e)
                .leftJoin(d).on(e.ENVIRONMENT_ID.eq(d.ENVIRONMENT_ID))
                .leftJoin(mv).on(d.VERSION_ID.eq(mv.VERSION_ID))
                .groupBy(e.ENVIRONMENT_ID, e.ENVIRONMENT_NAME)
                .orderBy(e.PRIORITY.desc())
                .fetch();
    }

    /** Ordered: the sample models' total costs differ. */
    @LabStatement(ids = "L2.P5.06", step = "Step 5.2: Aggregation Across Relationships",
            title = "3. Training runs per model", sql = """
            SELECT
                m.model_name,
                COUNT(tr.run_id) AS total_runs,
                COUNT(*) FILTER (WHERE tr.status = 'succeeded') AS successful_runs,
                ROUND(AVG(tr.gpu_hours), 2) AS avg_gpu_hours,
                SUM(tr.estimated_cost_usd) AS total_cost
            FROM models m
            INNER JOIN model_versions mv ON m.model_id = mv.model_id
            LEFT JOIN training_runs tr ON mv.version_id = tr.version_id
            GROUP BY m.model_id, m.model_name
            ORDER BY total_cost DESC NULLS LAST;
            """)
    public static Result<Record5<String, Integer, Integer, BigDecimal, BigDecimal>> trainingRunsPerModel(DSLContext ctx) {
        Field<BigDecimal> totalCost = sum(tr.ESTIMATED_COST_USD).as("total_cost");
        return ctx.select(
                        m.MODEL_NAME,
                        count(tr.RUN_ID).as("total_runs"),
                        count().filterWhere(tr.STATUS.eq(RunStatus.SUCCEEDED)).as("successful_runs"),
                        round(avg(tr.GPU_HOURS), 2).as("avg_gpu_hours"),
                        totalCost)
                .from(m)
                .join(mv).on(m.MODEL_ID.eq(mv.MODEL_ID))
                .leftJoin(tr).on(mv.VERSION_ID.eq(tr.VERSION_ID))
                .groupBy(m.MODEL_ID, m.MODEL_NAME)
                .orderBy(totalCost.desc().nullsLast())
                .fetch();
    }

    /**
     * Each run of each sentiment-classifier version, with its training dataset, repeated for each
     * active deployment of the version (the derived table {@code dep}).
     */
    @LabStatement(ids = "L2.P5.07", step = "Step 5.3: Complex Multi-Join Queries",
            title = "1. Complete model lineage", sql = """
            SELECT
                m.model_name,
                mv.semver,
                tr.run_name,
                tr.status AS training_status,
                d_train.dataset_name AS training_dataset,
                tr.accuracy,
                dep.environment_name,
                dep.deployed_at
            FROM models m
            INNER JOIN model_versions mv ON m.model_id = mv.model_id
            LEFT JOIN training_runs tr ON mv.version_id = tr.version_id
            LEFT JOIN run_datasets rd ON tr.run_id = rd.run_id AND rd.dataset_role = 'training'
            LEFT JOIN datasets d_train ON rd.dataset_id = d_train.dataset_id
            LEFT JOIN (
                SELECT
                    d.version_id,
                    e.environment_name,
                    d.deployed_at
                FROM deployments d
                INNER JOIN environments e ON d.environment_id = e.environment_id
                WHERE d.status = 'active'
            ) dep ON mv.version_id = dep.version_id
            WHERE m.model_name = 'sentiment-classifier'
            ORDER BY mv.registered_at DESC, tr.created_at DESC;
            """)
    public static Result<Record8<String, String, String, RunStatus, String, BigDecimal, String, OffsetDateTime>>
            modelLineage(DSLContext ctx) {
        Datasets dTrain = DATASETS.as("d_train");
        Table<Record3<UUID, String, OffsetDateTime>> dep = select(d.VERSION_ID, e.ENVIRONMENT_NAME, d.DEPLOYED_AT)
                .from(d)
                .join(e).on(d.ENVIRONMENT_ID.eq(e.ENVIRONMENT_ID))
                .where(d.STATUS.eq(DeploymentStatus.ACTIVE))
                .asTable("dep");
        return ctx.select(
                        m.MODEL_NAME,
                        mv.SEMVER,
                        tr.RUN_NAME,
                        tr.STATUS.as("training_status"),
                        dTrain.DATASET_NAME.as("training_dataset"),
                        tr.ACCURACY,
                        dep.field(e.ENVIRONMENT_NAME),
                        dep.field(d.DEPLOYED_AT))
                .from(m)
                .join(mv).on(m.MODEL_ID.eq(mv.MODEL_ID))
                .leftJoin(tr).on(mv.VERSION_ID.eq(tr.VERSION_ID))
                .leftJoin(rd).on(tr.RUN_ID.eq(rd.RUN_ID).and(rd.DATASET_ROLE.eq(DatasetRole.TRAINING)))
                .leftJoin(dTrain).on(rd.DATASET_ID.eq(dTrain.DATASET_ID))
                .leftJoin(dep).on(mv.VERSION_ID.eq(dep.field(d.VERSION_ID)))
                .where(m.MODEL_NAME.eq("sentiment-classifier"))
                .orderBy(mv.REGISTERED_AT.desc(), tr.CREATED_AT.desc())
                .fetch();
    }

    /** Ordered: every sample approval has its own requested_at. */
    @LabStatement(ids = "L2.P5.08", step = "Step 5.3: Complex Multi-Join Queries",
            title = "2. Models requiring approval for production", sql = """
            SELECT
                m.model_name,
                m.display_name,
                m.risk_level,
                mv.semver,
                a.approval_type,
                a.status AS approval_status,
                a.requested_at,
                a.approved_by,
                a.approved_at
            FROM models m
            INNER JOIN model_versions mv ON m.model_id = mv.model_id
            INNER JOIN approvals a ON mv.version_id = a.version_id
            WHERE m.compliance_required = TRUE
              AND a.status IN ('pending', 'approved')
            ORDER BY a.requested_at DESC;
            """)
    public static Result<Record9<String, String, RiskLevel, String, ApprovalType, ApprovalStatus, OffsetDateTime, String,
            OffsetDateTime>> approvalsForCompliance(DSLContext ctx) {
        return ctx.select(
                        m.MODEL_NAME,
                        m.DISPLAY_NAME,
                        m.RISK_LEVEL,
                        mv.SEMVER,
                        a.APPROVAL_TYPE,
                        a.STATUS.as("approval_status"),
                        a.REQUESTED_AT,
                        a.APPROVED_BY,
                        a.APPROVED_AT)
                .from(m)
                .join(mv).on(m.MODEL_ID.eq(mv.MODEL_ID))
                .join(a).on(mv.VERSION_ID.eq(a.VERSION_ID))
                .where(m.COMPLIANCE_REQUIRED.isTrue())
                .and(a.STATUS.in(ApprovalStatus.PENDING, ApprovalStatus.APPROVED))
                .orderBy(a.REQUESTED_AT.desc())
                .fetch();
    }

    /**
     * The lab's STRING_AGG(DISTINCT …, ', ') has no ORDER BY, so PostgreSQL may list the models in
     * any order; it happens to sort them (DISTINCT sorts), and so does jOOQ's rendering of the same.
     * Ordered: on the samples, (used_by_models, total_training_runs) differs for every dataset.
     */
    @LabStatement(ids = "L2.P5.09", step = "Step 5.3: Complex Multi-Join Queries",
            title = "3. Dataset usage across models", sql = """
            SELECT
                d.dataset_name,
                d.display_name,
                COUNT(DISTINCT mv.model_id) AS used_by_models,
                COUNT(tr.run_id) AS total_training_runs,
                STRING_AGG(DISTINCT m.model_name, ', ') AS model_list
            FROM datasets d
            INNER JOIN run_datasets rd ON d.dataset_id = rd.dataset_id
            INNER JOIN training_runs tr ON rd.run_id = tr.run_id
            INNER JOIN model_versions mv ON tr.version_id = mv.version_id
            INNER JOIN models m ON mv.model_id = m.model_id
            GROUP BY d.dataset_id, d.dataset_name, d.display_name
            ORDER BY used_by_models DESC, total_training_runs DESC;
            """)
    public static Result<Record5<String, String, Integer, Integer, String>> datasetUsage(DSLContext ctx) {
        Datasets ds = DATASETS.as("d");
        Field<Integer> usedByModels = countDistinct(mv.MODEL_ID).as("used_by_models");
        Field<Integer> totalTrainingRuns = count(tr.RUN_ID).as("total_training_runs");
        return ctx.select(
                        ds.DATASET_NAME,
                        ds.DISPLAY_NAME,
                        usedByModels,
                        totalTrainingRuns,
                        groupConcatDistinct(m.MODEL_NAME).separator(", ").as("model_list"))
                .from(ds)
                .join(rd).on(ds.DATASET_ID.eq(rd.DATASET_ID))
                .join(tr).on(rd.RUN_ID.eq(tr.RUN_ID))
                .join(mv).on(tr.VERSION_ID.eq(mv.VERSION_ID))
                .join(m).on(mv.MODEL_ID.eq(m.MODEL_ID))
                .groupBy(ds.DATASET_ID, ds.DATASET_NAME, ds.DISPLAY_NAME)
                .orderBy(usedByModels.desc(), totalTrainingRuns.desc())
                .fetch();
    }
}
