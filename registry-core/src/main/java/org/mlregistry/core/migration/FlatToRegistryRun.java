package org.mlregistry.core.migration;

import static org.jooq.impl.DSL.selectOne;
import static org.mlregistry.core.migration.FlatToRegistryMigration.ARTIFACT_PREFIX;
import static org.mlregistry.core.migration.FlatToRegistryMigration.AUDIT_ACTION;
import static org.mlregistry.core.migration.FlatToRegistryMigration.DST;
import static org.mlregistry.core.migration.FlatToRegistryMigration.LOCK_KEY;
import static org.mlregistry.core.migration.FlatToRegistryMigration.SOURCE;
import static org.mlregistry.core.migration.FlatToRegistryMigration.SRC;
import static org.mlregistry.core.migration.FlatToRegistryMigration.artifactUri;
import static org.mlregistry.core.migration.FlatToRegistryMigration.framework;
import static org.mlregistry.schema.jooq.registry.Tables.DATASETS;
import static org.mlregistry.schema.jooq.registry.Tables.MODELS;
import static org.mlregistry.schema.jooq.registry.Tables.MODEL_VERSIONS;
import static org.mlregistry.schema.jooq.registry.Tables.TEAMS;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.mlregistry.core.error.MigrationRefusedException;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.core.error.UnmigratableRun;
import org.mlregistry.core.internal.AuditWriter;
import org.mlregistry.core.internal.TrackingToRegistry;
import org.mlregistry.schema.jooq.tracking.tables.records.TrainingRunsRecord;
import org.mlregistry.schema.types.AuditEntityType;
import org.mlregistry.schema.types.ModelFramework;
import org.mlregistry.schema.types.VersionStatus;

/**
 * One execution of a {@link FlatToRegistryMigration}, inside its transaction: reads the tracking
 * runs not yet migrated, creates what they need, and audits what it created.
 */
final class FlatToRegistryRun {

    private final FlatToRegistryMigration migration;
    private final DSLContext ctx;
    private final TrackingToRegistry mapping;
    private final Map<String, UUID> models = new HashMap<>();
    private final Map<String, UUID> versions = new HashMap<>();
    private final Map<String, UUID> datasets = new HashMap<>();
    private final Map<String, UUID> experiments = new HashMap<>();
    private final Set<UUID> createdModels = new LinkedHashSet<>();
    private final Set<UUID> createdVersions = new LinkedHashSet<>();
    private final Set<UUID> createdDatasets = new LinkedHashSet<>();
    private final Set<UUID> createdRuns = new LinkedHashSet<>();
    private int experimentsCreated;
    private int runDatasetsCreated;

    FlatToRegistryRun(FlatToRegistryMigration migration, DSLContext ctx) {
        this.migration = migration;
        this.ctx = ctx;
        this.mapping = TrackingToRegistry.in(ctx, migration.actor(), migration.teamId(), "Migrated from " + SOURCE);
    }

    FlatToRegistryReport migrate() {
        ctx.fetch("SELECT pg_advisory_xact_lock(hashtext(?))::text", LOCK_KEY);
        if (migration.teamId() != null && !ctx.fetchExists(TEAMS, TEAMS.TEAM_ID.eq(migration.teamId()))) {
            throw new NotFoundException("team", migration.teamId());
        }
        int trackingRuns = ctx.fetchCount(SRC);
        int alreadyMigrated = ctx.fetchCount(SRC, DSL.exists(selectOne().from(DST).where(DST.RUN_ID.eq(SRC.RUN_ID))));
        List<TrainingRunsRecord> pending = ctx.selectFrom(SRC)
                .whereNotExists(selectOne().from(DST).where(DST.RUN_ID.eq(SRC.RUN_ID)))
                .orderBy(SRC.CREATED_AT.asc().nullsLast(), SRC.RUN_ID)
                .fetch();
        List<UnmigratableRun> skipped = new ArrayList<>();
        List<TrainingRunsRecord> migratable = new ArrayList<>();
        for (TrainingRunsRecord run : pending) {
            UnmigratableRun skip = migration.skipReason(run);
            if (skip == null) {
                migratable.add(run);
            } else {
                skipped.add(skip);
            }
        }
        if (migration.isStrict() && !skipped.isEmpty()) {
            throw new MigrationRefusedException(skipped);
        }
        for (TrainingRunsRecord run : migratable) {
            migrateRun(run);
        }
        AuditWriter audit = AuditWriter.as(migration.actor());
        JSONB source = JSONB.jsonb("{\"migrated_from\": \"" + SOURCE + "\"}");
        int audited = audit.created(ctx, AuditEntityType.MODEL, AUDIT_ACTION, MODELS.MODEL_ID, createdModels, source)
                + audit.created(ctx, AuditEntityType.VERSION, AUDIT_ACTION, MODEL_VERSIONS.VERSION_ID, createdVersions, source)
                + audit.created(ctx, AuditEntityType.DATASET, AUDIT_ACTION, DATASETS.DATASET_ID, createdDatasets, source)
                + audit.created(ctx, AuditEntityType.TRAINING_RUN, AUDIT_ACTION, DST.RUN_ID, createdRuns, source);
        return new FlatToRegistryReport(trackingRuns, createdRuns.size(), alreadyMigrated,
                createdModels.size(), models.size() - createdModels.size(),
                createdVersions.size(), versions.size() - createdVersions.size(),
                createdDatasets.size(), datasets.size() - createdDatasets.size(),
                experimentsCreated, runDatasetsCreated, audited, skipped);
    }

