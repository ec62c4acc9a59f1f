package org.mlregistry.core.models;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.mlregistry.schema.types.DeploymentStatus;

/**
 * An active production deployment as {@code vw_production_deployments} shows it.
 *
 * @param modelName the model
 * @param modelDisplayName its name for people
 * @param semver the deployed version
 * @param environmentName the production environment
 * @param endpointUrl where it answers, or null
 * @param status whether it serves
 * @param deployedAt when it was deployed
 * @param deployedBy who deployed it
 * @param trafficPercentage its share of the model's traffic there
 * @param actualLatencyP95Ms measured 95th percentile latency, or null
 * @param actualAvailabilityPercent measured availability, or null
 */
public record ProductionDeployment(String modelName, String modelDisplayName, String semver, String environmentName,
        String endpointUrl, DeploymentStatus status, OffsetDateTime deployedAt, String deployedBy,
        Integer trafficPercentage, BigDecimal actualLatencyP95Ms, BigDecimal actualAvailabilityPercent) {
}
