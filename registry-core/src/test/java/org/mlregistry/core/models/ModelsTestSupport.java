package org.mlregistry.core.models;

import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.mlregistry.core.RolledBackRegistry;
import org.mlregistry.schema.DatabaseTest;
import org.mlregistry.schema.types.ModelFramework;

/** Helpers for the model registry tests: work in rolled-back transactions with unique names. */
abstract class ModelsTestSupport extends DatabaseTest {

    static final String ACTOR = "test-actor";

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Runs work against a registry inside a jOOQ transaction that is always rolled back: the
     * registry's own transactions nest in it as savepoints.
     */
    static <T> T inRollback(Function<ModelRegistry, T> work) {
        return RolledBackRegistry.run(db(), registry -> work.apply(registry.models().actor(ACTOR)));
    }

    /** Runs work in a rolled-back transaction with the registry and the transaction's DSLContext. */
    static <T> T inRollback(BiFunction<ModelRegistry, DSLContext, T> work) {
        return RolledBackRegistry.run(db(), registry -> work.apply(registry.models().actor(ACTOR), registry.dsl()));
    }

    static Model model(ModelRegistry models) {
        return models.catalog().createModel(NewModel.of(unique("m"), "Test model"));
    }

    static ModelVersion version(ModelRegistry models, Model model, String semver) {
        return models.versions().register(NewVersion.of(model.modelId(), semver, "s3://models/" + semver, ModelFramework.PYTORCH));
    }

    /** A version that may be deployed. */
    static ModelVersion validated(ModelRegistry models, Model model, String semver) {
        ModelVersion v = version(models, model, semver);
        return models.versions().validate(v.versionId(), "tests pass");
    }
}
