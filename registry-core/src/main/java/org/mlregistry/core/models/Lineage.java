package org.mlregistry.core.models;

import java.util.List;
import org.mlregistry.schema.types.DatasetRole;

/** The typed lineage tree of a model: versions → training runs → datasets, and deployments. */
public final class Lineage {

    private Lineage() {
    }

    /**
     * A model and its versions, highest semantic version first.
     *
     * @param model the model
     * @param versions its versions
     */
    public record ModelLineage(Model model, List<VersionLineage> versions) {
    }

    /**
     * A version with the runs that trained it (oldest first) and its deployments (newest first).
     *
     * @param version the version
     * @param runs training runs
     * @param deployments deployments of every status
     */
    public record VersionLineage(ModelVersion version, List<RunLineage> runs, List<DeploymentNode> deployments) {
    }

    /**
     * A training run and the datasets it used.
     *
     * @param run the run
     * @param datasets datasets by role
     */
    public record RunLineage(TrainingRun run, List<DatasetNode> datasets) {
    }

    /**
     * One dataset in one role of a run.
     *
     * @param role how the run used it
     * @param sampleCount samples used, or null
     * @param dataset the catalog entry
     */
    public record DatasetNode(DatasetRole role, Long sampleCount, Dataset dataset) {
    }

    /**
     * A deployment with its environment's name.
     *
     * @param environment environment name
     * @param deployment the deployment
     */
    public record DeploymentNode(String environment, Deployment deployment) {
    }
}
