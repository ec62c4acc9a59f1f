package org.mlregistry.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.mlregistry.schema.jooq.registry.Tables.APPROVALS;
import static org.mlregistry.schema.jooq.registry.Tables.DATASETS;
import static org.mlregistry.schema.jooq.registry.Tables.DATASET_TAGS;
import static org.mlregistry.schema.jooq.registry.Tables.DEPLOYMENTS;
import static org.mlregistry.schema.jooq.registry.Tables.ENVIRONMENTS;
import static org.mlregistry.schema.jooq.registry.Tables.MODELS;
import static org.mlregistry.schema.jooq.registry.Tables.MODEL_TAGS;
import static org.mlregistry.schema.jooq.registry.Tables.MODEL_VERSIONS;
import static org.mlregistry.schema.jooq.registry.Tables.RUN_DATASETS;
import static org.mlregistry.schema.jooq.registry.Tables.TAGS;
import static org.mlregistry.schema.jooq.registry.Tables.TEAMS;
import static org.mlregistry.schema.jooq.registry.Tables.TRAINING_RUNS;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.TableRecord;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.mlregistry.schema.jooq.registry.tables.records.ApprovalsRecord;
import org.mlregistry.schema.jooq.registry.tables.records.DatasetsRecord;
import org.mlregistry.schema.jooq.registry.tables.records.DeploymentsRecord;
import org.mlregistry.schema.jooq.registry.tables.records.EnvironmentsRecord;
import org.mlregistry.schema.jooq.registry.tables.records.ModelVersionsRecord;
import org.mlregistry.schema.jooq.registry.tables.records.ModelsRecord;
import org.mlregistry.schema.jooq.registry.tables.records.RunDatasetsRecord;
import org.mlregistry.schema.jooq.registry.tables.records.TagsRecord;
import org.mlregistry.schema.jooq.registry.tables.records.TeamsRecord;
import org.mlregistry.schema.jooq.registry.tables.records.TrainingRunsRecord;
import org.mlregistry.schema.types.ApprovalStatus;
import org.mlregistry.schema.types.ApprovalType;
import org.mlregistry.schema.types.DataClassification;
import org.mlregistry.schema.types.DatasetRole;
import org.mlregistry.schema.types.DeploymentStatus;
import org.mlregistry.schema.types.EnvironmentType;
import org.mlregistry.schema.types.ModelFramework;
import org.mlregistry.schema.types.RiskLevel;
import org.mlregistry.schema.types.RunStatus;
import org.mlregistry.schema.types.StorageFormat;
import org.mlregistry.schema.types.TagCategory;
import org.mlregistry.schema.types.VersionStatus;

/**
 * Every CHECK, UNIQUE and FOREIGN KEY of lab 02's registry schema refuses a bad row by name and accepts its
 * boundary; the ON DELETE rules and the updated_at trigger of registry.models do what V2 declares.
 */
class RegistryConstraintsTest extends DatabaseTest {

