-- ============================================================================
-- mlregistry: ML Model Registry schema (lab 02, Part 3, Step 3.2)
-- Realizes the statements of lab 02 with realized_by = "migration" (DDL part).
-- The lookup rows (L2.P3.20, L2.P3.76) are in V3__registry_lookup_rows.sql.
-- Every object lives in schema "registry" and is referenced schema-qualified
-- (schema "tracking" has its own training_runs table from lab 01).
-- Constraint names are the lab's; unnamed constraints keep PostgreSQL's
-- default names (e.g. models_pkey, models_team_id_fkey, models_model_name_key).
-- ============================================================================


-- L2.P3.01–L2.P3.12 (DROP TABLE IF EXISTS … CASCADE, "for development") are not
-- realized: a migration runs once on an empty schema.

-- ============================================
-- LOOKUP TABLES
-- ============================================

-- L2.P3.13 Teams table (lookup)
-- Lab defect (L2.P3.13): valid_email uses the TLD class [A-Z|a-z] / in a bracket
-- expression "|" is a literal, so a TLD may contain "|" (e.g. 'a@b.c|m' passes) /
-- we use [A-Za-z].
CREATE TABLE ${registry_schema}.teams (
    team_id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    team_name TEXT UNIQUE NOT NULL,
    team_email TEXT,
    department TEXT,
    cost_center TEXT,
    manager_name TEXT,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
    CONSTRAINT valid_email CHECK (team_email ~* '^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$')
);

-- L2.P3.14 Teams: index on team_name
CREATE INDEX idx_teams_name ON ${registry_schema}.teams(team_name);

-- L2.P3.15 Teams: table comment
COMMENT ON TABLE ${registry_schema}.teams IS 'Organizational teams owning ML models';

-- L2.P3.16 Teams: cost_center comment
COMMENT ON COLUMN ${registry_schema}.teams.cost_center IS 'For tracking ML infrastructure costs';

-- L2.P3.17 Environments table (lookup)
CREATE TABLE ${registry_schema}.environments (
    environment_id SERIAL PRIMARY KEY,
    environment_name TEXT UNIQUE NOT NULL,
    environment_type TEXT NOT NULL,
    description TEXT,
    priority INTEGER DEFAULT 0,
    CONSTRAINT valid_env_type CHECK (
        environment_type IN ('development', 'staging', 'production', 'canary', 'shadow')
    ),
    CONSTRAINT valid_env_name CHECK (
        environment_name IN ('dev', 'qa', 'staging', 'staging-eu', 'staging-us',
                           'prod', 'prod-eu', 'prod-us', 'prod-apac',
                           'canary', 'shadow', 'local')
    )
);

-- L2.P3.18 Environments: index on environment_type
CREATE INDEX idx_environments_type ON ${registry_schema}.environments(environment_type);

-- L2.P3.19 Environments: table comment
COMMENT ON TABLE ${registry_schema}.environments IS 'Deployment environments for ML models';

-- L2.P3.20 Insert default environments -> realized in V3__registry_lookup_rows.sql

-- ============================================
-- CORE ENTITIES
-- ============================================

-- L2.P3.21 Models table
CREATE TABLE ${registry_schema}.models (
    model_id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    model_name TEXT UNIQUE NOT NULL,
    display_name TEXT NOT NULL,
    description TEXT,
    objective TEXT,

    -- Ownership
    team_id UUID REFERENCES ${registry_schema}.teams(team_id) ON DELETE SET NULL,
    primary_contact TEXT,
    secondary_contact TEXT,

    -- Business classification
    business_unit TEXT,
    risk_level TEXT DEFAULT 'medium',
    compliance_required BOOLEAN DEFAULT FALSE,

    -- Metadata
    github_repo TEXT,
    documentation_url TEXT,

    -- Timestamps
    created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
    created_by TEXT DEFAULT CURRENT_USER,

    -- Constraints
    CONSTRAINT valid_risk_level CHECK (
        risk_level IN ('low', 'medium', 'high', 'critical')
    ),
    CONSTRAINT valid_model_name CHECK (
        model_name ~ '^[a-z0-9-]+$'  -- Kebab-case only
    )
);

