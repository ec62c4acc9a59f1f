package org.mlregistry.core.models;

import java.math.BigDecimal;

/**
 * Measured service levels of a deployment; null values are left unchanged.
 *
 * @param latencyP50Ms median latency in ms
 * @param latencyP95Ms 95th percentile latency in ms
 * @param latencyP99Ms 99th percentile latency in ms
 * @param availabilityPercent availability in [0, 100]
 * @param throughputQps throughput in queries per second
 */
public record DeploymentMetrics(BigDecimal latencyP50Ms, BigDecimal latencyP95Ms, BigDecimal latencyP99Ms,
        BigDecimal availabilityPercent, BigDecimal throughputQps) {
}
