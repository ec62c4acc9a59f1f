package org.mlregistry.core.models;

import static org.mlregistry.schema.jooq.registry.Tables.APPROVALS;
import static org.mlregistry.schema.jooq.registry.Tables.AUDIT_LOG;
import static org.mlregistry.schema.jooq.registry.Tables.DATASETS;
import static org.mlregistry.schema.jooq.registry.Tables.DEPLOYMENTS;
import static org.mlregistry.schema.jooq.registry.Tables.MODELS;
import static org.mlregistry.schema.jooq.registry.Tables.MODEL_VERSIONS;
import static org.mlregistry.schema.jooq.registry.Tables.TEAMS;
import static org.mlregistry.schema.jooq.registry.Tables.TRAINING_RUNS;
import static org.mlregistry.schema.jooq.registry.Tables.VW_LATEST_MODEL_VERSIONS;
import static org.mlregistry.schema.jooq.registry.Tables.VW_PRODUCTION_DEPLOYMENTS;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.RecordMapper;
import org.jooq.Records;
import org.mlregistry.schema.types.AuditEntityType;
import org.mlregistry.schema.types.RunStatus;

/**
 * From the generated records to the registry's own types: each mapper picks the columns its type
 * shows, by field and type, so a migration that adds a column changes no public type.
 */
final class Rows {

    static final RecordMapper<Record, Team> TEAM = r -> Records.mapping(Team::new).map(r.into(TEAMS.TEAM_ID, TEAMS.TEAM_NAME, TEAMS.TEAM_EMAIL,
            TEAMS.DEPARTMENT, TEAMS.COST_CENTER, TEAMS.MANAGER_NAME, TEAMS.CREATED_AT));

    static final RecordMapper<Record, Model> MODEL = r -> Records.mapping(Model::new).map(r.into(MODELS.MODEL_ID, MODELS.MODEL_NAME, MODELS.DISPLAY_NAME,
            MODELS.DESCRIPTION, MODELS.TEAM_ID, MODELS.RISK_LEVEL, MODELS.COMPLIANCE_REQUIRED, MODELS.CREATED_BY,
            MODELS.CREATED_AT, MODELS.UPDATED_AT));

    static final RecordMapper<Record, Dataset> DATASET = r -> Records.mapping(Dataset::new).map(r.into(DATASETS.DATASET_ID, DATASETS.DATASET_NAME,
            DATASETS.DISPLAY_NAME, DATASETS.DESCRIPTION, DATASETS.STORAGE_LOCATION, DATASETS.STORAGE_FORMAT,
            DATASETS.TEAM_ID, DATASETS.CONTAINS_PII, DATASETS.DATA_CLASSIFICATION, DATASETS.CREATED_BY,
            DATASETS.CREATED_AT));

    static final RecordMapper<Record, ModelVersion> VERSION = r -> Records.mapping(ModelVersion::new).map(r.into(MODEL_VERSIONS.VERSION_ID,
            MODEL_VERSIONS.MODEL_ID, MODEL_VERSIONS.SEMVER, MODEL_VERSIONS.DESCRIPTION, MODEL_VERSIONS.ARTIFACT_URI,
            MODEL_VERSIONS.FRAMEWORK, MODEL_VERSIONS.STATUS, MODEL_VERSIONS.STATUS_REASON,
            MODEL_VERSIONS.STATUS_CHANGED_AT, MODEL_VERSIONS.REGISTERED_BY, MODEL_VERSIONS.REGISTERED_AT,
            MODEL_VERSIONS.PROMOTED_TO_PRODUCTION_AT, MODEL_VERSIONS.DEPRECATED_AT, MODEL_VERSIONS.DEPRECATION_REASON));

    static final RecordMapper<Record, TrainingRun> TRAINING_RUN = r -> Records.mapping(Rows::trainingRun).map(r.into(TRAINING_RUNS.RUN_ID,
            TRAINING_RUNS.VERSION_ID, TRAINING_RUNS.RUN_NAME, TRAINING_RUNS.EXPERIMENT_NAME, TRAINING_RUNS.STATUS,
            TRAINING_RUNS.ACCURACY, TRAINING_RUNS.F1_SCORE, TRAINING_RUNS.HYPERPARAMETERS, TRAINING_RUNS.STARTED_BY,
            TRAINING_RUNS.CREATED_AT, TRAINING_RUNS.COMPLETED_AT));

