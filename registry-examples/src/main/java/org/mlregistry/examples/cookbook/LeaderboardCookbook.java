package org.mlregistry.examples.cookbook;

import static org.mlregistry.schema.jooq.tracking.tables.TrainingRuns.TRAINING_RUNS;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.List;
import org.jooq.impl.DSL;
import org.mlregistry.core.Registry;
import org.mlregistry.core.analytics.RankedRow;
import org.mlregistry.core.analytics.TopRow;
import org.mlregistry.schema.jooq.tracking.tables.records.TrainingRunsRecord;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.RunStatus;

/**
 * Cookbook: a model leaderboard. The best {@code n} succeeded runs per framework by accuracy, found
 * with a lateral top-N query (an index probe per framework, not a sort of the whole table), and the
 * lab 01 Part 8 ranking with each framework's average accuracy beside every run.
 *
 * <pre>{@code
 * LeaderboardCookbook.print(registry, 2, System.out);
 * }</pre>
 */
public final class LeaderboardCookbook {

    private LeaderboardCookbook() {
    }

    /**
     * The best {@code n} succeeded runs per framework by accuracy (ties broken by run id).
     *
     * @param registry the registry to read from
     * @param n runs per framework, at least 1
     * @return the leaderboard, by framework then position
     */
    public static List<TopRow<Framework, TrainingRunsRecord>> topPerFramework(Registry registry, int n) {
        return registry.analytics().topN(TRAINING_RUNS)
            .where(TRAINING_RUNS.STATUS.eq(RunStatus.SUCCEEDED).and(TRAINING_RUNS.ACCURACY.isNotNull()))
            .perGroup(TRAINING_RUNS.FRAMEWORK)
            .orderBy(TRAINING_RUNS.ACCURACY.desc(), TRAINING_RUNS.RUN_ID)
            .limit(n)
            .fetch();
    }

    /**
     * Every succeeded run ranked by accuracy within its framework (RANK, ties share a place), with
     * the framework's best accuracy beside it.
     *
     * @param registry the registry to read from
     * @return the ranked runs, by framework then rank
     */
    public static List<RankedRow<Framework, BigDecimal, TrainingRunsRecord>> rankedWithBest(Registry registry) {
        return registry.analytics().ranking(TRAINING_RUNS)
            .where(TRAINING_RUNS.STATUS.eq(RunStatus.SUCCEEDED).and(TRAINING_RUNS.ACCURACY.isNotNull()))
            .partitionBy(TRAINING_RUNS.FRAMEWORK)
            .orderBy(TRAINING_RUNS.ACCURACY.desc())
            .rank()
            .withPartitionAggregate(DSL.max(TRAINING_RUNS.ACCURACY))
            .fetch();
    }

    /**
     * Prints the top-{@code n} leaderboard, one line per run: framework, position, model, accuracy.
     *
     * @param registry the registry to read from
     * @param n runs per framework
     * @param out where to print
     * @return the leaderboard printed
     */
    public static List<TopRow<Framework, TrainingRunsRecord>> print(Registry registry, int n, PrintStream out) {
        List<TopRow<Framework, TrainingRunsRecord>> rows = topPerFramework(registry, n);
        out.printf("%-12s %3s  %-40s %8s%n", "framework", "#", "model", "accuracy");
        for (TopRow<Framework, TrainingRunsRecord> row : rows) {
            out.printf("%-12s %3d  %-40s %8s%n", row.group().getLiteral(), row.position(),
                row.row().getModelName(), row.row().getAccuracy().toPlainString());
        }
        return rows;
    }
}