-- L2.P3.22 Models: index on team_id
CREATE INDEX idx_models_team ON ${registry_schema}.models(team_id);

-- L2.P3.23 Models: index on risk_level
CREATE INDEX idx_models_risk ON ${registry_schema}.models(risk_level);

-- L2.P3.24 Models: index on model_name
CREATE INDEX idx_models_name ON ${registry_schema}.models(model_name);

-- L2.P3.25 Models: index on created_at DESC
CREATE INDEX idx_models_created ON ${registry_schema}.models(created_at DESC);

-- L2.P3.26 Models: table comment
COMMENT ON TABLE ${registry_schema}.models IS 'Central catalog of ML models';

-- L2.P3.27 Models: model_name comment
COMMENT ON COLUMN ${registry_schema}.models.model_name IS 'Unique identifier (kebab-case)';

-- L2.P3.28 Models: risk_level comment
COMMENT ON COLUMN ${registry_schema}.models.risk_level IS 'Business risk classification';

-- L2.P3.29 Models: compliance_required comment
COMMENT ON COLUMN ${registry_schema}.models.compliance_required IS 'Requires approval workflow';

-- L2.P3.30 Model Versions table
-- Lab defect (L2.P3.30): valid_semver is '^\d+\.\d+\.\d+(-[a-z0-9]+)?$' for
-- "Semantic versioning" / PostgreSQL refuses valid SemVer 2.0.0 versions such as
-- '1.0.0-rc.1', '1.0.0-RC1', '1.0.0-alpha.beta.1', '1.0.0+build.5' (and accepts
-- '01.0.0') / we use the SemVer 2.0.0 grammar (no leading zeros in numeric
-- identifiers, dot-separated pre-release identifiers, optional +build metadata).
CREATE TABLE ${registry_schema}.model_versions (
    version_id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    model_id UUID NOT NULL REFERENCES ${registry_schema}.models(model_id) ON DELETE CASCADE,

    -- Version info
    semver TEXT NOT NULL,  -- Semantic versioning: 1.2.3
    version_alias TEXT,     -- e.g., "latest", "stable"
    description TEXT,
    git_commit TEXT,
    git_branch TEXT,

    -- Artifacts
    artifact_uri TEXT NOT NULL,  -- S3, GCS, Azure Blob location
    artifact_size_mb NUMERIC(10,2),
    checksum_sha256 TEXT,

    -- Framework and environment
    framework TEXT NOT NULL,
    framework_version TEXT,
    python_version TEXT,
    cuda_version TEXT,

    -- Status
    status TEXT NOT NULL DEFAULT 'registered',

    -- Metadata
    registered_by TEXT NOT NULL,
    registered_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
    promoted_to_production_at TIMESTAMP WITH TIME ZONE,
    deprecated_at TIMESTAMP WITH TIME ZONE,
    deprecation_reason TEXT,

    -- Performance benchmark (optional)
    benchmark_accuracy NUMERIC(5,4),
    benchmark_latency_ms NUMERIC(8,2),
    benchmark_throughput_qps NUMERIC(10,2),

    -- Constraints
    CONSTRAINT unique_model_version UNIQUE (model_id, semver),
    CONSTRAINT valid_status CHECK (
        status IN ('registered', 'validated', 'deployed', 'deprecated', 'archived')
    ),
    CONSTRAINT valid_framework CHECK (
        framework IN ('pytorch', 'tensorflow', 'sklearn', 'xgboost', 'jax',
                     'lightgbm', 'catboost', 'onnx', 'huggingface')
    ),
    CONSTRAINT valid_semver CHECK (
        semver ~ '^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-(0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)(\.(0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*))*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$'
    ),
    CONSTRAINT valid_checksum CHECK (
        checksum_sha256 IS NULL OR LENGTH(checksum_sha256) = 64
    )
);

