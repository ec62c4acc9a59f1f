package org.mlregistry.core.models;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.mlregistry.schema.types.DeploymentStatus;

/**
 * A version deployed to an environment, with its share of the model's traffic there.
 *
 * @param deploymentId its id
 * @param versionId the version it serves
 * @param environmentId the environment
 * @param endpointUrl where it answers, or null
 * @param replicas how many replicas run
 * @param trafficPercentage its share of the model's traffic in the environment, in [0, 100]
 * @param status whether it serves
 * @param deployedBy who deployed it
 * @param deployedAt when
 * @param undeployedBy who took it out of service, or null
 * @param undeployedAt when, or null
 * @param actualLatencyP50Ms measured median latency, or null
 * @param actualLatencyP95Ms measured 95th percentile latency, or null
 * @param actualLatencyP99Ms measured 99th percentile latency, or null
 * @param actualAvailabilityPercent measured availability, or null
 * @param actualThroughputQps measured throughput, or null
 */
public record Deployment(UUID deploymentId, UUID versionId, Integer environmentId, String endpointUrl, Integer replicas,
        Integer trafficPercentage, DeploymentStatus status, String deployedBy, OffsetDateTime deployedAt,
        String undeployedBy, OffsetDateTime undeployedAt, BigDecimal actualLatencyP50Ms, BigDecimal actualLatencyP95Ms,
        BigDecimal actualLatencyP99Ms, BigDecimal actualAvailabilityPercent, BigDecimal actualThroughputQps) {
}