    static final RecordMapper<Record, Deployment> DEPLOYMENT = r -> Records.mapping(Deployment::new).map(r.into(DEPLOYMENTS.DEPLOYMENT_ID,
            DEPLOYMENTS.VERSION_ID, DEPLOYMENTS.ENVIRONMENT_ID, DEPLOYMENTS.ENDPOINT_URL, DEPLOYMENTS.REPLICAS,
            DEPLOYMENTS.TRAFFIC_PERCENTAGE, DEPLOYMENTS.STATUS, DEPLOYMENTS.DEPLOYED_BY, DEPLOYMENTS.DEPLOYED_AT,
            DEPLOYMENTS.UNDEPLOYED_BY, DEPLOYMENTS.UNDEPLOYED_AT, DEPLOYMENTS.ACTUAL_LATENCY_P50_MS,
            DEPLOYMENTS.ACTUAL_LATENCY_P95_MS, DEPLOYMENTS.ACTUAL_LATENCY_P99_MS, DEPLOYMENTS.ACTUAL_AVAILABILITY_PERCENT,
            DEPLOYMENTS.ACTUAL_THROUGHPUT_QPS));

    static final RecordMapper<Record, Approval> APPROVAL = r -> Records.mapping(Approval::new).map(r.into(APPROVALS.APPROVAL_ID, APPROVALS.VERSION_ID,
            APPROVALS.APPROVAL_TYPE, APPROVALS.REQUIRED_FOR_ENV, APPROVALS.STATUS, APPROVALS.REQUESTED_BY,
            APPROVALS.REQUESTED_AT, APPROVALS.APPROVED_BY, APPROVALS.APPROVED_AT, APPROVALS.REJECTED_BY,
            APPROVALS.REJECTED_AT, APPROVALS.APPROVAL_NOTES, APPROVALS.REJECTION_REASON, APPROVALS.EXPIRES_AT));

    static final RecordMapper<Record, AuditEntry> AUDIT_ENTRY = r -> Records.mapping(Rows::auditEntry).map(r.into(AUDIT_LOG.AUDIT_ID, AUDIT_LOG.ENTITY_TYPE,
            AUDIT_LOG.ENTITY_ID, AUDIT_LOG.ACTION, AUDIT_LOG.ACTOR, AUDIT_LOG.OCCURRED_AT, AUDIT_LOG.BEFORE_STATE,
            AUDIT_LOG.AFTER_STATE));

    static final RecordMapper<Record, LatestVersion> LATEST_VERSION = r -> Records.mapping(LatestVersion::new).map(r.into(VW_LATEST_MODEL_VERSIONS.MODEL_ID,
            VW_LATEST_MODEL_VERSIONS.MODEL_NAME, VW_LATEST_MODEL_VERSIONS.MODEL_DISPLAY_NAME,
            VW_LATEST_MODEL_VERSIONS.VERSION_ID, VW_LATEST_MODEL_VERSIONS.SEMVER, VW_LATEST_MODEL_VERSIONS.VERSION_STATUS,
            VW_LATEST_MODEL_VERSIONS.FRAMEWORK, VW_LATEST_MODEL_VERSIONS.REGISTERED_AT,
            VW_LATEST_MODEL_VERSIONS.ARTIFACT_URI));

    static final RecordMapper<Record, ProductionDeployment> PRODUCTION_DEPLOYMENT = r -> Records.mapping(ProductionDeployment::new).map(r.into(
            VW_PRODUCTION_DEPLOYMENTS.MODEL_NAME, VW_PRODUCTION_DEPLOYMENTS.MODEL_DISPLAY_NAME,
            VW_PRODUCTION_DEPLOYMENTS.SEMVER, VW_PRODUCTION_DEPLOYMENTS.ENVIRONMENT_NAME,
            VW_PRODUCTION_DEPLOYMENTS.ENDPOINT_URL, VW_PRODUCTION_DEPLOYMENTS.DEPLOYMENT_STATUS,
            VW_PRODUCTION_DEPLOYMENTS.DEPLOYED_AT, VW_PRODUCTION_DEPLOYMENTS.DEPLOYED_BY,
            VW_PRODUCTION_DEPLOYMENTS.TRAFFIC_PERCENTAGE, VW_PRODUCTION_DEPLOYMENTS.ACTUAL_LATENCY_P95_MS,
            VW_PRODUCTION_DEPLOYMENTS.ACTUAL_AVAILABILITY_PERCENT));

    private Rows() {
    }

    private static TrainingRun trainingRun(UUID runId, UUID versionId, String name, String experiment, RunStatus status,
            BigDecimal accuracy, BigDecimal f1, JSONB parameters, String startedBy, OffsetDateTime createdAt,
            OffsetDateTime completedAt) {
        return new TrainingRun(runId, versionId, name, experiment, status, accuracy, f1, text(parameters), startedBy,
                createdAt, completedAt);
    }

    private static AuditEntry auditEntry(Long id, AuditEntityType type, UUID entityId, String action, String actor,
            OffsetDateTime at, JSONB before, JSONB after) {
        return new AuditEntry(id, type, entityId, action, actor, at, text(before), text(after));
    }

    private static String text(JSONB json) {
        return json == null ? null : json.data();
    }
}
