package org.mlregistry.core.models;

import static org.jooq.impl.DSL.multiset;
import static org.jooq.impl.DSL.select;
import static org.mlregistry.schema.jooq.registry.Tables.DATASETS;
import static org.mlregistry.schema.jooq.registry.Tables.DEPLOYMENTS;
import static org.mlregistry.schema.jooq.registry.Tables.ENVIRONMENTS;
import static org.mlregistry.schema.jooq.registry.Tables.MODELS;
import static org.mlregistry.schema.jooq.registry.Tables.MODEL_VERSIONS;
import static org.mlregistry.schema.jooq.registry.Tables.RUN_DATASETS;
import static org.mlregistry.schema.jooq.registry.Tables.TRAINING_RUNS;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.core.internal.AuditWriter;
import org.mlregistry.core.internal.SchemaMapping;
import org.mlregistry.core.internal.Validator;
import org.mlregistry.schema.types.AuditEntityType;
import org.mlregistry.schema.types.DatasetRole;
import org.mlregistry.schema.types.RunStatus;

/**
 * Training lineage: which runs trained a version on which datasets, and the whole tree of a model.
 * Obtain it from {@link ModelRegistry#lineage()}.
 */
public final class TrainingLineage {

    private final Scope scope;

    TrainingLineage(Scope scope) {
        this.scope = scope;
    }

    /**
     * Records a training run of a version together with the datasets it used by role, in one
     * transaction. A finished status (succeeded, failed, cancelled, timeout) is stamped completed now.
     *
     * @param spec the run and its datasets; a null status means {@code succeeded}
     * @return the run as stored, with its generated id and started_by the actor
     * @throws InvalidValueException when the hyperparameters are not a JSON object
     * @throws NotFoundException when the version or a dataset does not exist
     */
    public TrainingRun recordTrainingRun(NewTrainingRun spec) {
        Validator.required("spec", spec);
        AuditWriter audit = scope.audit();
        Validator.required("version_id", spec.versionId());
        RunStatus status = spec.status() == null ? RunStatus.SUCCEEDED : spec.status();
        Validator.range("accuracy", spec.accuracy(), BigDecimal.ZERO, BigDecimal.ONE);
        Validator.range("f1_score", spec.f1Score(), BigDecimal.ZERO, BigDecimal.ONE);
        Validator.optionalJsonObject("hyperparameters", spec.hyperparametersJson());
        for (DatasetUsage usage : spec.datasets()) {
            Validator.required("dataset_id", usage.datasetId());
            Validator.required("dataset_role", usage.role());
        }
        boolean finished = status != RunStatus.QUEUED && status != RunStatus.RUNNING;
        return scope.tx(ctx -> {
            if (!ctx.fetchExists(MODEL_VERSIONS, MODEL_VERSIONS.VERSION_ID.eq(spec.versionId()))) {
                throw new NotFoundException("model version", spec.versionId());
            }
            Set<UUID> wanted = new LinkedHashSet<>();
            spec.datasets().forEach(u -> wanted.add(u.datasetId()));
            Set<UUID> found = Set.copyOf(ctx.select(DATASETS.DATASET_ID).from(DATASETS)
                    .where(DATASETS.DATASET_ID.in(wanted)).fetch(DATASETS.DATASET_ID));
            for (UUID id : wanted) {
                if (!found.contains(id)) {
                    throw new NotFoundException("dataset", id);
                }
            }
            TrainingRun run = ctx.insertInto(TRAINING_RUNS)
                    .set(TRAINING_RUNS.VERSION_ID, spec.versionId())
                    .set(TRAINING_RUNS.RUN_NAME, spec.runName())
                    .set(TRAINING_RUNS.EXPERIMENT_NAME, spec.experimentName())
                    .set(TRAINING_RUNS.STATUS, status)
                    .set(TRAINING_RUNS.ACCURACY, spec.accuracy())
                    .set(TRAINING_RUNS.F1_SCORE, spec.f1Score())
                    .set(TRAINING_RUNS.HYPERPARAMETERS,
                            spec.hyperparametersJson() == null ? JSONB.jsonb("{}") : JSONB.jsonb(spec.hyperparametersJson()))
                    .set(TRAINING_RUNS.STARTED_BY, scope.actor())
                    .set(TRAINING_RUNS.COMPLETED_AT, finished ? DSL.currentOffsetDateTime() : DSL.inline((OffsetDateTime) null))
                    .returning().fetchSingle(Rows.TRAINING_RUN);
            if (!spec.datasets().isEmpty()) {
                var insert = ctx.insertInto(RUN_DATASETS, RUN_DATASETS.RUN_ID, RUN_DATASETS.DATASET_ID,
                        RUN_DATASETS.DATASET_ROLE, RUN_DATASETS.SAMPLE_COUNT);
                for (DatasetUsage usage : spec.datasets()) {
                    insert = insert.values(run.runId(), usage.datasetId(), usage.role(), usage.sampleCount());
                }
                insert.execute();
            }
            audit.record(ctx, AuditEntityType.TRAINING_RUN, run.runId(), "record", null, withDatasets(ctx, run.runId()));
            return run;
        });
    }