-- L2.P3.31 Model Versions: index on model_id
CREATE INDEX idx_versions_model ON ${registry_schema}.model_versions(model_id);

-- L2.P3.32 Model Versions: index on status
CREATE INDEX idx_versions_status ON ${registry_schema}.model_versions(status);

-- L2.P3.33 Model Versions: index on (model_id, semver DESC)
CREATE INDEX idx_versions_semver ON ${registry_schema}.model_versions(model_id, semver DESC);

-- L2.P3.34 Model Versions: index on registered_at DESC
CREATE INDEX idx_versions_registered ON ${registry_schema}.model_versions(registered_at DESC);

-- L2.P3.35 Model Versions: index on framework
CREATE INDEX idx_versions_framework ON ${registry_schema}.model_versions(framework);

-- L2.P3.36 Model Versions: table comment
COMMENT ON TABLE ${registry_schema}.model_versions IS 'Versioned artifacts for ML models';

-- L2.P3.37 Model Versions: semver comment
COMMENT ON COLUMN ${registry_schema}.model_versions.semver IS 'Semantic version (major.minor.patch)';

-- L2.P3.38 Model Versions: artifact_uri comment
COMMENT ON COLUMN ${registry_schema}.model_versions.artifact_uri IS 'Cloud storage location (s3://, gs://, etc.)';

