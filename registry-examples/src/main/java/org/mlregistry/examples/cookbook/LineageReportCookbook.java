package org.mlregistry.examples.cookbook;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.mlregistry.core.models.Dataset;
import org.mlregistry.core.models.DatasetUsage;
import org.mlregistry.core.models.Lineage;
import org.mlregistry.core.models.Model;
import org.mlregistry.core.models.ModelRegistry;
import org.mlregistry.core.models.ModelVersion;
import org.mlregistry.core.models.NewDataset;
import org.mlregistry.core.models.NewDeployment;
import org.mlregistry.core.models.NewModel;
import org.mlregistry.core.models.NewTrainingRun;
import org.mlregistry.core.models.NewVersion;
import org.mlregistry.schema.types.DataClassification;
import org.mlregistry.schema.types.DatasetRole;
import org.mlregistry.schema.types.ModelFramework;
import org.mlregistry.schema.types.RunStatus;

/**
 * Cookbook: record a training run with its datasets by role in one call, then print the model's
 * lineage (versions → runs → datasets → deployments), read as one typed tree.
 */
public final class LineageReportCookbook {

    private LineageReportCookbook() {
    }

    /** Records a small history for a new model called modelName and returns its lineage report. */
    public static List<String> run(ModelRegistry models, String modelName) {
        Model model = models.catalog().createModel(NewModel.of(modelName, "Sentiment"));
        Dataset train = models.catalog().createDataset(NewDataset.of(modelName + "_train", "Reviews train", "s3://data/reviews/train")
                .governance(true, DataClassification.CONFIDENTIAL));
        Dataset test = models.catalog().createDataset(NewDataset.of(modelName + "_test", "Reviews test", "s3://data/reviews/test"));
        ModelVersion v = models.versions().register(
                NewVersion.of(model.modelId(), "1.0.0", "s3://models/" + modelName + "/1.0.0", ModelFramework.HUGGINGFACE));
        models.lineage().recordTrainingRun(new NewTrainingRun(v.versionId(), "bert-finetune-1", "sentiment", RunStatus.SUCCEEDED,
                new BigDecimal("0.9120"), new BigDecimal("0.9050"), "{\"lr\": 2e-5, \"epochs\": 3}",
                List.of(new DatasetUsage(train.datasetId(), DatasetRole.TRAINING, 50_000L),
                        new DatasetUsage(test.datasetId(), DatasetRole.TEST, 5_000L))));
        models.versions().validate(v.versionId(), "accuracy above 0.9");
        models.deployments().deploy(NewDeployment.of(v.versionId(), "staging", 100));
        return report(models.lineage().of(model.modelId()));
    }

    /** One line per node of the lineage tree, indented by depth. */
    public static List<String> report(Lineage.ModelLineage lineage) {
        List<String> lines = new ArrayList<>();
        lines.add("model " + lineage.model().modelName());
        for (Lineage.VersionLineage v : lineage.versions()) {
            lines.add("  version " + v.version().semver() + " [" + v.version().status().getLiteral() + "]");
            for (Lineage.RunLineage r : v.runs()) {
                lines.add("    run " + r.run().runName() + " accuracy=" + r.run().accuracy());
                for (Lineage.DatasetNode d : r.datasets()) {
                    lines.add("      " + d.role().getLiteral() + " " + d.dataset().datasetName() + " samples=" + d.sampleCount()
                            + (Boolean.TRUE.equals(d.dataset().containsPii()) ? " PII" : ""));
                }
            }
            for (Lineage.DeploymentNode d : v.deployments()) {
                lines.add("    deployed to " + d.environment() + " traffic=" + d.deployment().trafficPercentage() + "% "
                        + d.deployment().status().getLiteral());
            }
        }
        return lines;
    }
}
