package org.mlregistry.core.tracking;

import java.math.BigDecimal;

/**
 * One place of a leaderboard.
 *
 * @param rank 1 for the best; runs with equal values share a rank and the next rank is skipped
 *     (SQL {@code rank()})
 * @param value the metric ranked by
 * @param run the run
 */
public record LeaderboardEntry(int rank, BigDecimal value, Run run) {
}