-- L2.P3.39 Datasets table
-- Lab defect (L2.P3.39): valid_dataset_name is dataset_name ~ '^[a-z0-9-_]+$' /
-- PostgreSQL compiles the regex at check time and fails with "invalid regular
-- expression: invalid character range" ("9-_" reads as a range), so every
-- INSERT into datasets fails (the lab's sample datasets never insert) /
-- we put the hyphen last: '^[a-z0-9_-]+$' (lowercase letters, digits, _ and -).
CREATE TABLE ${registry_schema}.datasets (
    dataset_id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    dataset_name TEXT UNIQUE NOT NULL,
    display_name TEXT NOT NULL,
    description TEXT,

    -- Storage
    storage_location TEXT NOT NULL,  -- S3, GCS, Azure, etc.
    storage_format TEXT,              -- parquet, csv, tfrecord, etc.
    storage_size_gb NUMERIC(12,2),

    -- Schema and versioning
    schema_url TEXT,
    schema_version TEXT,
    data_version TEXT,

    -- Ownership and governance
    data_steward TEXT,
    team_id UUID REFERENCES ${registry_schema}.teams(team_id) ON DELETE SET NULL,

    -- Data quality
    freshness_sla_hours INTEGER,
    last_updated_at TIMESTAMP WITH TIME ZONE,
    row_count BIGINT,
    column_count INTEGER,

    -- Compliance
    contains_pii BOOLEAN DEFAULT FALSE,
    data_classification TEXT DEFAULT 'internal',
    retention_days INTEGER,

    -- Metadata
    created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
    created_by TEXT DEFAULT CURRENT_USER,

    -- Constraints
    CONSTRAINT valid_freshness CHECK (freshness_sla_hours IS NULL OR freshness_sla_hours > 0),
    CONSTRAINT valid_storage_format CHECK (
        storage_format IN ('parquet', 'csv', 'json', 'avro', 'tfrecord', 'hdf5', 'arrow')
    ),
    CONSTRAINT valid_classification CHECK (
        data_classification IN ('public', 'internal', 'confidential', 'restricted')
    ),
    CONSTRAINT valid_dataset_name CHECK (
        dataset_name ~ '^[a-z0-9_-]+$'
    )
);

-- L2.P3.40 Datasets: index on dataset_name
CREATE INDEX idx_datasets_name ON ${registry_schema}.datasets(dataset_name);

-- L2.P3.41 Datasets: index on team_id
CREATE INDEX idx_datasets_team ON ${registry_schema}.datasets(team_id);

-- L2.P3.42 Datasets: index on last_updated_at DESC
CREATE INDEX idx_datasets_updated ON ${registry_schema}.datasets(last_updated_at DESC);

-- L2.P3.43 Datasets: index on data_classification
CREATE INDEX idx_datasets_classification ON ${registry_schema}.datasets(data_classification);

-- L2.P3.44 Datasets: table comment
COMMENT ON TABLE ${registry_schema}.datasets IS 'Catalog of datasets used for ML training';

-- L2.P3.45 Datasets: contains_pii comment
COMMENT ON COLUMN ${registry_schema}.datasets.contains_pii IS 'Personally Identifiable Information present';

-- L2.P3.46 Datasets: data_classification comment
COMMENT ON COLUMN ${registry_schema}.datasets.data_classification IS 'Security classification level';

-- L2.P3.47 Training Runs table (${registry_schema}.training_runs, not ${tracking_schema}.training_runs)
CREATE TABLE ${registry_schema}.training_runs (
    run_id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    version_id UUID NOT NULL REFERENCES ${registry_schema}.model_versions(version_id) ON DELETE CASCADE,

    -- Run identification
    run_name TEXT,
    experiment_name TEXT,

    -- Status
    status TEXT NOT NULL DEFAULT 'queued',

    -- Metrics
    accuracy NUMERIC(5,4),
    precision_score NUMERIC(5,4),
    recall_score NUMERIC(5,4),
    f1_score NUMERIC(5,4),
    loss NUMERIC(10,5),

    -- Custom metrics (JSONB for flexibility)
    custom_metrics JSONB DEFAULT '{}'::jsonb,

    -- Hyperparameters
    hyperparameters JSONB DEFAULT '{}'::jsonb,

    -- Compute resources
    compute_target TEXT,
    instance_type TEXT,
    gpu_count INTEGER DEFAULT 0,
    gpu_type TEXT,
    gpu_hours NUMERIC(10,2) DEFAULT 0,
    cpu_hours NUMERIC(10,2) DEFAULT 0,
    estimated_cost_usd NUMERIC(10,2),

    -- Execution details
    started_by TEXT,
    started_at TIMESTAMP WITH TIME ZONE,
    completed_at TIMESTAMP WITH TIME ZONE,
    duration_seconds INTEGER,
    exit_code INTEGER,

    -- Artifacts
    logs_uri TEXT,
    tensorboard_uri TEXT,
    checkpoint_uri TEXT,

    -- Feature engineering
    feature_store_snapshot TEXT,
    feature_count INTEGER,

    -- Metadata
    created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
    notes TEXT,

    -- Constraints
    CONSTRAINT valid_status CHECK (
        status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'timeout')
    ),
    CONSTRAINT valid_metrics CHECK (
        (accuracy IS NULL OR (accuracy >= 0 AND accuracy <= 1)) AND
        (precision_score IS NULL OR (precision_score >= 0 AND precision_score <= 1)) AND
        (recall_score IS NULL OR (recall_score >= 0 AND recall_score <= 1)) AND
        (f1_score IS NULL OR (f1_score >= 0 AND f1_score <= 1))
    ),
    CONSTRAINT valid_gpu_count CHECK (gpu_count >= 0),
    CONSTRAINT completed_timestamp CHECK (
        (status IN ('succeeded', 'failed', 'cancelled', 'timeout') AND completed_at IS NOT NULL)
        OR (status IN ('queued', 'running') AND completed_at IS NULL)
    )
);

-- L2.P3.48 Training Runs: index on version_id
CREATE INDEX idx_training_version ON ${registry_schema}.training_runs(version_id);

-- L2.P3.49 Training Runs: index on status
CREATE INDEX idx_training_status ON ${registry_schema}.training_runs(status);

-- L2.P3.50 Training Runs: index on created_at DESC
CREATE INDEX idx_training_created ON ${registry_schema}.training_runs(created_at DESC);

-- L2.P3.51 Training Runs: index on experiment_name
CREATE INDEX idx_training_experiment ON ${registry_schema}.training_runs(experiment_name);

