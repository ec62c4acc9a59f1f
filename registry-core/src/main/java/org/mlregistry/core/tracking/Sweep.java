package org.mlregistry.core.tracking;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.mlregistry.schema.types.Framework;

/**
 * A sweep as stored ({@code tracking.sweeps}).
 *
 * @param sweepId primary key
 * @param name unique in its experiment
 * @param experimentName the experiment
 * @param modelName model every trial trains
 * @param framework what each trial records in training_runs.framework
 * @param frameworkName the trials' framework beyond lab 01's six, or null
 * @param dataset dataset every trial trains on
 * @param computeTarget queue the trials wait in
 * @param parametersJson parameters every trial starts from
 * @param createdBy database user that started it
 * @param createdAt when it was started
 */
public record Sweep(UUID sweepId, String name, String experimentName, String modelName, Framework framework,
        String frameworkName, String dataset, String computeTarget, String parametersJson, String createdBy,
        OffsetDateTime createdAt) {
}
