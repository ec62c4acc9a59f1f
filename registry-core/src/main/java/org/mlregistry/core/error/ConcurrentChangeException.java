package org.mlregistry.core.error;

import java.util.List;
import java.util.UUID;

/**
 * The serving deployments of a model in an environment changed between the moment an operation
 * read them and the moment it held the model's lock (another promote, rollback or deploy committed
 * first). Nothing was written; read the new state and decide again.
 */
public class ConcurrentChangeException extends RefusedException {

    /** The model. */
    private final UUID modelId;
    /** The environment's name. */
    private final String environment;
    /** The serving deployments as the operation first read them. */
    private final List<String> expected;
    /** The serving deployments it found under the lock. */
    private final List<String> found;

    /**
     * @param modelId the model
     * @param environment the environment's name
     * @param expected the serving deployments as first read, each {@code deployment_id@traffic}
     * @param found the serving deployments found under the lock, each {@code deployment_id@traffic}
     */
    public ConcurrentChangeException(UUID modelId, String environment, List<String> expected, List<String> found) {
        super("Serving deployments of model " + modelId + " in " + environment
                + " changed concurrently, nothing was written: read " + expected + ", found " + found);
        this.modelId = modelId;
        this.environment = environment;
        this.expected = List.copyOf(expected);
        this.found = List.copyOf(found);
    }

    /** @return the model */
    public UUID modelId() {
        return modelId;
    }

    /** @return the environment's name */
    public String environment() {
        return environment;
    }

    /** @return the serving deployments as first read, each {@code deployment_id@traffic} */
    public List<String> expected() {
        return expected;
    }

    /** @return the serving deployments found under the lock, each {@code deployment_id@traffic} */
    public List<String> found() {
        return found;
    }
}
