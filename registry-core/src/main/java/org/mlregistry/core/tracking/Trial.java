package org.mlregistry.core.tracking;

import java.util.UUID;

/**
 * A trial of a sweep: a training run, numbered in its sweep.
 *
 * @param sweepId the sweep
 * @param number 1 for the first trial of the sweep
 * @param run the trial's run; its parameters are the trial's hyperparameters
 */
public record Trial(UUID sweepId, int number, Run run) {
}
