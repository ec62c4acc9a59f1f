package org.mlregistry.core.tracking;

/**
 * One bucket of a downsampled metric history ({@link RunMetrics#downsample}): the points whose
 * steps fall into one of N equal slices of the history's step range.
 *
 * @param bucket the slice, 0 to N-1
 * @param firstStep the lowest step of a point in it
 * @param lastStep the highest step of a point in it
 * @param points how many points it holds
 * @param min the smallest value
 * @param max the largest value
 * @param mean the mean value
 * @param last the value at lastStep (of those, the last logged; on a tie of both, the largest)
 */
public record MetricBucket(int bucket, long firstStep, long lastStep, long points, double min, double max,
        double mean, double last) {
}
