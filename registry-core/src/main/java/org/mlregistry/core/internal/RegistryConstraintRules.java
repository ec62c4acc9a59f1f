package org.mlregistry.core.internal;

import java.util.Map;

/**
 * Field and rule in words for the constraints of schema {@code registry} (lab 02 and migration
 * V10), keyed by {@code registry.table.constraint}: {@code registry.training_runs} shares its table
 * name with {@code tracking.training_runs}, so the key carries the schema
 * (see {@link ConstraintViolations#translate}).
 */
final class RegistryConstraintRules {

    /** Key prefix of every rule here. */
    static final String SCHEMA = "registry.";

    private RegistryConstraintRules() {
    }

    static void register(Map<String, ConstraintRules.Rule> rules) {
        put(rules, "teams", "teams_team_name_key", "team_name", "must be unique: a team with this name exists");
        put(rules, "teams", "valid_email", "team_email", "must be an e-mail address");

        put(rules, "models", "models_model_name_key", "model_name", "must be unique: a model with this name exists");
        put(rules, "models", "valid_model_name", "model_name", "must be kebab-case (lowercase letters, digits and '-')");
        put(rules, "models", "valid_risk_level", "risk_level", "must be one of low, medium, high, critical");
        put(rules, "models", "models_team_id_fkey", "team_id", "must name an existing team");

        put(rules, "model_versions", "unique_model_version", "semver", "must be unique per model: the model already has this version");
        put(rules, "model_versions", "valid_semver", "semver", "must be a semantic version MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]");
        put(rules, "model_versions", "valid_status", "status", "must be one of registered, validated, deployed, deprecated, archived");
        put(rules, "model_versions", "valid_framework", "framework", "must be a supported framework");
        put(rules, "model_versions", "valid_checksum", "checksum_sha256", "must be 64 hex characters");
        put(rules, "model_versions", "model_versions_model_id_fkey", "model_id", "must name an existing model");

        put(rules, "datasets", "datasets_dataset_name_key", "dataset_name", "must be unique: a dataset with this name exists");
        put(rules, "datasets", "valid_dataset_name", "dataset_name", "must use lowercase letters, digits, '_' and '-' only");
        put(rules, "datasets", "valid_freshness", "freshness_sla_hours", "must be positive");
        put(rules, "datasets", "valid_storage_format", "storage_format", "must be a supported storage format");
        put(rules, "datasets", "valid_classification", "data_classification", "must be one of public, internal, confidential, restricted");

        put(rules, "training_runs", "valid_status", "status", "must be a run status");
        put(rules, "training_runs", "valid_metrics", "metrics", "accuracy, precision, recall and f1 must be within [0, 1]");
        put(rules, "training_runs", "valid_gpu_count", "gpu_count", "must not be negative");
        put(rules, "training_runs", "completed_timestamp", "completed_at", "must be set exactly when the run has finished");
        put(rules, "training_runs", "training_runs_version_id_fkey", "version_id", "must name an existing model version");

        put(rules, "run_datasets", "run_datasets_pkey", "dataset_role", "must be unique per run and dataset");
        put(rules, "run_datasets", "valid_dataset_role", "dataset_role", "must be one of training, validation, test, calibration");
        put(rules, "run_datasets", "valid_usage_percent", "usage_percentage", "must be within [0, 100]");
        put(rules, "run_datasets", "run_datasets_dataset_id_fkey", "dataset_id", "must name an existing dataset");

        put(rules, "deployments", "unique_env_deployment", "deployed_at", "must be unique per environment and version");
        put(rules, "deployments", "valid_status_deployment", "status", "must be one of active, degraded, inactive, failed");
        put(rules, "deployments", "valid_replicas", "replicas", "must be at least 1, with min_replicas >= 1 and max_replicas >= min_replicas");
        put(rules, "deployments", "valid_traffic", "traffic_percentage", "must be within [0, 100]");
        put(rules, "deployments", "valid_availability", "target_availability_percent", "must be within [0, 100]");
        put(rules, "deployments", "deployments_version_id_fkey", "version_id", "must name an existing model version (and a deployed version cannot be deleted)");
        put(rules, "deployments", "deployments_environment_id_fkey", "environment_id", "must name an existing environment");

        put(rules, "approvals", "valid_approval_type", "approval_type", "must be one of compliance, security, legal, business, technical");
        put(rules, "approvals", "valid_approval_status", "status", "must be one of pending, approved, rejected, expired");
        put(rules, "approvals", "approval_xor", "status", "approved needs approved_by/at and no rejected_by; rejected needs rejected_by/at and no approved_by");
        put(rules, "approvals", "approvals_version_id_fkey", "version_id", "must name an existing model version");

        put(rules, "tags", "unique_tag", "tag_value", "must be unique per category");
        put(rules, "tags", "valid_tag_category", "tag_category", "must be a tag category");

        put(rules, "audit_log", "valid_audit_entity", "entity_type", "must be an audited entity type");
        put(rules, "audit_log", "valid_audit_actor", "actor", "must not be blank");
        put(rules, "audit_log", "valid_audit_action", "action", "must not be blank");
    }

    private static void put(Map<String, ConstraintRules.Rule> rules, String table, String constraint, String field, String rule) {
        rules.put(SCHEMA + table + "." + constraint, new ConstraintRules.Rule(field, rule));
    }
}
