package org.mlregistry.core.tracking;

/**
 * A run a worker holds, with its lease.
 *
 * @param run the run, running
 * @param lease the worker's lease on it
 * @param resumed whether the claim returned a run the worker already held (a repeated claim)
 *     rather than claiming a queued one
 */
public record LeasedRun(Run run, RunLease lease, boolean resumed) {
}