    private static final OffsetDateTime NOON = OffsetDateTime.of(2026, 1, 15, 12, 0, 0, 0, ZoneOffset.UTC);
    private static final OffsetDateTime LONG_AGO = OffsetDateTime.of(2020, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final UUID DANGLING = UUID.fromString("00000000-0000-0000-0000-00000000dead");

    // ------------------------------------------------------------------ the catalogue itself

    @Test
    void theRegistrySchemaDeclaresExactlyTheChecksUniquesAndForeignKeysTestedHere() {
        List<String> declared = db().resultQuery("""
                SELECT c.relname || '.' || k.conname
                FROM pg_constraint k
                JOIN pg_class c ON c.oid = k.conrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'registry' AND k.contype IN ('c', 'u', 'f')
                  -- challenge 1's tables have their own test (ExperimentsAndUsersTest)
                  AND c.relname NOT IN ('users', 'experiments')
                  -- V50's tables have their own test (AliasesEnvironmentsVersionTagsSchemaTest)
                  AND c.relname NOT IN ('model_aliases', 'version_tags')
                  -- V60's audit log partitions carry copies of their parent's checks
                  AND NOT c.relispartition""").fetch(0, String.class);

        assertThat(declared).containsExactlyInAnyOrder(
                "teams.valid_email", "teams.teams_team_name_key",
                "environments.valid_env_type", "environments.valid_env_name",
                "environments.environments_environment_name_key",
                "models.valid_risk_level", "models.valid_model_name", "models.models_model_name_key",
                "models.models_team_id_fkey",
                "model_versions.valid_status", "model_versions.valid_framework", "model_versions.valid_semver",
                "model_versions.valid_checksum", "model_versions.unique_model_version",
                "model_versions.model_versions_model_id_fkey",
                // V50: the key of model_aliases' composite foreign key (model_id, version_id)
                "model_versions.model_versions_model_version_key",
                "datasets.valid_freshness", "datasets.valid_storage_format", "datasets.valid_classification",
                "datasets.valid_dataset_name", "datasets.datasets_dataset_name_key", "datasets.datasets_team_id_fkey",
                "training_runs.valid_status", "training_runs.valid_metrics", "training_runs.valid_gpu_count",
                "training_runs.completed_timestamp", "training_runs.training_runs_version_id_fkey",
                "deployments.valid_status_deployment", "deployments.valid_replicas", "deployments.valid_traffic",
                "deployments.valid_availability", "deployments.unique_env_deployment",
                "deployments.deployments_version_id_fkey", "deployments.deployments_environment_id_fkey",
                "approvals.valid_approval_type", "approvals.valid_approval_status", "approvals.approval_xor",
                "approvals.approvals_version_id_fkey",
                "tags.valid_tag_category", "tags.unique_tag",
                "model_tags.model_tags_model_id_fkey", "model_tags.model_tags_tag_id_fkey",
                "dataset_tags.dataset_tags_dataset_id_fkey", "dataset_tags.dataset_tags_tag_id_fkey",
                "run_datasets.valid_dataset_role", "run_datasets.valid_usage_percent",
                "run_datasets.run_datasets_run_id_fkey", "run_datasets.run_datasets_dataset_id_fkey",
                // mlregistry's audit trail (V10), not a lab table
                "audit_log.valid_audit_entity", "audit_log.valid_audit_actor", "audit_log.valid_audit_action",
                // V52's events and subscribers (EventsTest covers them through the API)
                "events.events_audit_id_key", "events.events_model_sequence_key", "events.valid_event_model_sequence",
                "event_subscribers.valid_subscriber_name", "event_subscribers.valid_subscriber_position",
                // challenge 1 (V20) links lab tables to experiments and users; ExperimentsAndUsersTest covers them
                "training_runs.training_runs_experiment_id_fkey", "models.models_created_by_user_id_fkey");
    }

    // ------------------------------------------------------------------ teams

    /** L2.P3.13: valid_email with [A-Za-z] for the top-level domain. */
    @Test
    void aTeamEmailNeedsALocalPartADomainAndALetterOnlyTopLevelDomain() {
        assertRefusedBy("valid_email", ctx -> team(ctx, t -> t.setTeamEmail("not-an-email")));
        // The lab's [A-Z|a-z] would let a "|" into the top-level domain; V2 uses [A-Za-z].
        assertRefusedBy("valid_email", ctx -> team(ctx, t -> t.setTeamEmail("a@b.c|m")));
        assertRefusedBy("valid_email", ctx -> team(ctx, t -> t.setTeamEmail("ml@example.c")));
        assertRefusedBy("valid_email", ctx -> team(ctx, t -> t.setTeamEmail("@example.com")));
        assertAccepted(ctx -> assertThat(team(ctx, t -> t.setTeamEmail("ml-platform+alerts@example.co")).getTeamEmail())
                .isEqualTo("ml-platform+alerts@example.co"));
        // ~* compares case-insensitively.
        assertAccepted(ctx -> assertThat(team(ctx, t -> t.setTeamEmail("ML.Team@Example.COM")).getTeamEmail())
                .isEqualTo("ML.Team@Example.COM"));
        assertAccepted(ctx -> assertThat(team(ctx, t -> t.setTeamEmail(null)).getTeamEmail()).isNull());
    }

    @Test
    void aSecondTeamWithTheSameNameIsRefused() {
        assertRefusedBy("teams_team_name_key", ctx -> {
            team(ctx, t -> t.setTeamName("constraint-team"));
            team(ctx, t -> t.setTeamName("constraint-team"));
        });
        assertRefusedBy("teams_team_name_key", ctx -> team(ctx, t -> t.setTeamName("ml-platform")));
        assertAccepted(ctx -> {
            team(ctx, t -> t.setTeamName("constraint-team"));
            team(ctx, t -> t.setTeamName("Constraint-Team"));
            assertThat(ctx.fetchCount(TEAMS, TEAMS.TEAM_NAME.likeIgnoreCase("constraint-team"))).isEqualTo(2);
        });
    }

    // ------------------------------------------------------------------ environments

    /**
     * Lab 02's valid_env_name allowed a fixed list of twelve names; V50 keeps the constraint's name
     * but states a rule (a DNS label starting with a letter), so environments can be created:
     * "sandbox" is accepted now (see LAB-DEFECTS.md, L2.P3.17).
     */
    @Test
    void anEnvironmentNeedsAWellFormedNameAndAKnownType() {
        assertRefusedBy("valid_env_name", ctx -> environment(ctx, "Prod", EnvironmentType.PRODUCTION));
        assertRefusedBy("valid_env_name", ctx -> environment(ctx, "prod_eu", EnvironmentType.PRODUCTION));
        assertRefusedBy("valid_env_name", ctx -> environment(ctx, "prod-", EnvironmentType.PRODUCTION));
        assertRefusedBy("valid_env_name", ctx -> environment(ctx, "1prod", EnvironmentType.PRODUCTION));
        assertRefusedBy("valid_env_name", ctx -> environment(ctx, "a" + "b".repeat(63), EnvironmentType.PRODUCTION));
        assertAccepted(ctx -> assertThat(environment(ctx, "sandbox", EnvironmentType.DEVELOPMENT).getEnvironmentName())
                .isEqualTo("sandbox"));
        assertAccepted(ctx -> assertThat(environment(ctx, "a" + "b".repeat(62), EnvironmentType.DEVELOPMENT)
                .getEnvironmentName()).hasSize(63));
        assertRefusedBy("valid_env_type", ctx -> ctx.execute("""
                INSERT INTO registry.environments (environment_name, environment_type) VALUES ('local', 'sandbox')"""));
        // 'shadow' and 'local' are allowed but not among the V3 rows.
        assertAccepted(ctx -> assertThat(environment(ctx, "shadow", EnvironmentType.SHADOW).getEnvironmentId()).isPositive());
        assertAccepted(ctx -> assertThat(environment(ctx, "local", EnvironmentType.DEVELOPMENT).getEnvironmentName())
                .isEqualTo("local"));
    }

    @Test
    void aSecondEnvironmentWithTheSameNameIsRefused() {
        assertRefusedBy("environments_environment_name_key", ctx -> environment(ctx, "prod", EnvironmentType.PRODUCTION));
        assertRefusedBy("environments_environment_name_key", ctx -> {
            environment(ctx, "shadow", EnvironmentType.SHADOW);
            environment(ctx, "shadow", EnvironmentType.SHADOW);
        });
    }

    // ------------------------------------------------------------------ models

    @Test
    void aModelNameMustBeKebabCase() {
        assertRefusedBy("valid_model_name", ctx -> model(ctx, m -> m.setModelName("Bad_Name")));
        assertRefusedBy("valid_model_name", ctx -> model(ctx, m -> m.setModelName("bad name")));
        assertRefusedBy("valid_model_name", ctx -> model(ctx, m -> m.setModelName("bad_name")));
        assertRefusedBy("valid_model_name", ctx -> model(ctx, m -> m.setModelName("")));
        assertAccepted(ctx -> assertThat(model(ctx, m -> m.setModelName("good-name-2")).getModelName())
                .isEqualTo("good-name-2"));
        assertAccepted(ctx -> assertThat(model(ctx, m -> m.setModelName("7")).getModelName()).isEqualTo("7"));
    }

    @Test
    void aSecondModelWithTheSameNameIsRefused() {
        assertRefusedBy("models_model_name_key", ctx -> {
            model(ctx, m -> m.setModelName("twin-model"));
            model(ctx, m -> m.setModelName("twin-model").setDisplayName("Another display name"));
        });
        assertRefusedBy("models_model_name_key", ctx -> model(ctx, m -> m.setModelName("fraud-detector")));
        assertAccepted(ctx -> {
            model(ctx, m -> m.setModelName("twin-model"));
            model(ctx, m -> m.setModelName("twin-model-2"));
        });
    }

    @Test
    void aRiskLevelOutsideLowMediumHighCriticalIsRefused() {
        // The RiskLevel enum cannot express an unknown level; plain SQL shows the database refuses it.
        assertRefusedBy("valid_risk_level", ctx -> ctx.execute("""
                INSERT INTO registry.models (model_name, display_name, risk_level) VALUES ('risky-model', 'Risky', 'extreme')"""));
        assertRefusedBy("valid_risk_level", ctx -> ctx.execute("""
                INSERT INTO registry.models (model_name, display_name, risk_level) VALUES ('risky-model', 'Risky', 'HIGH')"""));
        assertAccepted(ctx -> assertThat(model(ctx, m -> m.setRiskLevel(RiskLevel.CRITICAL)).getRiskLevel())
                .isEqualTo(RiskLevel.CRITICAL));
        assertAccepted(ctx -> assertThat(model(ctx, m -> m.setRiskLevel(RiskLevel.LOW)).getRiskLevel())
                .isEqualTo(RiskLevel.LOW));
    }

    @Test
    void aModelOfAnUnknownTeamIsRefused() {
        assertRefusedBy("models_team_id_fkey", ctx -> model(ctx, m -> m.setTeamId(DANGLING)));
        assertAccepted(ctx -> {
            UUID teamId = team(ctx).getTeamId();
            assertThat(model(ctx, m -> m.setTeamId(teamId)).getTeamId()).isEqualTo(teamId);
        });
        assertAccepted(ctx -> assertThat(model(ctx, m -> m.setTeamId(null)).getTeamId()).isNull());
    }

    // ------------------------------------------------------------------ model versions

    /** L2.P3.30: valid_semver follows SemVer 2.0.0. */
    @Test
    void aVersionMustBeASemanticVersion() {
        for (String bad : List.of("1.0", "01.0.0", "v1.0.0", "1.0.0.0", "1.0.0-", "1.0.0-01", "1.0.0+", "1.0.0 ")) {
            assertRefusedBy("valid_semver", ctx -> version(ctx, model(ctx).getModelId(), v -> v.setSemver(bad)));
        }
        for (String good : List.of("0.0.0", "1.2.3", "1.2.3-beta", "2.1.0-rc.1", "2.1.0+build.7", "1.0.0-RC1",
                "1.0.0-alpha.beta.1+exp.sha.5114f85", "10.20.30")) {
            assertAccepted(ctx -> assertThat(version(ctx, model(ctx).getModelId(), v -> v.setSemver(good)).getSemver())
                    .isEqualTo(good));
        }
    }

    @Test
    void aChecksumIsAbsentOrExactly64Characters() {
        assertRefusedBy("valid_checksum", ctx -> version(ctx, model(ctx).getModelId(), v -> v.setChecksumSha256("a".repeat(63))));
        assertRefusedBy("valid_checksum", ctx -> version(ctx, model(ctx).getModelId(), v -> v.setChecksumSha256("a".repeat(65))));
        assertRefusedBy("valid_checksum", ctx -> version(ctx, model(ctx).getModelId(), v -> v.setChecksumSha256("")));
        assertAccepted(ctx -> assertThat(version(ctx, model(ctx).getModelId(), v -> v.setChecksumSha256("a".repeat(64)))
                .getChecksumSha256()).hasSize(64));
        assertAccepted(ctx -> assertThat(version(ctx, model(ctx).getModelId(), v -> v.setChecksumSha256(null))
                .getChecksumSha256()).isNull());
    }

    @Test
    void aModelCannotRegisterTheSameSemverTwiceButTwoModelsCan() {
        assertRefusedBy("unique_model_version", ctx -> {
            UUID modelId = model(ctx).getModelId();
            version(ctx, modelId, v -> v.setSemver("1.0.0"));
            version(ctx, modelId, v -> v.setSemver("1.0.0").setArtifactUri("s3://models/other"));
        });
        assertAccepted(ctx -> {
            UUID modelId = model(ctx).getModelId();
            UUID otherId = model(ctx, m -> m.setModelName("other-model")).getModelId();
            version(ctx, modelId, v -> v.setSemver("1.0.0"));
            version(ctx, modelId, v -> v.setSemver("1.0.1"));
            version(ctx, otherId, v -> v.setSemver("1.0.0"));
            assertThat(ctx.fetchCount(MODEL_VERSIONS, MODEL_VERSIONS.MODEL_ID.in(modelId, otherId))).isEqualTo(3);
        });
    }

    @Test
    void aVersionFrameworkAndStatusOutsideTheirListsAreRefused() {
        // The generated enums cannot express these values; plain SQL shows the database refuses them.
        assertRefusedBy("valid_framework", ctx -> ctx.execute("""
                INSERT INTO registry.model_versions (model_id, semver, artifact_uri, framework, registered_by)
                VALUES (?, '1.0.0', 's3://models/m', 'keras', 'tester')""", model(ctx).getModelId()));
        assertRefusedBy("valid_status", ctx -> ctx.execute("""
                INSERT INTO registry.model_versions (model_id, semver, artifact_uri, framework, registered_by, status)
                VALUES (?, '1.0.0', 's3://models/m', 'pytorch', 'tester', 'retired')""", model(ctx).getModelId()));
        assertAccepted(ctx -> {
            ModelVersionsRecord stored = version(ctx, model(ctx).getModelId(),
                    v -> v.setFramework(ModelFramework.HUGGINGFACE).setStatus(VersionStatus.ARCHIVED));
            assertThat(stored.getFramework()).isEqualTo(ModelFramework.HUGGINGFACE);
            assertThat(stored.getStatus()).isEqualTo(VersionStatus.ARCHIVED);
        });
    }

    @Test
    void aVersionOfAnUnknownModelIsRefused() {
        assertRefusedBy("model_versions_model_id_fkey", ctx -> version(ctx, DANGLING, v -> v));
    }

    // ------------------------------------------------------------------ datasets

    /** L2.P3.39: valid_dataset_name with the hyphen last. */
    @Test
    void aDatasetNameIsLowercaseLettersDigitsUnderscoresAndHyphens() {
        assertRefusedBy("valid_dataset_name", ctx -> dataset(ctx, d -> d.setDatasetName("MyData")));
        assertRefusedBy("valid_dataset_name", ctx -> dataset(ctx, d -> d.setDatasetName("my data")));
        assertRefusedBy("valid_dataset_name", ctx -> dataset(ctx, d -> d.setDatasetName("my.data")));
        // The lab's [a-z0-9-_] is an invalid range; V2 puts the hyphen last, so both "_" and "-" are accepted.
        assertAccepted(ctx -> assertThat(dataset(ctx, d -> d.setDatasetName("my_data-set")).getDatasetName())
                .isEqualTo("my_data-set"));
    }

    @Test
    void aSecondDatasetWithTheSameNameIsRefused() {
        assertRefusedBy("datasets_dataset_name_key", ctx -> dataset(ctx, d -> d.setDatasetName("customer-reviews-2024")));
        assertRefusedBy("datasets_dataset_name_key", ctx -> {
            dataset(ctx, d -> d.setDatasetName("twin-data"));
            dataset(ctx, d -> d.setDatasetName("twin-data"));
        });
    }

    @Test
    void aFreshnessSlaIsAbsentOrAtLeastOneHour() {
        assertRefusedBy("valid_freshness", ctx -> dataset(ctx, d -> d.setFreshnessSlaHours(0)));
        assertRefusedBy("valid_freshness", ctx -> dataset(ctx, d -> d.setFreshnessSlaHours(-24)));
        assertAccepted(ctx -> assertThat(dataset(ctx, d -> d.setFreshnessSlaHours(1)).getFreshnessSlaHours()).isEqualTo(1));
        assertAccepted(ctx -> assertThat(dataset(ctx, d -> d.setFreshnessSlaHours(null)).getFreshnessSlaHours()).isNull());
    }

    @Test
    void aStorageFormatAndClassificationOutsideTheirListsAreRefused() {
        assertRefusedBy("valid_storage_format", ctx -> ctx.execute("""
                INSERT INTO registry.datasets (dataset_name, display_name, storage_location, storage_format)
                VALUES ('odd-data', 'Odd', 's3://data/odd', 'xlsx')"""));
        assertRefusedBy("valid_classification", ctx -> ctx.execute("""
                INSERT INTO registry.datasets (dataset_name, display_name, storage_location, data_classification)
                VALUES ('odd-data', 'Odd', 's3://data/odd', 'top-secret')"""));
        assertAccepted(ctx -> {
            DatasetsRecord stored = dataset(ctx, d -> d.setStorageFormat(StorageFormat.ARROW)
                    .setDataClassification(DataClassification.RESTRICTED));
            assertThat(stored.getStorageFormat()).isEqualTo(StorageFormat.ARROW);
            assertThat(stored.getDataClassification()).isEqualTo(DataClassification.RESTRICTED);
        });
        // Neither column is NOT NULL; an IN-check is unknown (so passes) on NULL.
        assertAccepted(ctx -> assertThat(dataset(ctx, d -> d.setStorageFormat(null)).getStorageFormat()).isNull());
    }

    @Test
    void aDatasetOfAnUnknownTeamIsRefused() {
        assertRefusedBy("datasets_team_id_fkey", ctx -> dataset(ctx, d -> d.setTeamId(DANGLING)));
        assertAccepted(ctx -> {
            UUID teamId = team(ctx).getTeamId();
            assertThat(dataset(ctx, d -> d.setTeamId(teamId)).getTeamId()).isEqualTo(teamId);
        });
    }

    // ------------------------------------------------------------------ registry.training_runs

    @Test
    void everyRunMetricLiesWithinZeroAndOne() {
        BigDecimal tooHigh = new BigDecimal("1.5");
        BigDecimal tooLow = new BigDecimal("-0.0001");
        assertRefusedBy("valid_metrics", ctx -> run(ctx, newVersion(ctx), r -> r.setAccuracy(tooHigh)));
        assertRefusedBy("valid_metrics", ctx -> run(ctx, newVersion(ctx), r -> r.setAccuracy(tooLow)));
        assertRefusedBy("valid_metrics", ctx -> run(ctx, newVersion(ctx), r -> r.setPrecisionScore(tooHigh)));
        assertRefusedBy("valid_metrics", ctx -> run(ctx, newVersion(ctx), r -> r.setRecallScore(tooHigh)));
        assertRefusedBy("valid_metrics", ctx -> run(ctx, newVersion(ctx), r -> r.setF1Score(tooLow)));
        assertAccepted(ctx -> {
            TrainingRunsRecord stored = run(ctx, newVersion(ctx), r -> r.setAccuracy(BigDecimal.ZERO)
                    .setPrecisionScore(BigDecimal.ZERO).setRecallScore(BigDecimal.ZERO).setF1Score(BigDecimal.ZERO));
            assertThat(stored.getAccuracy()).isEqualByComparingTo("0");
            assertThat(stored.getF1Score()).isEqualByComparingTo("0");
        });
        assertAccepted(ctx -> {
            TrainingRunsRecord stored = run(ctx, newVersion(ctx), r -> r.setAccuracy(BigDecimal.ONE)
                    .setPrecisionScore(BigDecimal.ONE).setRecallScore(BigDecimal.ONE).setF1Score(BigDecimal.ONE));
            assertThat(stored.getAccuracy()).isEqualByComparingTo("1");
            assertThat(stored.getRecallScore()).isEqualByComparingTo("1");
        });
    }

    @Test
    void aRunUsesZeroOrMoreGpus() {
        assertRefusedBy("valid_gpu_count", ctx -> run(ctx, newVersion(ctx), r -> r.setGpuCount(-1)));
        assertAccepted(ctx -> assertThat(run(ctx, newVersion(ctx), r -> r.setGpuCount(0)).getGpuCount()).isZero());
        assertAccepted(ctx -> assertThat(run(ctx, newVersion(ctx), r -> r.setGpuCount(8)).getGpuCount()).isEqualTo(8));
    }

    @Test
    void aFinishedRunNeedsCompletedAtAndAQueuedOrRunningOneMustNotHaveIt() {
        for (RunStatus finished : List.of(RunStatus.SUCCEEDED, RunStatus.FAILED, RunStatus.CANCELLED, RunStatus.TIMEOUT)) {
            assertRefusedBy("completed_timestamp", ctx -> run(ctx, newVersion(ctx), r -> r.setStatus(finished)));
            assertAccepted(ctx -> assertThat(run(ctx, newVersion(ctx), r -> r.setStatus(finished).setCompletedAt(NOON))
                    .getCompletedAt()).isAtSameInstantAs(NOON));
        }
        for (RunStatus active : List.of(RunStatus.QUEUED, RunStatus.RUNNING)) {
            assertRefusedBy("completed_timestamp", ctx -> run(ctx, newVersion(ctx), r -> r.setStatus(active).setCompletedAt(NOON)));
            assertAccepted(ctx -> assertThat(run(ctx, newVersion(ctx), r -> r.setStatus(active)).getStatus()).isEqualTo(active));
        }
    }

    /** L2.P3.47: valid_status and completed_timestamp. */
    @Test
    void anUnknownRunStatusIsRefusedFirstByCompletedTimestampAndValidStatusHoldsOnItsOwn() {
        // An unknown status breaks both completed_timestamp and valid_status; PostgreSQL checks constraints in
        // name order, so completed_timestamp always reports it.
        assertRefusedBy("completed_timestamp", ctx -> ctx.execute("""
                INSERT INTO registry.training_runs (version_id, status) VALUES (?, 'paused')""", newVersion(ctx)));
        // Without completed_timestamp (dropped inside the rolled-back transaction) valid_status refuses it.
        assertRefusedBy("valid_status", ctx -> {
            UUID versionId = newVersion(ctx);
            ctx.execute("ALTER TABLE registry.training_runs DROP CONSTRAINT completed_timestamp");
            ctx.execute("INSERT INTO registry.training_runs (version_id, status) VALUES (?, 'paused')", versionId);
        });
    }

    @Test
    void aRunOfAnUnknownVersionIsRefused() {
        assertRefusedBy("training_runs_version_id_fkey", ctx -> run(ctx, DANGLING, r -> r));
    }

    // ------------------------------------------------------------------ deployments

    @Test
    void aDeploymentStatusOutsideItsListIsRefused() {
        assertRefusedBy("valid_status_deployment", ctx -> ctx.execute("""
                INSERT INTO registry.deployments (version_id, environment_id, deployed_by, status)
                VALUES (?, ?, 'tester', 'retired')""", newVersion(ctx), environmentId(ctx, "prod")));
        assertAccepted(ctx -> assertThat(deployment(ctx, newVersion(ctx), d -> d.setStatus(DeploymentStatus.DEGRADED))
                .getStatus()).isEqualTo(DeploymentStatus.DEGRADED));
    }

    /** L2.P3.57: valid_replicas. */
    @Test
    void replicasAreAtLeastOneAndMaxReplicasNotBelowMinReplicas() {
        assertRefusedBy("valid_replicas", ctx -> deployment(ctx, newVersion(ctx), d -> d.setMinReplicas(3).setMaxReplicas(2)));
        assertRefusedBy("valid_replicas", ctx -> deployment(ctx, newVersion(ctx), d -> d.setReplicas(0)));
        assertRefusedBy("valid_replicas", ctx -> deployment(ctx, newVersion(ctx), d -> d.setMinReplicas(0).setMaxReplicas(2)));
        assertAccepted(ctx -> {
            DeploymentsRecord stored = deployment(ctx, newVersion(ctx), d -> d.setReplicas(1).setMinReplicas(2).setMaxReplicas(2));
            assertThat(stored.getMinReplicas()).isEqualTo(2);
            assertThat(stored.getMaxReplicas()).isEqualTo(2);
        });
        assertAccepted(ctx -> assertThat(deployment(ctx, newVersion(ctx), d -> d.setMinReplicas(1).setMaxReplicas(10))
                .getMaxReplicas()).isEqualTo(10));
    }

    /** L2.P3.57 as the lab wrote it: a CHECK on NULL passes, so without min_replicas nothing bounds max_replicas. */
    @Test
    void maxReplicasIsUncheckedWithoutMinReplicasAndNullReplicasOrTrafficPass() {
        assertAccepted(ctx -> {
            DeploymentsRecord stored = deployment(ctx, newVersion(ctx),
                    d -> d.setMinReplicas(null).setMaxReplicas(0).setReplicas(null).setTrafficPercentage(null));
            assertThat(stored.getMaxReplicas()).isZero();
            assertThat(stored.getReplicas()).isNull();
            assertThat(stored.getTrafficPercentage()).isNull();
        });
    }

    @Test
    void trafficIsAPercentageFromZeroToOneHundred() {
        assertRefusedBy("valid_traffic", ctx -> deployment(ctx, newVersion(ctx), d -> d.setTrafficPercentage(101)));
        assertRefusedBy("valid_traffic", ctx -> deployment(ctx, newVersion(ctx), d -> d.setTrafficPercentage(-1)));
        assertAccepted(ctx -> assertThat(deployment(ctx, newVersion(ctx), d -> d.setTrafficPercentage(0))
                .getTrafficPercentage()).isZero());
        assertAccepted(ctx -> assertThat(deployment(ctx, newVersion(ctx), d -> d.setTrafficPercentage(100))
                .getTrafficPercentage()).isEqualTo(100));
    }

    @Test
    void targetAvailabilityIsAbsentOrAPercentageFromZeroToOneHundred() {
        assertRefusedBy("valid_availability", ctx -> deployment(ctx, newVersion(ctx),
                d -> d.setTargetAvailabilityPercent(new BigDecimal("100.01"))));
        assertRefusedBy("valid_availability", ctx -> deployment(ctx, newVersion(ctx),
                d -> d.setTargetAvailabilityPercent(new BigDecimal("-0.01"))));
        assertAccepted(ctx -> assertThat(deployment(ctx, newVersion(ctx), d -> d.setTargetAvailabilityPercent(BigDecimal.ZERO))
                .getTargetAvailabilityPercent()).isEqualByComparingTo("0"));
        assertAccepted(ctx -> assertThat(deployment(ctx, newVersion(ctx),
                d -> d.setTargetAvailabilityPercent(new BigDecimal("100"))).getTargetAvailabilityPercent())
                .isEqualByComparingTo("100"));
        assertAccepted(ctx -> assertThat(deployment(ctx, newVersion(ctx), d -> d.setTargetAvailabilityPercent(null))
                .getTargetAvailabilityPercent()).isNull());
    }

    /** L2.P3.57: unique_env_deployment. */
    @Test
    void aVersionIsDeployedToAnEnvironmentOnlyOnceAtTheSameInstant() {
        assertRefusedBy("unique_env_deployment", ctx -> {
            UUID versionId = newVersion(ctx);
            deployment(ctx, versionId, d -> d.setDeployedAt(NOON));
            deployment(ctx, versionId, d -> d.setDeployedAt(NOON).setDeployedBy("someone-else"));
        });
        // deployed_at defaults to NOW(), the transaction start: two default deployments in one transaction collide.
        assertRefusedBy("unique_env_deployment", ctx -> {
            UUID versionId = newVersion(ctx);
            deployment(ctx, versionId, RegistryConstraintsTest::withDefaultDeployedAt);
            deployment(ctx, versionId, RegistryConstraintsTest::withDefaultDeployedAt);
        });
        assertAccepted(ctx -> {
            UUID versionId = newVersion(ctx);
            deployment(ctx, versionId, d -> d.setDeployedAt(NOON));
            deployment(ctx, versionId, d -> d.setDeployedAt(NOON.plusNanos(1000)));
            deployment(ctx, versionId, d -> d.setDeployedAt(NOON).setEnvironmentId(environmentId(ctx, "staging")));
            assertThat(ctx.fetchCount(DEPLOYMENTS, DEPLOYMENTS.VERSION_ID.eq(versionId))).isEqualTo(3);
        });
    }

    @Test
    void aDeploymentOfAnUnknownVersionOrToAnUnknownEnvironmentIsRefused() {
        assertRefusedBy("deployments_version_id_fkey", ctx -> deployment(ctx, DANGLING, d -> d));
        assertRefusedBy("deployments_environment_id_fkey", ctx -> deployment(ctx, newVersion(ctx), d -> d.setEnvironmentId(999_999)));
    }

    // ------------------------------------------------------------------ approvals

    @Test
    void anApprovalTypeOutsideItsListIsRefused() {
        assertRefusedBy("valid_approval_type", ctx -> ctx.execute("""
                INSERT INTO registry.approvals (version_id, approval_type, requested_by)
                VALUES (?, 'financial', 'tester')""", newVersion(ctx)));
        assertAccepted(ctx -> assertThat(approval(ctx, newVersion(ctx), a -> a.setApprovalType(ApprovalType.TECHNICAL))
                .getApprovalType()).isEqualTo(ApprovalType.TECHNICAL));
    }

    /** L2.P3.65: valid_approval_status and approval_xor. */
    @Test
    void anUnknownApprovalStatusIsRefusedFirstByApprovalXorAndValidApprovalStatusHoldsOnItsOwn() {
        // Every branch of approval_xor names a known status, so an unknown one breaks approval_xor too, and
        // PostgreSQL checks constraints in name order: approval_xor always reports it.
        assertRefusedBy("approval_xor", ctx -> ctx.execute("""
                INSERT INTO registry.approvals (version_id, approval_type, requested_by, status)
                VALUES (?, 'security', 'tester', 'cancelled')""", newVersion(ctx)));
        // Without approval_xor (dropped inside the rolled-back transaction) valid_approval_status refuses it.
        assertRefusedBy("valid_approval_status", ctx -> {
            UUID versionId = newVersion(ctx);
            ctx.execute("ALTER TABLE registry.approvals DROP CONSTRAINT approval_xor");
            ctx.execute("""
                    INSERT INTO registry.approvals (version_id, approval_type, requested_by, status)
                    VALUES (?, 'security', 'tester', 'cancelled')""", versionId);
        });
        assertAccepted(ctx -> assertThat(approval(ctx, newVersion(ctx), a -> a.setStatus(ApprovalStatus.EXPIRED))
                .getStatus()).isEqualTo(ApprovalStatus.EXPIRED));
    }

    /** L2.P3.65: approval_xor, also for pending and expired approvals. */
    @Test
    void anApprovalIsEitherApprovedOrRejectedNeverBoth() {
        assertRefusedBy("approval_xor", ctx -> approval(ctx, newVersion(ctx), a -> a.setStatus(ApprovalStatus.APPROVED)
                .setApprovedBy("alice").setApprovedAt(NOON).setRejectedBy("bob")));
        assertRefusedBy("approval_xor", ctx -> approval(ctx, newVersion(ctx), a -> a.setStatus(ApprovalStatus.APPROVED)
                .setApprovedBy("alice")));
        assertRefusedBy("approval_xor", ctx -> approval(ctx, newVersion(ctx), a -> a.setStatus(ApprovalStatus.APPROVED)
                .setApprovedAt(NOON)));
        assertRefusedBy("approval_xor", ctx -> approval(ctx, newVersion(ctx), a -> a.setStatus(ApprovalStatus.REJECTED)
                .setRejectedBy("bob").setRejectedAt(NOON).setApprovedBy("alice")));
        assertRefusedBy("approval_xor", ctx -> approval(ctx, newVersion(ctx), a -> a.setStatus(ApprovalStatus.REJECTED)
                .setRejectedBy("bob")));
        // The lab's third branch let a pending or expired approval carry both; V2 refuses that.
        assertRefusedBy("approval_xor", ctx -> approval(ctx, newVersion(ctx), a -> a.setStatus(ApprovalStatus.PENDING)
                .setApprovedBy("alice").setRejectedBy("bob")));
        assertRefusedBy("approval_xor", ctx -> approval(ctx, newVersion(ctx), a -> a.setStatus(ApprovalStatus.EXPIRED)
                .setApprovedBy("alice").setRejectedBy("bob")));

        assertAccepted(ctx -> {
            ApprovalsRecord stored = approval(ctx, newVersion(ctx), a -> a.setStatus(ApprovalStatus.APPROVED)
                    .setApprovedBy("alice").setApprovedAt(NOON));
            assertThat(stored.getApprovedBy()).isEqualTo("alice");
            assertThat(stored.getRejectedBy()).isNull();
        });
        assertAccepted(ctx -> {
            ApprovalsRecord stored = approval(ctx, newVersion(ctx), a -> a.setStatus(ApprovalStatus.REJECTED)
                    .setRejectedBy("bob").setRejectedAt(NOON).setRejectionReason("bias audit failed"));
            assertThat(stored.getRejectedBy()).isEqualTo("bob");
            assertThat(stored.getApprovedBy()).isNull();
        });
        assertAccepted(ctx -> assertThat(approval(ctx, newVersion(ctx), a -> a).getStatus()).isEqualTo(ApprovalStatus.PENDING));
        assertAccepted(ctx -> assertThat(approval(ctx, newVersion(ctx), a -> a.setStatus(ApprovalStatus.PENDING)
                .setApprovedBy("alice")).getApprovedBy()).isEqualTo("alice"));
    }

    @Test
    void anApprovalOfAnUnknownVersionIsRefused() {
        assertRefusedBy("approvals_version_id_fkey", ctx -> approval(ctx, DANGLING, a -> a));
    }

    // ------------------------------------------------------------------ tags and junction tables

    @Test
    void aTagCategoryOutsideItsListIsRefusedAndACategoryValuePairIsUnique() {
        assertRefusedBy("valid_tag_category", ctx -> ctx.execute("""
                INSERT INTO registry.tags (tag_category, tag_value) VALUES ('misc', 'anything')"""));
        assertRefusedBy("valid_tag_category", ctx -> ctx.execute("""
                INSERT INTO registry.tags (tag_category, tag_value) VALUES ('use_case', 'anything')"""));
        // ('domain', 'nlp') is one of the V3 rows.
        assertRefusedBy("unique_tag", ctx -> tag(ctx, TagCategory.DOMAIN, "nlp"));
        // The same value in another category is a different tag; TagCategory.USE_CASE is stored as 'use-case'.
        assertAccepted(ctx -> {
            TagsRecord stored = tag(ctx, TagCategory.USE_CASE, "nlp");
            assertThat(stored.getTagCategory()).isEqualTo(TagCategory.USE_CASE);
            assertThat(ctx.fetchValue("SELECT tag_category FROM registry.tags WHERE tag_id = ?", stored.getTagId()))
                    .isEqualTo("use-case");
            assertThat(ctx.fetchCount(TAGS, TAGS.TAG_VALUE.eq("nlp"))).isEqualTo(2);
        });
    }

    @Test
    void aTagLinkToAnUnknownModelDatasetOrTagIsRefused() {
        assertRefusedBy("model_tags_model_id_fkey", ctx -> modelTag(ctx, DANGLING, existingTag(ctx)));
        assertRefusedBy("model_tags_tag_id_fkey", ctx -> modelTag(ctx, model(ctx).getModelId(), DANGLING));
        assertRefusedBy("dataset_tags_dataset_id_fkey", ctx -> datasetTag(ctx, DANGLING, existingTag(ctx)));
        assertRefusedBy("dataset_tags_tag_id_fkey", ctx -> datasetTag(ctx, dataset(ctx).getDatasetId(), DANGLING));
        assertAccepted(ctx -> {
            UUID tagId = existingTag(ctx);
            UUID modelId = model(ctx).getModelId();
            UUID datasetId = dataset(ctx).getDatasetId();
            modelTag(ctx, modelId, tagId);
            datasetTag(ctx, datasetId, tagId);
            assertThat(ctx.fetchSingle(MODEL_TAGS, MODEL_TAGS.MODEL_ID.eq(modelId)).getTagId()).isEqualTo(tagId);
            assertThat(ctx.fetchSingle(DATASET_TAGS, DATASET_TAGS.DATASET_ID.eq(datasetId)).getTagId()).isEqualTo(tagId);
        });
    }

    @Test
    void aRunDatasetRoleOutsideItsListIsRefused() {
        assertRefusedBy("valid_dataset_role", ctx -> ctx.execute("""
                INSERT INTO registry.run_datasets (run_id, dataset_id, dataset_role) VALUES (?, ?, 'holdout')""",
                run(ctx, newVersion(ctx), r -> r).getRunId(), dataset(ctx).getDatasetId()));
        assertAccepted(ctx -> {
            UUID runId = run(ctx, newVersion(ctx), r -> r).getRunId();
            UUID datasetId = dataset(ctx).getDatasetId();
            for (DatasetRole role : DatasetRole.values()) {
                runDataset(ctx, runId, datasetId, u -> u.setDatasetRole(role));
            }
            assertThat(ctx.fetchCount(RUN_DATASETS, RUN_DATASETS.RUN_ID.eq(runId))).isEqualTo(DatasetRole.values().length);
        });
    }

    @Test
    void aRunDatasetUsageIsAbsentOrAPercentageFromZeroToOneHundred() {
        assertRefusedBy("valid_usage_percent", ctx -> runDataset(ctx, u -> u.setUsagePercentage(new BigDecimal("100.01"))));
        assertRefusedBy("valid_usage_percent", ctx -> runDataset(ctx, u -> u.setUsagePercentage(new BigDecimal("-1"))));
        assertAccepted(ctx -> assertThat(runDataset(ctx, u -> u.setUsagePercentage(BigDecimal.ZERO)).getUsagePercentage())
                .isEqualByComparingTo("0"));
        assertAccepted(ctx -> assertThat(runDataset(ctx, u -> u.setUsagePercentage(new BigDecimal("100"))).getUsagePercentage())
                .isEqualByComparingTo("100"));
        assertAccepted(ctx -> assertThat(runDataset(ctx, u -> u.setUsagePercentage(null)).getUsagePercentage()).isNull());
    }

    @Test
    void aRunDatasetLinkToAnUnknownRunOrDatasetIsRefused() {
        assertRefusedBy("run_datasets_run_id_fkey", ctx -> runDataset(ctx, DANGLING, dataset(ctx).getDatasetId(), u -> u));
        assertRefusedBy("run_datasets_dataset_id_fkey", ctx -> runDataset(ctx,
                run(ctx, newVersion(ctx), r -> r).getRunId(), DANGLING, u -> u));
    }

    // ------------------------------------------------------------------ ON DELETE

    @Test
    void deletingAModelCascadesToItsVersionsTheirRunsApprovalsAndRunDatasetsAndItsTags() {
        Map<String, Integer> left = rolledBack(ctx -> {
            UUID modelId = model(ctx).getModelId();
            UUID versionId = version(ctx, modelId, v -> v).getVersionId();
            UUID runId = run(ctx, versionId, r -> r).getRunId();
            UUID datasetId = dataset(ctx).getDatasetId();
            runDataset(ctx, runId, datasetId, u -> u);
            approval(ctx, versionId, a -> a);
            UUID tagId = existingTag(ctx);
            modelTag(ctx, modelId, tagId);
            Map<String, Integer> before = counts(ctx, modelId, versionId, runId, datasetId, tagId);
            assertThat(before).containsOnly(entry("models", 1), entry("model_versions", 1), entry("training_runs", 1),
                    entry("approvals", 1), entry("run_datasets", 1), entry("model_tags", 1),
                    entry("datasets", 1), entry("tags", 1));

            assertThat(ctx.deleteFrom(MODELS).where(MODELS.MODEL_ID.eq(modelId)).execute()).isEqualTo(1);
            return counts(ctx, modelId, versionId, runId, datasetId, tagId);
        });

        assertThat(left).containsOnly(entry("models", 0), entry("model_versions", 0), entry("training_runs", 0),
                entry("approvals", 0), entry("run_datasets", 0), entry("model_tags", 0),
                // The dataset and the tag are not owned by the model.
                entry("datasets", 1), entry("tags", 1));
    }

    @Test
    void deletingATeamLeavesItsModelsAndDatasetsWithoutATeam() {
        Map<String, UUID> teamIds = rolledBack(ctx -> {
            UUID teamId = team(ctx).getTeamId();
            UUID modelId = model(ctx, m -> m.setTeamId(teamId)).getModelId();
            UUID datasetId = dataset(ctx, d -> d.setTeamId(teamId)).getDatasetId();

            assertThat(ctx.deleteFrom(TEAMS).where(TEAMS.TEAM_ID.eq(teamId)).execute()).isEqualTo(1);
            Map<String, UUID> after = new LinkedHashMap<>();
            after.put("model", ctx.fetchSingle(MODELS, MODELS.MODEL_ID.eq(modelId)).getTeamId());
            after.put("dataset", ctx.fetchSingle(DATASETS, DATASETS.DATASET_ID.eq(datasetId)).getTeamId());
            return after;
        });

        // fetchSingle found both rows; their team_id is now NULL.
        assertThat(teamIds).containsOnlyKeys("model", "dataset");
        assertThat(teamIds.get("model")).isNull();
        assertThat(teamIds.get("dataset")).isNull();
    }

    @Test
    void deletingADeployedVersionIsRestrictedButAnUndeployedOneCascadesToItsRunsAndApprovals() {
        assertRefusedBy("deployments_version_id_fkey", ctx -> {
            UUID versionId = newVersion(ctx);
            deployment(ctx, versionId, d -> d);
            ctx.deleteFrom(MODEL_VERSIONS).where(MODEL_VERSIONS.VERSION_ID.eq(versionId)).execute();
        });
        // The restriction also stops the cascade from a model down to its deployed version.
        assertRefusedBy("deployments_version_id_fkey", ctx -> {
            UUID modelId = model(ctx).getModelId();
            deployment(ctx, version(ctx, modelId, v -> v).getVersionId(), d -> d);
            ctx.deleteFrom(MODELS).where(MODELS.MODEL_ID.eq(modelId)).execute();
        });
        assertAccepted(ctx -> {
            UUID versionId = newVersion(ctx);
            run(ctx, versionId, r -> r);
            approval(ctx, versionId, a -> a);
            assertThat(ctx.deleteFrom(MODEL_VERSIONS).where(MODEL_VERSIONS.VERSION_ID.eq(versionId)).execute()).isEqualTo(1);
            assertThat(ctx.fetchCount(TRAINING_RUNS, TRAINING_RUNS.VERSION_ID.eq(versionId))).isZero();
            assertThat(ctx.fetchCount(APPROVALS, APPROVALS.VERSION_ID.eq(versionId))).isZero();
        });
    }

    @Test
    void deletingAnEnvironmentThatHasDeploymentsIsRefused() {
        assertRefusedBy("deployments_environment_id_fkey", ctx -> {
            deployment(ctx, newVersion(ctx), d -> d.setEnvironmentId(environmentId(ctx, "canary")));
            ctx.deleteFrom(ENVIRONMENTS).where(ENVIRONMENTS.ENVIRONMENT_NAME.eq("canary")).execute();
        });
        assertAccepted(ctx -> {
            environment(ctx, "shadow", EnvironmentType.SHADOW);
            assertThat(ctx.deleteFrom(ENVIRONMENTS).where(ENVIRONMENTS.ENVIRONMENT_NAME.eq("shadow")).execute()).isEqualTo(1);
        });
    }

    @Test
    void deletingADatasetUsedByARunIsRefusedButAnUnusedOneCascadesToItsTags() {
        assertRefusedBy("run_datasets_dataset_id_fkey", ctx -> {
            UUID datasetId = dataset(ctx).getDatasetId();
            runDataset(ctx, run(ctx, newVersion(ctx), r -> r).getRunId(), datasetId, u -> u);
            ctx.deleteFrom(DATASETS).where(DATASETS.DATASET_ID.eq(datasetId)).execute();
        });
        assertAccepted(ctx -> {
            UUID datasetId = dataset(ctx).getDatasetId();
            datasetTag(ctx, datasetId, existingTag(ctx));
            assertThat(ctx.deleteFrom(DATASETS).where(DATASETS.DATASET_ID.eq(datasetId)).execute()).isEqualTo(1);
            assertThat(ctx.fetchCount(DATASET_TAGS, DATASET_TAGS.DATASET_ID.eq(datasetId))).isZero();
        });
    }

    @Test
    void deletingARunCascadesToItsRunDatasetsButKeepsTheDataset() {
        assertAccepted(ctx -> {
            UUID runId = run(ctx, newVersion(ctx), r -> r).getRunId();
            UUID datasetId = dataset(ctx).getDatasetId();
            runDataset(ctx, runId, datasetId, u -> u);
            assertThat(ctx.deleteFrom(TRAINING_RUNS).where(TRAINING_RUNS.RUN_ID.eq(runId)).execute()).isEqualTo(1);
            assertThat(ctx.fetchCount(RUN_DATASETS, RUN_DATASETS.RUN_ID.eq(runId))).isZero();
            assertThat(ctx.fetchCount(DATASETS, DATASETS.DATASET_ID.eq(datasetId))).isEqualTo(1);
        });
    }

    @Test
    void deletingATagCascadesToItsModelAndDatasetLinks() {
        int[] links = rolledBack(ctx -> {
            UUID tagId = tag(ctx, TagCategory.CUSTOM, "short-lived").getTagId();
            UUID modelId = model(ctx).getModelId();
            modelTag(ctx, modelId, tagId);
            datasetTag(ctx, dataset(ctx).getDatasetId(), tagId);
            int before = ctx.fetchCount(MODEL_TAGS, MODEL_TAGS.TAG_ID.eq(tagId)) + ctx.fetchCount(DATASET_TAGS, DATASET_TAGS.TAG_ID.eq(tagId));

            ctx.deleteFrom(TAGS).where(TAGS.TAG_ID.eq(tagId)).execute();
            return new int[] {
                before,
                ctx.fetchCount(MODEL_TAGS, MODEL_TAGS.TAG_ID.eq(tagId)),
                ctx.fetchCount(DATASET_TAGS, DATASET_TAGS.TAG_ID.eq(tagId)),
                ctx.fetchCount(MODELS, MODELS.MODEL_ID.eq(modelId))
            };
        });

        assertThat(links).containsExactly(2, 0, 0, 1);
    }

    // ------------------------------------------------------------------ updated_at trigger

    /** L2.P3.90, L2.P3.92: the updated_at trigger. */
    @Test
    void updatingAModelMovesUpdatedAtForwardToTheTransactionTime() {
        // update_updated_at_column() sets NEW.updated_at = NOW(), the start of the transaction. An UPDATE that
        // sets updated_at itself is overridden too, so the old value is written by the INSERT (no UPDATE trigger).
        OffsetDateTime[] times = rolledBack(ctx -> {
            ModelsRecord inserted = model(ctx, m -> m.setUpdatedAt(LONG_AGO));
            Condition thisModel = MODELS.MODEL_ID.eq(inserted.getModelId());
            OffsetDateTime before = ctx.fetchSingle(MODELS, thisModel).getUpdatedAt();

            ctx.update(MODELS).set(MODELS.DESCRIPTION, "retrained on 2026 data").where(thisModel).execute();
            OffsetDateTime afterUpdate = ctx.fetchSingle(MODELS, thisModel).getUpdatedAt();

            ctx.update(MODELS).set(MODELS.UPDATED_AT, LONG_AGO).where(thisModel).execute();
            OffsetDateTime afterBackdating = ctx.fetchSingle(MODELS, thisModel).getUpdatedAt();

            return new OffsetDateTime[] {before, afterUpdate, afterBackdating, ctx.fetchValue(DSL.currentOffsetDateTime())};
        });

        OffsetDateTime before = times[0];
        OffsetDateTime afterUpdate = times[1];
        OffsetDateTime afterBackdating = times[2];
        OffsetDateTime transactionStart = times[3];
        assertThat(before).isAtSameInstantAs(LONG_AGO);
        assertThat(afterUpdate).isAfter(before).isAtSameInstantAs(transactionStart);
        assertThat(afterBackdating).isAtSameInstantAs(transactionStart);
    }

    @Test
    void aNewModelStartsWithEqualCreatedAndUpdatedTimesAndMediumRisk() {
        ModelsRecord stored = rolledBack(ctx -> {
            return ctx.insertInto(MODELS)
                    .set(MODELS.MODEL_NAME, "defaults-model")
                    .set(MODELS.DISPLAY_NAME, "Defaults")
                    .returning()
                    .fetchOne();
        });

        assertThat(stored.getModelId()).isNotNull();
        assertThat(stored.getRiskLevel()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(stored.getComplianceRequired()).isFalse();
        assertThat(stored.getUpdatedAt()).isAtSameInstantAs(stored.getCreatedAt());
        assertThat(stored.getCreatedBy()).isEqualTo(db().fetchValue(DSL.currentUser()));
    }

    // ------------------------------------------------------------------ fixtures (inside the caller's transaction)

    private static <R extends TableRecord<R>> R store(DSLContext ctx, Table<R> table, R row) {
        return ctx.insertInto(table).set(row).returning().fetchSingle();
    }

    private static TeamsRecord team(DSLContext ctx) {
        return team(ctx, t -> t);
    }

    private static TeamsRecord team(DSLContext ctx, UnaryOperator<TeamsRecord> change) {
        TeamsRecord team = ctx.newRecord(TEAMS)
                .setTeamName("constraint-team")
                .setTeamEmail("constraint-team@example.com")
                .setDepartment("Engineering");
        return store(ctx, TEAMS, change.apply(team));
    }

    private static EnvironmentsRecord environment(DSLContext ctx, String name, EnvironmentType type) {
        return store(ctx, ENVIRONMENTS, ctx.newRecord(ENVIRONMENTS).setEnvironmentName(name).setEnvironmentType(type));
    }

    private static int environmentId(DSLContext ctx, String name) {
        return ctx.select(ENVIRONMENTS.ENVIRONMENT_ID).from(ENVIRONMENTS)
                .where(ENVIRONMENTS.ENVIRONMENT_NAME.eq(name))
                .fetchSingle(ENVIRONMENTS.ENVIRONMENT_ID);
    }

    private static ModelsRecord model(DSLContext ctx) {
        return model(ctx, m -> m);
    }

    private static ModelsRecord model(DSLContext ctx, UnaryOperator<ModelsRecord> change) {
        ModelsRecord model = ctx.newRecord(MODELS)
                .setModelName("constraint-model")
                .setDisplayName("Constraint Model")
                .setRiskLevel(RiskLevel.MEDIUM);
        return store(ctx, MODELS, change.apply(model));
    }

    private static ModelVersionsRecord version(DSLContext ctx, UUID modelId, UnaryOperator<ModelVersionsRecord> change) {
        ModelVersionsRecord version = ctx.newRecord(MODEL_VERSIONS)
                .setModelId(modelId)
                .setSemver("1.0.0")
                .setArtifactUri("s3://models/constraint-model/1.0.0")
                .setFramework(ModelFramework.PYTORCH)
                .setStatus(VersionStatus.REGISTERED)
                .setRegisteredBy("tester");
        return store(ctx, MODEL_VERSIONS, change.apply(version));
    }

    /** A new model with one version; returns the version's id. */
    private static UUID newVersion(DSLContext ctx) {
        return version(ctx, model(ctx).getModelId(), v -> v).getVersionId();
    }

    private static DatasetsRecord dataset(DSLContext ctx) {
        return dataset(ctx, d -> d);
    }

    private static DatasetsRecord dataset(DSLContext ctx, UnaryOperator<DatasetsRecord> change) {
        DatasetsRecord dataset = ctx.newRecord(DATASETS)
                .setDatasetName("constraint-data")
                .setDisplayName("Constraint Data")
                .setStorageLocation("s3://data/constraint-data")
                .setStorageFormat(StorageFormat.PARQUET)
                .setDataClassification(DataClassification.INTERNAL);
        return store(ctx, DATASETS, change.apply(dataset));
    }

    private static TrainingRunsRecord run(DSLContext ctx, UUID versionId, UnaryOperator<TrainingRunsRecord> change) {
        TrainingRunsRecord run = ctx.newRecord(TRAINING_RUNS)
                .setVersionId(versionId)
                .setRunName("constraint-run")
                .setExperimentName("constraint-experiment")
                .setStatus(RunStatus.QUEUED);
        return store(ctx, TRAINING_RUNS, change.apply(run));
    }

    private static DeploymentsRecord deployment(DSLContext ctx, UUID versionId, UnaryOperator<DeploymentsRecord> change) {
        DeploymentsRecord deployment = ctx.newRecord(DEPLOYMENTS)
                .setVersionId(versionId)
                .setEnvironmentId(environmentId(ctx, "prod"))
                .setDeployedBy("tester")
                .setDeployedAt(NOON)
                .setStatus(DeploymentStatus.ACTIVE)
                .setReplicas(1)
                .setTrafficPercentage(100);
        return store(ctx, DEPLOYMENTS, change.apply(deployment));
    }

    /** Leaves deployed_at out of the INSERT, so its DEFAULT NOW() applies. */
    private static DeploymentsRecord withDefaultDeployedAt(DeploymentsRecord deployment) {
        deployment.changed(DEPLOYMENTS.DEPLOYED_AT, false);
        return deployment;
    }

    private static ApprovalsRecord approval(DSLContext ctx, UUID versionId, UnaryOperator<ApprovalsRecord> change) {
        ApprovalsRecord approval = ctx.newRecord(APPROVALS)
                .setVersionId(versionId)
                .setApprovalType(ApprovalType.COMPLIANCE)
                .setRequiredForEnv("production")
                .setStatus(ApprovalStatus.PENDING)
                .setRequestedBy("tester");
        return store(ctx, APPROVALS, change.apply(approval));
    }

    private static TagsRecord tag(DSLContext ctx, TagCategory category, String value) {
        return store(ctx, TAGS, ctx.newRecord(TAGS).setTagCategory(category).setTagValue(value));
    }

    /** The id of one of the V3 tags. */
    private static UUID existingTag(DSLContext ctx) {
        return ctx.select(TAGS.TAG_ID).from(TAGS)
                .where(TAGS.TAG_CATEGORY.eq(TagCategory.DOMAIN).and(TAGS.TAG_VALUE.eq("tabular")))
                .fetchSingle(TAGS.TAG_ID);
    }

    private static void modelTag(DSLContext ctx, UUID modelId, UUID tagId) {
        ctx.newRecord(MODEL_TAGS).setModelId(modelId).setTagId(tagId).insert();
    }

    private static void datasetTag(DSLContext ctx, UUID datasetId, UUID tagId) {
        ctx.newRecord(DATASET_TAGS).setDatasetId(datasetId).setTagId(tagId).insert();
    }

    private static RunDatasetsRecord runDataset(DSLContext ctx, UUID runId, UUID datasetId,
            UnaryOperator<RunDatasetsRecord> change) {
        RunDatasetsRecord link = ctx.newRecord(RUN_DATASETS)
                .setRunId(runId)
                .setDatasetId(datasetId)
                .setDatasetRole(DatasetRole.TRAINING)
                .setSampleCount(1000L);
        return store(ctx, RUN_DATASETS, change.apply(link));
    }

    /** A run_datasets row for a new run of a new version and a new dataset. */
    private static RunDatasetsRecord runDataset(DSLContext ctx, UnaryOperator<RunDatasetsRecord> change) {
        return runDataset(ctx, run(ctx, newVersion(ctx), r -> r).getRunId(), dataset(ctx).getDatasetId(), change);
    }

    private static Map<String, Integer> counts(DSLContext ctx, UUID modelId, UUID versionId, UUID runId, UUID datasetId,
            UUID tagId) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("models", ctx.fetchCount(MODELS, MODELS.MODEL_ID.eq(modelId)));
        counts.put("model_versions", ctx.fetchCount(MODEL_VERSIONS, MODEL_VERSIONS.MODEL_ID.eq(modelId)));
        counts.put("training_runs", ctx.fetchCount(TRAINING_RUNS, TRAINING_RUNS.RUN_ID.eq(runId)));
        counts.put("approvals", ctx.fetchCount(APPROVALS, APPROVALS.VERSION_ID.eq(versionId)));
        counts.put("run_datasets", ctx.fetchCount(RUN_DATASETS, RUN_DATASETS.RUN_ID.eq(runId)));
        counts.put("model_tags", ctx.fetchCount(MODEL_TAGS, MODEL_TAGS.MODEL_ID.eq(modelId)));
        counts.put("datasets", ctx.fetchCount(DATASETS, DATASETS.DATASET_ID.eq(datasetId)));
        counts.put("tags", ctx.fetchCount(TAGS, TAGS.TAG_ID.eq(tagId)));
        return counts;
    }

    @Test
    void anAuditRowNamesAKnownEntityAnActorAndAnAction() {
        String insert = "INSERT INTO registry.audit_log (entity_type, entity_id, action, actor) VALUES ('%s', gen_random_uuid(), '%s', '%s')";
        assertRefusedBy("valid_audit_entity", ctx -> ctx.execute(insert.formatted("pipeline", "create", "alice")));
        assertRefusedBy("valid_audit_actor", ctx -> ctx.execute(insert.formatted("model", "create", "  ")));
        assertRefusedBy("valid_audit_action", ctx -> ctx.execute(insert.formatted("model", "", "alice")));
        assertAccepted(ctx -> ctx.execute(insert.formatted("deployment", "deploy", "alice")));
    }
}