-- L2.P3.52 Training Runs: GIN index on custom_metrics
CREATE INDEX idx_training_metrics ON ${registry_schema}.training_runs USING GIN (custom_metrics);

-- L2.P3.53 Training Runs: GIN index on hyperparameters
CREATE INDEX idx_training_hyperparams ON ${registry_schema}.training_runs USING GIN (hyperparameters);

-- L2.P3.54 Training Runs: table comment
COMMENT ON TABLE ${registry_schema}.training_runs IS 'Individual training job executions';

-- L2.P3.55 Training Runs: custom_metrics comment
COMMENT ON COLUMN ${registry_schema}.training_runs.custom_metrics IS 'Flexible JSONB field for arbitrary metrics';

-- L2.P3.56 Training Runs: hyperparameters comment
COMMENT ON COLUMN ${registry_schema}.training_runs.hyperparameters IS 'Training hyperparameters as JSON';

-- L2.P3.57 Deployments table
CREATE TABLE ${registry_schema}.deployments (
    deployment_id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    version_id UUID NOT NULL REFERENCES ${registry_schema}.model_versions(version_id) ON DELETE RESTRICT,
    environment_id INTEGER NOT NULL REFERENCES ${registry_schema}.environments(environment_id),

    -- Deployment details
    deployment_name TEXT,
    endpoint_url TEXT,
    serving_framework TEXT,  -- torchserve, tfserving, triton, etc.

    -- Service configuration
    replicas INTEGER DEFAULT 1,
    instance_type TEXT,
    gpu_enabled BOOLEAN DEFAULT FALSE,
    auto_scaling_enabled BOOLEAN DEFAULT FALSE,
    min_replicas INTEGER,
    max_replicas INTEGER,

    -- SLO targets
    target_latency_p50_ms NUMERIC(8,2),
    target_latency_p95_ms NUMERIC(8,2),
    target_latency_p99_ms NUMERIC(8,2),
    target_availability_percent NUMERIC(5,2),
    target_throughput_qps NUMERIC(10,2),

    -- Actual metrics (updated periodically)
    actual_latency_p50_ms NUMERIC(8,2),
    actual_latency_p95_ms NUMERIC(8,2),
    actual_latency_p99_ms NUMERIC(8,2),
    actual_availability_percent NUMERIC(5,2),
    actual_throughput_qps NUMERIC(10,2),

    -- Deployment lifecycle
    deployed_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
    deployed_by TEXT NOT NULL,
    undeployed_at TIMESTAMP WITH TIME ZONE,
    undeployed_by TEXT,
    status TEXT NOT NULL DEFAULT 'active',

    -- Traffic routing
    traffic_percentage INTEGER DEFAULT 100,

    -- Cost tracking
    monthly_cost_usd NUMERIC(12,2),

    -- Metadata
    deployment_notes TEXT,

    -- Constraints
    CONSTRAINT unique_env_deployment UNIQUE (environment_id, version_id, deployed_at),
    CONSTRAINT valid_status_deployment CHECK (
        status IN ('active', 'degraded', 'inactive', 'failed')
    ),
    CONSTRAINT valid_replicas CHECK (
        replicas >= 1 AND
        (min_replicas IS NULL OR min_replicas >= 1) AND
        (max_replicas IS NULL OR max_replicas >= min_replicas)
    ),
    CONSTRAINT valid_traffic CHECK (
        traffic_percentage >= 0 AND traffic_percentage <= 100
    ),
    CONSTRAINT valid_availability CHECK (
        target_availability_percent IS NULL OR
        (target_availability_percent >= 0 AND target_availability_percent <= 100)
    )
);

-- L2.P3.58 Deployments: index on version_id
CREATE INDEX idx_deployments_version ON ${registry_schema}.deployments(version_id);

-- L2.P3.59 Deployments: index on environment_id
CREATE INDEX idx_deployments_env ON ${registry_schema}.deployments(environment_id);

-- L2.P3.60 Deployments: index on status
CREATE INDEX idx_deployments_status ON ${registry_schema}.deployments(status);

