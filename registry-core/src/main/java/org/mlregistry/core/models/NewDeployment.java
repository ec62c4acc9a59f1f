package org.mlregistry.core.models;

import java.util.UUID;

/**
 * A deployment of a version to an environment.
 *
 * @param versionId the version (status {@code validated} or {@code deployed})
 * @param environment environment name, e.g. {@code prod} or {@code canary}
 * @param replicas number of replicas, at least 1
 * @param trafficPercentage share of the model's traffic in the environment, within [0, 100]
 * @param endpointUrl serving endpoint, or null
 */
public record NewDeployment(UUID versionId, String environment, int replicas, int trafficPercentage,
        String endpointUrl) {

    /**
     * One replica, no endpoint.
     *
     * @param versionId the version (status {@code validated} or {@code deployed})
     * @param environment environment name, e.g. {@code prod} or {@code canary}
     * @param trafficPercentage share of the model's traffic in the environment, within [0, 100]
     * @return the deployment with one replica and no endpoint URL
     */
    public static NewDeployment of(UUID versionId, String environment, int trafficPercentage) {
        return new NewDeployment(versionId, environment, 1, trafficPercentage, null);
    }
}
