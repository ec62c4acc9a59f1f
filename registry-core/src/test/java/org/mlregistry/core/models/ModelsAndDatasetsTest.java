package org.mlregistry.core.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mlregistry.schema.jooq.registry.Tables.AUDIT_LOG;
import static org.mlregistry.schema.jooq.registry.Tables.MODELS;

import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.error.ConstraintViolationException;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.schema.types.AuditEntityType;
import org.mlregistry.schema.types.DataClassification;
import org.mlregistry.schema.types.RiskLevel;
import org.mlregistry.schema.types.StorageFormat;

class ModelsAndDatasetsTest extends ModelsTestSupport {

    @Test
    void createsTeamModelAndDatasetWithAudit() {
        inRollback((models, ctx) -> {
            Team team = models.catalog().createTeam(unique("team"), "ml@example.com");
            String name = unique("fraud");
            Model model = models.catalog().createModel(NewModel.of(name, "Fraud").team(team.teamId()).risk(RiskLevel.HIGH, true));
            assertThat(model.modelName()).isEqualTo(name);
            assertThat(model.teamId()).isEqualTo(team.teamId());
            assertThat(model.riskLevel()).isEqualTo(RiskLevel.HIGH);
            assertThat(model.complianceRequired()).isTrue();
            assertThat(model.createdBy()).isEqualTo(ACTOR);
            assertThat(models.catalog().model(name)).contains(model);

            Dataset ds = models.catalog().createDataset(NewDataset.of(unique("tx_data"), "Transactions", "s3://data/tx")
                    .governance(true, DataClassification.RESTRICTED).format(StorageFormat.PARQUET));
            assertThat(ds.containsPii()).isTrue();
            assertThat(ds.dataClassification()).isEqualTo(DataClassification.RESTRICTED);
            assertThat(ds.storageFormat()).isEqualTo(StorageFormat.PARQUET);
            assertThat(models.catalog().dataset(ds.datasetName()).map(Dataset::datasetId)).contains(ds.datasetId());

            Model reclassified = models.catalog().classifyModel(model.modelId(), RiskLevel.LOW, false);
            assertThat(reclassified.riskLevel()).isEqualTo(RiskLevel.LOW);
            assertThat(reclassified.complianceRequired()).isFalse();

            var trail = models.audit().of(model.modelId());
            assertThat(trail).extracting(AuditEntry::action).containsExactly("create", "classify");
            assertThat(trail).extracting(AuditEntry::actor).containsOnly(ACTOR);
            assertThat(trail.get(0).before()).isNull();
            assertThat(trail.get(0).after()).contains("\"model_name\": \"" + name + "\"");
            assertThat(trail.get(1).before()).contains("\"risk_level\": \"high\"");
            assertThat(trail.get(1).after()).contains("\"risk_level\": \"low\"");
            assertThat(models.audit().of(team.teamId())).hasSize(1);
            assertThat(models.audit().of(ds.datasetId())).extracting(AuditEntry::entityType).containsExactly(AuditEntityType.DATASET);
            return null;
        });
    }

    @Test
    void refusesNonKebabNameBeforeTheRoundTrip() {
        inRollback((models, ctx) -> {
            long auditRows = ctx.fetchCount(AUDIT_LOG);
            InvalidValueException e = catchThrowableOfType(InvalidValueException.class,
                    () -> models.catalog().createModel(NewModel.of("Fraud_Detector", "Fraud")));
            assertThat(e).isNotInstanceOf(ConstraintViolationException.class);
            assertThat(e.field()).isEqualTo("model_name");
            assertThat(e.value()).isEqualTo("Fraud_Detector");
            assertThat(ctx.fetchExists(MODELS, MODELS.MODEL_NAME.eq("Fraud_Detector"))).isFalse();
            assertThat(ctx.fetchCount(AUDIT_LOG)).isEqualTo(auditRows);

            InvalidValueException ds = catchThrowableOfType(InvalidValueException.class,
                    () -> models.catalog().createDataset(NewDataset.of("Bad Name", "x", "s3://x")));
            assertThat(ds.field()).isEqualTo("dataset_name");
            InvalidValueException mail = catchThrowableOfType(InvalidValueException.class,
                    () -> models.catalog().createTeam(unique("t"), "a@b.c|m"));
            assertThat(mail.field()).isEqualTo("team_email");
            return null;
        });
    }

    @Test
    void duplicateNameIsTranslatedToTypedViolationAndNothingIsWritten() {
        inRollback((models, ctx) -> {
            // lab 02's sample model
            long before = ctx.fetchCount(MODELS);
            ConstraintViolationException e = catchThrowableOfType(ConstraintViolationException.class,
                    () -> models.catalog().createModel(NewModel.of("sentiment-classifier", "Dup")));
            assertThat(e.constraint()).isEqualTo("models_model_name_key");
            assertThat(e.field()).isEqualTo("model_name");
            assertThat(e.rule()).contains("must be unique");
            assertThat(ctx.fetchCount(MODELS)).isEqualTo(before);
            return null;
        });
    }

    @Test
    void writesNeedAnActor() {
        inRollback((models, ctx) -> {
            ModelRegistry anonymous = Registry.configure().dsl(ctx).load().models();
            InvalidValueException e = catchThrowableOfType(InvalidValueException.class,
                    () -> anonymous.catalog().createModel(NewModel.of(unique("m"), "M")));
            assertThat(e.field()).isEqualTo("actor");
            assertThat(anonymous.catalog().model("sentiment-classifier")).isPresent();
            return null;
        });
    }
}