    private void migrateRun(TrainingRunsRecord run) {
        ModelFramework framework = framework(run.getFramework()).orElseThrow();
        UUID modelId = model(run.getModelName());
        UUID versionId = version(modelId, run.getModelName(), framework);
        UUID datasetId = dataset(run.getDataset());
        UUID experimentId = experiment(modelId, run.getExperimentName(), run.getCreatedAt());
        if (mapping.insertRun(run, versionId, experimentId)) {
            createdRuns.add(run.getRunId());
        }
        if (mapping.linkTrainingDataset(run.getRunId(), datasetId)) {
            runDatasetsCreated++;
        }
    }

    private UUID model(String name) {
        return models.computeIfAbsent(name, n -> {
            TrackingToRegistry.Ref ref = mapping.model(n);
            if (ref.created()) {
                createdModels.add(ref.id());
            }
            return ref.id();
        });
    }

    private UUID version(UUID modelId, String modelName, ModelFramework framework) {
        return versions.computeIfAbsent(modelId + "/" + framework.getLiteral(), key -> {
            Optional<UUID> existing = ctx.select(MODEL_VERSIONS.VERSION_ID).from(MODEL_VERSIONS)
                    .where(MODEL_VERSIONS.MODEL_ID.eq(modelId))
                    .and(MODEL_VERSIONS.FRAMEWORK.eq(framework))
                    .and(MODEL_VERSIONS.ARTIFACT_URI.startsWith(ARTIFACT_PREFIX))
                    .orderBy(MODEL_VERSIONS.SEMVER_MAJOR, MODEL_VERSIONS.SEMVER_MINOR, MODEL_VERSIONS.SEMVER_PATCH,
                            MODEL_VERSIONS.VERSION_ID)
                    .limit(1)
                    .fetchOptional(MODEL_VERSIONS.VERSION_ID);
            if (existing.isPresent()) {
                return existing.get();
            }
            BigDecimal highest = ctx.select(DSL.max(MODEL_VERSIONS.SEMVER_MAJOR)).from(MODEL_VERSIONS)
                    .where(MODEL_VERSIONS.MODEL_ID.eq(modelId)).fetchOne(0, BigDecimal.class);
            String semver = (highest == null ? BigDecimal.ONE : highest.add(BigDecimal.ONE)).toBigInteger() + ".0.0";
            UUID id = ctx.insertInto(MODEL_VERSIONS)
                    .set(MODEL_VERSIONS.MODEL_ID, modelId)
                    .set(MODEL_VERSIONS.SEMVER, semver)
                    .set(MODEL_VERSIONS.ARTIFACT_URI, artifactUri(modelName, semver))
                    .set(MODEL_VERSIONS.FRAMEWORK, framework)
                    .set(MODEL_VERSIONS.DESCRIPTION, "Runs of " + modelName + " with " + framework.getLiteral()
                            + ", migrated from " + SOURCE)
                    .set(MODEL_VERSIONS.REGISTERED_BY, migration.actor())
                    .set(MODEL_VERSIONS.STATUS, VersionStatus.REGISTERED)
                    .set(MODEL_VERSIONS.STATUS_CHANGED_AT, DSL.currentOffsetDateTime())
                    .set(MODEL_VERSIONS.STATUS_REASON, "migrated from " + SOURCE)
                    .returningResult(MODEL_VERSIONS.VERSION_ID)
                    .fetchSingle(MODEL_VERSIONS.VERSION_ID);
            createdVersions.add(id);
            return id;
        });
    }

    private UUID dataset(String name) {
        return datasets.computeIfAbsent(name, n -> {
            TrackingToRegistry.Ref ref = mapping.dataset(n);
            if (ref.created()) {
                createdDatasets.add(ref.id());
            }
            return ref.id();
        });
    }

    private UUID experiment(UUID modelId, String name, OffsetDateTime firstRunCreatedAt) {
        return experiments.computeIfAbsent(modelId + "/" + name, key -> {
            TrackingToRegistry.Ref ref = mapping.experiment(modelId, name, firstRunCreatedAt);
            if (ref.created()) {
                experimentsCreated++;
            }
            return ref.id();
        });
    }
}