-- L2.P3.61 Deployments: index on deployed_at DESC
CREATE INDEX idx_deployments_date ON ${registry_schema}.deployments(deployed_at DESC);

-- L2.P3.62 Deployments: partial index on active deployments
CREATE INDEX idx_deployments_active ON ${registry_schema}.deployments(environment_id, status)
    WHERE status = 'active';

-- L2.P3.63 Deployments: table comment
COMMENT ON TABLE ${registry_schema}.deployments IS 'Model version deployments to environments';

-- L2.P3.64 Deployments: traffic_percentage comment
COMMENT ON COLUMN ${registry_schema}.deployments.traffic_percentage IS 'For canary/blue-green deployments';

-- L2.P3.65 Approvals table
-- Lab defect (L2.P3.65): approval_xor is meant to make approval and rejection
-- mutually exclusive / its third branch (status IN ('pending', 'expired')) puts no
-- condition on the approver columns, so a pending or expired approval can carry
-- both approved_by and rejected_by / we add "NOT (approved_by IS NOT NULL AND
-- rejected_by IS NOT NULL)" to that branch (same constraint name).
CREATE TABLE ${registry_schema}.approvals (
    approval_id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    version_id UUID NOT NULL REFERENCES ${registry_schema}.model_versions(version_id) ON DELETE CASCADE,

    -- Approval type
    approval_type TEXT NOT NULL,
    required_for_env TEXT,  -- e.g., 'production'

    -- Status
    status TEXT NOT NULL DEFAULT 'pending',

    -- Approver info
    requested_by TEXT NOT NULL,
    requested_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
    approved_by TEXT,
    approved_at TIMESTAMP WITH TIME ZONE,
    rejected_by TEXT,
    rejected_at TIMESTAMP WITH TIME ZONE,

    -- Details
    approval_notes TEXT,
    rejection_reason TEXT,

    -- Evidence/attestation
    compliance_checklist JSONB,
    risk_assessment_score NUMERIC(3,1),

    -- Expiration
    expires_at TIMESTAMP WITH TIME ZONE,

    -- Constraints
    CONSTRAINT valid_approval_type CHECK (
        approval_type IN ('compliance', 'security', 'legal', 'business', 'technical')
    ),
    CONSTRAINT valid_approval_status CHECK (
        status IN ('pending', 'approved', 'rejected', 'expired')
    ),
    CONSTRAINT approval_xor CHECK (
        (status = 'approved' AND approved_by IS NOT NULL AND approved_at IS NOT NULL AND rejected_by IS NULL)
        OR (status = 'rejected' AND rejected_by IS NOT NULL AND rejected_at IS NOT NULL AND approved_by IS NULL)
        OR (status IN ('pending', 'expired') AND NOT (approved_by IS NOT NULL AND rejected_by IS NOT NULL))
    )
);

-- L2.P3.66 Approvals: index on version_id
CREATE INDEX idx_approvals_version ON ${registry_schema}.approvals(version_id);

-- L2.P3.67 Approvals: index on status
CREATE INDEX idx_approvals_status ON ${registry_schema}.approvals(status);

-- L2.P3.68 Approvals: index on approval_type
CREATE INDEX idx_approvals_type ON ${registry_schema}.approvals(approval_type);

-- L2.P3.69 Approvals: partial index on pending approvals
CREATE INDEX idx_approvals_pending ON ${registry_schema}.approvals(version_id, status) WHERE status = 'pending';

-- L2.P3.70 Approvals: table comment
COMMENT ON TABLE ${registry_schema}.approvals IS 'Approval workflows for model deployments';

-- L2.P3.71 Approvals: compliance_checklist comment
COMMENT ON COLUMN ${registry_schema}.approvals.compliance_checklist IS 'JSONB checklist items';

