package org.mlregistry.examples.spring;

import org.mlregistry.core.Registry;
import org.mlregistry.core.models.Model;
import org.mlregistry.core.models.ModelRegistry;
import org.mlregistry.core.models.ModelVersion;
import org.mlregistry.core.models.NewModel;
import org.mlregistry.core.models.NewVersion;
import org.mlregistry.core.tracking.NewRun;
import org.mlregistry.core.tracking.Run;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.ModelFramework;
import org.mlregistry.spring.RegistryActorResolver;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records a finished training as a run and a new model version, all or nothing: the registry's
 * operations join the method's Spring transaction, so a refusal of the version also undoes the run.
 */
@Service
public class TrainingService {

    private final Registry registry;
    private final RegistryActorResolver actors;

    TrainingService(Registry registry, RegistryActorResolver actors) {
        this.registry = registry;
        this.actors = actors;
    }

    /**
     * Submits the training run and registers its result as a version of a new model, in one transaction.
     *
     * @param model the model's name
     * @param semver the version, e.g. {@code 1.0.0}
     * @return the registered version
     */
    @Transactional
    public ModelVersion recordTraining(String model, String semver) {
        Run run = registry.runs().submit(NewRun.builder()
                .model(model).framework(Framework.PYTORCH).experiment("exp-nightly")
                .dataset("imagenet-1k").computeTarget("k8s-gpu-a100")
                .parameters("{\"batch_size\": 128}")
                .build());
        ModelRegistry models = actors.models(registry);
        Model created = models.catalog().createModel(NewModel.of(model, "Trained by run " + run.runId()));
        return models.versions().register(NewVersion.of(created.modelId(), semver,
                "s3://models/" + model + "/" + semver, ModelFramework.PYTORCH));
    }
}
