package org.mlregistry.core.tracking;

import java.time.OffsetDateTime;

/**
 * An experiment of tracked runs ({@code tracking.experiments}); its runs are the runs whose
 * experiment_name is its name, and the trials of its sweeps.
 *
 * @param name the experiment's name, as runs carry it in experiment_name
 * @param description free text, or null
 * @param createdBy database user that created it
 * @param createdAt when it was created
 */
public record Experiment(String name, String description, String createdBy, OffsetDateTime createdAt) {
}