-- L2.P3.72 Tags table
CREATE TABLE ${registry_schema}.tags (
    tag_id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    tag_category TEXT NOT NULL,
    tag_value TEXT NOT NULL,
    tag_description TEXT,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
    CONSTRAINT unique_tag UNIQUE (tag_category, tag_value),
    CONSTRAINT valid_tag_category CHECK (
        tag_category IN ('domain', 'use-case', 'framework', 'team', 'project',
                        'customer', 'region', 'priority', 'status', 'custom')
    )
);

-- L2.P3.73 Tags: index on tag_category
CREATE INDEX idx_tags_category ON ${registry_schema}.tags(tag_category);

-- L2.P3.74 Tags: index on tag_value
CREATE INDEX idx_tags_value ON ${registry_schema}.tags(tag_value);

-- L2.P3.75 Tags: table comment
COMMENT ON TABLE ${registry_schema}.tags IS 'Flexible tagging system for categorization';

-- L2.P3.76 Insert common tags -> realized in V3__registry_lookup_rows.sql

-- ============================================
-- JUNCTION TABLES
-- ============================================

-- L2.P3.77 Model Tags (models <-> tags)
CREATE TABLE ${registry_schema}.model_tags (
    model_id UUID NOT NULL REFERENCES ${registry_schema}.models(model_id) ON DELETE CASCADE,
    tag_id UUID NOT NULL REFERENCES ${registry_schema}.tags(tag_id) ON DELETE CASCADE,
    tagged_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
    tagged_by TEXT DEFAULT CURRENT_USER,
    PRIMARY KEY (model_id, tag_id)
);

-- L2.P3.78 Model Tags: index on model_id
CREATE INDEX idx_model_tags_model ON ${registry_schema}.model_tags(model_id);

-- L2.P3.79 Model Tags: index on tag_id
CREATE INDEX idx_model_tags_tag ON ${registry_schema}.model_tags(tag_id);

-- L2.P3.80 Model Tags: table comment
COMMENT ON TABLE ${registry_schema}.model_tags IS 'Many-to-many: models to tags';

-- L2.P3.81 Dataset Tags (datasets <-> tags)
CREATE TABLE ${registry_schema}.dataset_tags (
    dataset_id UUID NOT NULL REFERENCES ${registry_schema}.datasets(dataset_id) ON DELETE CASCADE,
    tag_id UUID NOT NULL REFERENCES ${registry_schema}.tags(tag_id) ON DELETE CASCADE,
    tagged_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
    tagged_by TEXT DEFAULT CURRENT_USER,
    PRIMARY KEY (dataset_id, tag_id)
);

-- L2.P3.82 Dataset Tags: index on dataset_id
CREATE INDEX idx_dataset_tags_dataset ON ${registry_schema}.dataset_tags(dataset_id);

-- L2.P3.83 Dataset Tags: index on tag_id
CREATE INDEX idx_dataset_tags_tag ON ${registry_schema}.dataset_tags(tag_id);

-- L2.P3.84 Dataset Tags: table comment
COMMENT ON TABLE ${registry_schema}.dataset_tags IS 'Many-to-many: datasets to tags';

-- L2.P3.85 Run Datasets (training_runs <-> datasets)
CREATE TABLE ${registry_schema}.run_datasets (
    run_id UUID NOT NULL REFERENCES ${registry_schema}.training_runs(run_id) ON DELETE CASCADE,
    dataset_id UUID NOT NULL REFERENCES ${registry_schema}.datasets(dataset_id) ON DELETE RESTRICT,
    dataset_role TEXT NOT NULL,
    sample_count BIGINT,
    usage_percentage NUMERIC(5,2),
    PRIMARY KEY (run_id, dataset_id, dataset_role),
    CONSTRAINT valid_dataset_role CHECK (
        dataset_role IN ('training', 'validation', 'test', 'calibration')
    ),
    CONSTRAINT valid_usage_percent CHECK (
        usage_percentage IS NULL OR (usage_percentage >= 0 AND usage_percentage <= 100)
    )
);

-- L2.P3.86 Run Datasets: index on run_id
CREATE INDEX idx_run_datasets_run ON ${registry_schema}.run_datasets(run_id);

