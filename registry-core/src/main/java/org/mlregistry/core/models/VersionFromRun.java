package org.mlregistry.core.models;

import static org.mlregistry.schema.jooq.registry.Tables.DATASETS;
import static org.mlregistry.schema.jooq.registry.Tables.MODELS;
import static org.mlregistry.schema.jooq.registry.Tables.MODEL_VERSIONS;
import static org.mlregistry.schema.jooq.tracking.Tables.RUN_FRAMEWORKS;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.core.internal.AuditWriter;
import org.mlregistry.core.internal.TrackingToRegistry;
import org.mlregistry.core.internal.Validator;
import org.mlregistry.schema.jooq.tracking.tables.records.TrainingRunsRecord;
import org.mlregistry.schema.types.AuditEntityType;
import org.mlregistry.schema.types.ModelFramework;
import org.mlregistry.schema.types.RunStatus;
import org.mlregistry.schema.types.VersionStatus;

/**
 * A model version registered from a succeeded tracking run, in the caller's transaction: the
 * registry's model and dataset of the run's names (created when missing), the version, and the
 * run as the version's registry training run under the same run_id (the mapping of lab 01 → lab 02
 * that the bulk migration uses, {@link TrackingToRegistry}), each creation audited.
 */
final class VersionFromRun {

    private static final org.mlregistry.schema.jooq.tracking.tables.TrainingRuns SRC =
            org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;
    private static final org.mlregistry.schema.jooq.registry.tables.TrainingRuns DST =
            org.mlregistry.schema.jooq.registry.Tables.TRAINING_RUNS;

    private VersionFromRun() {
    }

    static ModelVersion register(DSLContext ctx, Scope scope, AuditWriter audit, UUID runId, String semver,
            String artifactUri) {
        TrainingRunsRecord run = ctx.selectFrom(SRC).where(SRC.RUN_ID.eq(runId)).forShare().fetchOptional()
                .orElseThrow(() -> new NotFoundException("training run", runId));
        if (run.getStatus() != RunStatus.SUCCEEDED) {
            throw new InvalidValueException("status", run.getStatus().getLiteral(),
                    "must be succeeded for a version to be registered from the run");
        }
        Validator.modelName(run.getModelName());
        Validator.datasetName(run.getDataset());
        ModelFramework framework = framework(ctx, run);
        Optional<UUID> trained = ctx.select(DST.VERSION_ID).from(DST).where(DST.RUN_ID.eq(runId)).fetchOptional(DST.VERSION_ID);
        if (trained.isPresent()) {
            throw new InvalidValueException("run_id", runId,
                    "is already the training run of model version " + trained.get() + " in the registry's lineage");
        }
        TrackingToRegistry mapping = TrackingToRegistry.in(ctx, scope.actor(), null, "Registered from tracking run " + runId);
        TrackingToRegistry.Ref model = mapping.model(run.getModelName());
        TrackingToRegistry.Ref dataset = mapping.dataset(run.getDataset());
        UUID experimentId = mapping.experiment(model.id(), run.getExperimentName(), run.getCreatedAt()).id();
        ModelVersion version = audit.audited(ctx, AuditEntityType.VERSION, "register", MODEL_VERSIONS.VERSION_ID, null,
                ctx.insertInto(MODEL_VERSIONS)
                        .set(MODEL_VERSIONS.MODEL_ID, model.id())
                        .set(MODEL_VERSIONS.SEMVER, semver)
                        .set(MODEL_VERSIONS.ARTIFACT_URI, artifactUri)
                        .set(MODEL_VERSIONS.FRAMEWORK, framework)
                        .set(MODEL_VERSIONS.DESCRIPTION, "Trained by tracking run " + runId)
                        .set(MODEL_VERSIONS.REGISTERED_BY, scope.actor())
                        .set(MODEL_VERSIONS.STATUS, VersionStatus.REGISTERED)
                        .set(MODEL_VERSIONS.STATUS_CHANGED_AT, DSL.currentOffsetDateTime())
                        .set(MODEL_VERSIONS.STATUS_REASON, "registered from tracking run " + runId)
                        .returning())
                .fetchSingle(Rows.VERSION);
        mapping.insertRun(run, version.versionId(), experimentId);
        mapping.linkTrainingDataset(runId, dataset.id());
        JSONB source = JSONB.jsonb("{\"registered_from_run\": \"" + runId + "\"}");
        if (model.created()) {
            audit.created(ctx, AuditEntityType.MODEL, "create", MODELS.MODEL_ID, List.of(model.id()), source);
        }
        if (dataset.created()) {
            audit.created(ctx, AuditEntityType.DATASET, "create", DATASETS.DATASET_ID, List.of(dataset.id()), source);
        }
        audit.created(ctx, AuditEntityType.TRAINING_RUN, "record", DST.RUN_ID, List.of(runId), source);
        return version;
    }

    /** Lab 02's framework of the run: its name beside the run if it has one, else its lab 01 framework. */
    private static ModelFramework framework(DSLContext ctx, TrainingRunsRecord run) {
        Optional<String> named = ctx.select(RUN_FRAMEWORKS.FRAMEWORK_NAME).from(RUN_FRAMEWORKS)
                .where(RUN_FRAMEWORKS.RUN_ID.eq(run.getRunId())).fetchOptional(RUN_FRAMEWORKS.FRAMEWORK_NAME);
        String name = named.orElse(run.getFramework().getLiteral());
        Optional<ModelFramework> mapped = named.isPresent()
                ? TrackingToRegistry.framework(name) : TrackingToRegistry.framework(run.getFramework());
        return mapped.orElseThrow(() -> new InvalidValueException("framework", name,
                "has no lab 02 counterpart (registry.model_versions allows "
                        + String.join(", ", java.util.Arrays.stream(ModelFramework.values()).map(ModelFramework::getLiteral).toList())
                        + ")"));
    }
}
