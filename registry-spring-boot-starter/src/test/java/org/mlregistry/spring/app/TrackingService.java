package org.mlregistry.spring.app;

import org.mlregistry.core.Registry;
import org.mlregistry.core.models.Model;
import org.mlregistry.core.models.ModelRegistry;
import org.mlregistry.core.models.NewModel;
import org.mlregistry.core.models.NewVersion;
import org.mlregistry.core.tracking.NewRun;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.ModelFramework;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Transactional methods of a service that use the registry bean. */
@Service
public class TrackingService {

    private final Registry registry;
    private final TrackingService self;

    TrackingService(Registry registry, @org.springframework.context.annotation.Lazy TrackingService self) {
        this.registry = registry;
        this.self = self;
    }

    /** Submits a run and registers version 1.0.0 of a new model of the same name, in the caller's transaction. */
    @Transactional
    public void submitAndRegister(String model) {
        submitAndRegisterNow(model);
    }

    /** As {@link #submitAndRegister}, then fails: Spring rolls the transaction back. */
    @Transactional
    public void submitAndRegisterThenFail(String model) {
        submitAndRegisterNow(model);
        throw new IllegalStateException("the service failed after the registry calls");
    }

    /** Submits {@code inner} in a transaction of its own (REQUIRES_NEW), then {@code outer} in the caller's, then fails. */
    @Transactional
    public void innerRequiresNewThenFail(String inner, String outer) {
        self.submitInNewTransaction(inner);
        registry.runs().submit(run(outer));
        throw new IllegalStateException("the outer transaction fails");
    }

    /** Submits a run in a transaction of its own. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void submitInNewTransaction(String model) {
        registry.runs().submit(run(model));
    }

    /**
     * In one transaction: a registry transaction that submits {@code undone} and fails (its
     * savepoint is rolled back), then a submit of {@code kept}; commits.
     */
    @Transactional
    public void failedNestedRegistryTransactionThenCommit(String undone, String kept) {
        try {
            registry.inTransaction(ctx -> {
                registry.runs().submit(run(undone));
                throw new IllegalStateException("the nested registry transaction fails");
            });
        } catch (IllegalStateException expected) {
            // the savepoint is rolled back; the service's transaction goes on
        }
        registry.runs().submit(run(kept));
    }

    private void submitAndRegisterNow(String model) {
        registry.runs().submit(run(model));
        ModelRegistry models = registry.models().actor("spring-test");
        Model created = models.catalog().createModel(NewModel.of(model, "A model of the Spring test"));
        models.versions().register(NewVersion.of(created.modelId(), "1.0.0", "s3://models/" + model + "/1.0.0",
                ModelFramework.PYTORCH));
    }

    static NewRun run(String model) {
        return NewRun.builder().model(model).framework(Framework.PYTORCH).experiment("exp-spring")
                .dataset("ds-spring").computeTarget("k8s-gpu-a100").parameters("{\"batch_size\": 32}").build();
    }
}