-- L2.P3.87 Run Datasets: index on dataset_id
CREATE INDEX idx_run_datasets_dataset ON ${registry_schema}.run_datasets(dataset_id);

-- L2.P3.88 Run Datasets: table comment
COMMENT ON TABLE ${registry_schema}.run_datasets IS 'Many-to-many: training runs to datasets';

-- L2.P3.89 Run Datasets: dataset_role comment
COMMENT ON COLUMN ${registry_schema}.run_datasets.dataset_role IS 'How dataset was used (train/val/test)';

-- ============================================
-- TRIGGERS
-- ============================================

-- L2.P3.90 Function to update updated_at timestamp
CREATE OR REPLACE FUNCTION ${registry_schema}.update_updated_at_column()
RETURNS TRIGGER AS $$
BEGIN
    NEW.updated_at = NOW();
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

-- L2.P3.91 Trigger for models table
CREATE TRIGGER update_models_updated_at
    BEFORE UPDATE ON ${registry_schema}.models
    FOR EACH ROW
    EXECUTE FUNCTION ${registry_schema}.update_updated_at_column();

-- L2.P3.92 Function comment
COMMENT ON FUNCTION ${registry_schema}.update_updated_at_column() IS 'Automatically update updated_at timestamp';

-- ============================================
-- VIEWS
-- ============================================

-- L2.P3.93 View: Latest version per model
-- Lab defect (L2.P3.93): DISTINCT ON (model_id) ... ORDER BY model_id, registered_at DESC
-- picks "the latest version" / versions registered in one transaction share
-- registered_at (NOW() is the transaction start), so PostgreSQL picks an arbitrary
-- one (with the lab's sample data it returns sentiment-classifier 1.0.0, not 1.1.0) /
-- we break ties by semantic version (numeric major.minor.patch, then release before
-- pre-release, then semver text, then version_id) so the result is deterministic.
CREATE OR REPLACE VIEW ${registry_schema}.vw_latest_model_versions AS
SELECT DISTINCT ON (m.model_id)
    m.model_id,
    m.model_name,
    m.display_name AS model_display_name,
    mv.version_id,
    mv.semver,
    mv.status AS version_status,
    mv.framework,
    mv.registered_at,
    mv.artifact_uri
FROM ${registry_schema}.models m
INNER JOIN ${registry_schema}.model_versions mv ON m.model_id = mv.model_id
WHERE mv.status != 'archived'
ORDER BY m.model_id,
         mv.registered_at DESC,
         string_to_array(split_part(split_part(mv.semver, '+', 1), '-', 1), '.')::numeric[] DESC,
         (strpos(split_part(mv.semver, '+', 1), '-') = 0) DESC,
         mv.semver DESC,
         mv.version_id;

-- L2.P3.94 View comment
COMMENT ON VIEW ${registry_schema}.vw_latest_model_versions IS 'Latest non-archived version per model';

-- L2.P3.95 View: Production deployments
CREATE OR REPLACE VIEW ${registry_schema}.vw_production_deployments AS
SELECT
    m.model_name,
    m.display_name AS model_display_name,
    mv.semver,
    e.environment_name,
    d.endpoint_url,
    d.status AS deployment_status,
    d.deployed_at,
    d.deployed_by,
    d.traffic_percentage,
    d.actual_latency_p95_ms,
    d.actual_availability_percent
FROM ${registry_schema}.deployments d
INNER JOIN ${registry_schema}.model_versions mv ON d.version_id = mv.version_id
INNER JOIN ${registry_schema}.models m ON mv.model_id = m.model_id
INNER JOIN ${registry_schema}.environments e ON d.environment_id = e.environment_id
WHERE e.environment_type = 'production'
  AND d.status = 'active'
ORDER BY m.model_name, d.deployed_at DESC;

-- L2.P3.96 View comment
COMMENT ON VIEW ${registry_schema}.vw_production_deployments IS 'Active production deployments';