    private static JSONB withDatasets(org.jooq.DSLContext ctx, UUID runId) {
        return ctx.select(DSL.field(SchemaMapping.sql(ctx, "to_jsonb(t) || jsonb_build_object('datasets', "
                        + "(SELECT coalesce(jsonb_agg(to_jsonb(rd)), '[]') FROM registry.run_datasets rd WHERE rd.run_id = t.run_id))"),
                        JSONB.class))
                .from(TRAINING_RUNS.as("t")).where(DSL.field(DSL.name("t", "run_id"), UUID.class).eq(runId))
                .fetchSingle(0, JSONB.class);
    }

    /**
     * The lineage tree of a model in one query (jOOQ MULTISET): its versions (highest semantic
     * version first) → training runs (oldest first) → datasets by role (training, validation, test,
     * calibration), and each version's deployments (newest first).
     *
     * @param modelId the model
     * @return the model with its versions, their runs, datasets and deployments
     * @throws NotFoundException when the model does not exist
     */
    public Lineage.ModelLineage of(UUID modelId) {
        Field<List<Lineage.DatasetNode>> datasets = multiset(
                select(RUN_DATASETS.DATASET_ROLE, RUN_DATASETS.SAMPLE_COUNT, DATASETS)
                        .from(RUN_DATASETS).join(DATASETS).on(DATASETS.DATASET_ID.eq(RUN_DATASETS.DATASET_ID))
                        .where(RUN_DATASETS.RUN_ID.eq(TRAINING_RUNS.RUN_ID))
                        .orderBy(RUN_DATASETS.DATASET_ROLE.sortAsc(DatasetRole.values()), DATASETS.DATASET_NAME))
                .convertFrom(r -> r.map(rec -> new Lineage.DatasetNode(rec.value1(), rec.value2(),
                        Rows.DATASET.map(rec.value3()))));
        Field<List<Lineage.RunLineage>> runs = multiset(
                select(TRAINING_RUNS, datasets)
                        .from(TRAINING_RUNS)
                        .where(TRAINING_RUNS.VERSION_ID.eq(MODEL_VERSIONS.VERSION_ID))
                        .orderBy(TRAINING_RUNS.CREATED_AT, TRAINING_RUNS.RUN_ID))
                .convertFrom(r -> r.map(rec -> new Lineage.RunLineage(Rows.TRAINING_RUN.map(rec.value1()), rec.value2())));
        Field<List<Lineage.DeploymentNode>> deployments = multiset(
                select(ENVIRONMENTS.ENVIRONMENT_NAME, DEPLOYMENTS)
                        .from(DEPLOYMENTS).join(ENVIRONMENTS).on(ENVIRONMENTS.ENVIRONMENT_ID.eq(DEPLOYMENTS.ENVIRONMENT_ID))
                        .where(DEPLOYMENTS.VERSION_ID.eq(MODEL_VERSIONS.VERSION_ID))
                        .orderBy(DEPLOYMENTS.DEPLOYED_AT.desc(), DEPLOYMENTS.DEPLOYMENT_ID))
                .convertFrom(r -> r.map(rec -> new Lineage.DeploymentNode(rec.value1(), Rows.DEPLOYMENT.map(rec.value2()))));
        Field<List<Lineage.VersionLineage>> versions = multiset(
                select(MODEL_VERSIONS, runs, deployments)
                        .from(MODEL_VERSIONS)
                        .where(MODEL_VERSIONS.MODEL_ID.eq(MODELS.MODEL_ID))
                        .orderBy(Versions.semverDesc()))
                .convertFrom(r -> r.map(rec -> new Lineage.VersionLineage(Rows.VERSION.map(rec.value1()),
                        rec.value2(), rec.value3())));
        return scope.read(ctx -> ctx.select(MODELS, versions).from(MODELS).where(MODELS.MODEL_ID.eq(modelId))
                .fetchOptional(rec -> new Lineage.ModelLineage(Rows.MODEL.map(rec.value1()), rec.value2()))
                .orElseThrow(() -> new NotFoundException("model", modelId)));
    }
}
