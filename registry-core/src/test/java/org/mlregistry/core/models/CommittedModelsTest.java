package org.mlregistry.core.models;

import static org.mlregistry.schema.jooq.registry.Tables.DEPLOYMENTS;
import static org.mlregistry.schema.jooq.registry.Tables.MODELS;
import static org.mlregistry.schema.jooq.registry.Tables.MODEL_VERSIONS;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.mlregistry.core.Registry;

/**
 * The base of race tests: each registry call commits on a connection of its own (threads from
 * {@link #pool}), so one transaction really waits for another; the models a test creates (listed
 * in {@link #created}) are removed with their versions and deployments afterwards.
 */
abstract class CommittedModelsTest extends ModelsTestSupport {

    protected final List<Model> created = new ArrayList<>();
    protected final ExecutorService pool = Executors.newFixedThreadPool(3);

    /** A model registry whose every call commits on a pooled connection of the shared database. */
    static ModelRegistry committed() {
        return Registry.configure().dataSource(dataSource()).load().models().actor(ACTOR);
    }

    @AfterEach
    void removeCreatedModels() {
        pool.shutdownNow();
        for (Model m : created) {
            db().deleteFrom(DEPLOYMENTS).where(DEPLOYMENTS.VERSION_ID.in(
                    db().select(MODEL_VERSIONS.VERSION_ID).from(MODEL_VERSIONS).where(MODEL_VERSIONS.MODEL_ID.eq(m.modelId()))))
                    .execute();
            db().deleteFrom(MODELS).where(MODELS.MODEL_ID.eq(m.modelId())).execute();
        }
    }
}
