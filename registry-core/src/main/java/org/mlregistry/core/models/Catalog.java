package org.mlregistry.core.models;

import static org.mlregistry.schema.jooq.registry.Tables.DATASETS;
import static org.mlregistry.schema.jooq.registry.Tables.MODELS;
import static org.mlregistry.schema.jooq.registry.Tables.TEAMS;

import java.util.Optional;
import java.util.UUID;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.core.internal.AuditWriter;
import org.mlregistry.core.internal.Validator;
import org.mlregistry.schema.types.AuditEntityType;
import org.mlregistry.schema.types.DataClassification;
import org.mlregistry.schema.types.RiskLevel;

/**
 * Teams, models and datasets: the catalog the registry's versions, runs and deployments refer to.
 * Obtain it from {@link ModelRegistry#catalog()}. Each write and its audit row are one statement.
 */
public final class Catalog {

    private final Scope scope;

    Catalog(Scope scope) {
        this.scope = scope;
    }

    /**
     * Creates a team; team_email, when given, must be an e-mail address.
     *
     * @param name the team's name, not blank
     * @param email the team's e-mail address, or null
     * @return the team as stored, with its generated id
     */
    public Team createTeam(String name, String email) {
        AuditWriter audit = scope.audit();
        Validator.required("team_name", name);
        Validator.email(email);
        return scope.write(ctx -> audit.audited(ctx, AuditEntityType.TEAM, "create", TEAMS.TEAM_ID, null,
                ctx.insertInto(TEAMS).set(TEAMS.TEAM_NAME, name).set(TEAMS.TEAM_EMAIL, email).returning())
                .fetchSingle(Rows.TEAM));
    }

    /**
     * Creates a model. The name is checked to be kebab-case before the round trip.
     *
     * @param spec the model to create
     * @return the model as stored, with its generated id and created_by the actor
     * @throws InvalidValueException when the name is not kebab-case or a value is missing
     * @throws org.mlregistry.core.error.ConstraintViolationException when the name is taken
     */
    public Model createModel(NewModel spec) {
        Validator.required("spec", spec);
        AuditWriter audit = scope.audit();
        Validator.modelName(spec.name());
        Validator.required("display_name", spec.displayName());
        return scope.write(ctx -> audit.audited(ctx, AuditEntityType.MODEL, "create", MODELS.MODEL_ID, null,
                ctx.insertInto(MODELS)
                        .set(MODELS.MODEL_NAME, spec.name())
                        .set(MODELS.DISPLAY_NAME, spec.displayName())
                        .set(MODELS.TEAM_ID, spec.teamId())
                        .set(MODELS.RISK_LEVEL, spec.riskLevel() == null ? RiskLevel.MEDIUM : spec.riskLevel())
                        .set(MODELS.COMPLIANCE_REQUIRED, spec.complianceRequired())
                        .set(MODELS.DESCRIPTION, spec.description())
                        .set(MODELS.CREATED_BY, scope.actor())
                        .returning())
                .fetchSingle(Rows.MODEL));
    }

    /**
     * Changes a model's risk level and compliance flag.
     *
     * @param modelId the model
     * @param riskLevel the new business risk, not null
     * @param complianceRequired whether production deployments of the model need approvals from now on
     * @return the model as stored, with its new classification
     * @throws NotFoundException when the model does not exist
     */
    public Model classifyModel(UUID modelId, RiskLevel riskLevel, boolean complianceRequired) {
        AuditWriter audit = scope.audit();
        Validator.required("risk_level", riskLevel);
        return scope.write(ctx -> audit.audited(ctx, AuditEntityType.MODEL, "classify", MODELS.MODEL_ID, modelId,
                ctx.update(MODELS).set(MODELS.RISK_LEVEL, riskLevel).set(MODELS.COMPLIANCE_REQUIRED, complianceRequired)
                        .where(MODELS.MODEL_ID.eq(modelId)).returning())
                .fetchOptional(Rows.MODEL)
                .orElseThrow(() -> new NotFoundException("model", modelId)));
    }

    /**
     * The model with this name, if any.
     *
     * @param name the model's unique name
     * @return the model, or empty when no model has this name
     */
    public Optional<Model> model(String name) {
        Validator.filterText("model_name", name);
        return scope.read(ctx -> ctx.selectFrom(MODELS).where(MODELS.MODEL_NAME.eq(name)).fetchOptional(Rows.MODEL));
    }

    /**
     * Adds a dataset to the catalog. The name is checked before the round trip.
     *
     * @param spec the dataset to add
     * @return the dataset as stored, with its generated id and created_by the actor
     * @throws InvalidValueException when the name breaks valid_dataset_name or a value is missing
     */
    public Dataset createDataset(NewDataset spec) {
        Validator.required("spec", spec);
        AuditWriter audit = scope.audit();
        Validator.datasetName(spec.name());
        Validator.required("display_name", spec.displayName());
        Validator.required("storage_location", spec.storageLocation());
        return scope.write(ctx -> audit.audited(ctx, AuditEntityType.DATASET, "create", DATASETS.DATASET_ID, null,
                ctx.insertInto(DATASETS)
                        .set(DATASETS.DATASET_NAME, spec.name())
                        .set(DATASETS.DISPLAY_NAME, spec.displayName())
                        .set(DATASETS.STORAGE_LOCATION, spec.storageLocation())
                        .set(DATASETS.STORAGE_FORMAT, spec.format())
                        .set(DATASETS.TEAM_ID, spec.teamId())
                        .set(DATASETS.CONTAINS_PII, spec.containsPii())
                        .set(DATASETS.DATA_CLASSIFICATION,
                                spec.classification() == null ? DataClassification.INTERNAL : spec.classification())
                        .set(DATASETS.CREATED_BY, scope.actor())
                        .returning())
                .fetchSingle(Rows.DATASET));
    }

    /**
     * The dataset with this name, if any.
     *
     * @param name the dataset's unique name
     * @return the dataset, or empty when no dataset has this name
     */
    public Optional<Dataset> dataset(String name) {
        Validator.filterText("dataset_name", name);
        return scope.read(ctx -> ctx.selectFrom(DATASETS).where(DATASETS.DATASET_NAME.eq(name)).fetchOptional(Rows.DATASET));
    }
}
