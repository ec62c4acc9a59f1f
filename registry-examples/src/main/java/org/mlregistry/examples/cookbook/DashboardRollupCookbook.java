package org.mlregistry.examples.cookbook;

import static org.mlregistry.schema.jooq.tracking.tables.TrainingRuns.TRAINING_RUNS;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.mlregistry.core.Registry;
import org.mlregistry.core.analytics.GroupRow;
import org.mlregistry.core.analytics.Key;
import org.mlregistry.core.analytics.Measure;
import org.mlregistry.schema.types.RunStatus;

/**
 * Cookbook: a dashboard table of runs by framework and status with subtotals per framework and a
 * grand total, in one {@code GROUP BY ROLLUP} query. Subtotal rows are told apart from real nulls by
 * {@code GROUPING()} ({@link Key#subtotal()}), and printed as "(all)".
 *
 * <pre>{@code
 * DashboardRollupCookbook.print(registry, System.out);
 * }</pre>
 */
public final class DashboardRollupCookbook {

    /** Number of runs. */
    public static final Measure<Long> RUNS = Measure.count("runs");
    /** Share of succeeded runs, in [0, 1]: {@code count(*) FILTER (WHERE status = 'succeeded') / count(*)}. */
    public static final Measure<BigDecimal> SUCCESS_RATE =
        Measure.share("success rate", TRAINING_RUNS.STATUS.eq(RunStatus.SUCCEEDED));
    /** Average GPU hours. */
    public static final Measure<BigDecimal> AVG_GPU_HOURS = Measure.avg("avg gpu hours", TRAINING_RUNS.GPU_HOURS);
    /** Sample standard deviation of GPU hours. */
    public static final Measure<BigDecimal> STDDEV_GPU_HOURS = Measure.stddev("stddev gpu hours", TRAINING_RUNS.GPU_HOURS);

    private DashboardRollupCookbook() {
    }

    /**
     * Framework × status ROLLUP: detail rows, one subtotal per framework, the grand total last.
     *
     * @param registry the registry to read from
     * @return the rows
     */
    public static List<GroupRow> frameworkStatus(Registry registry) {
        return registry.analytics().aggregate(TRAINING_RUNS)
            .dimensions(TRAINING_RUNS.FRAMEWORK, TRAINING_RUNS.STATUS)
            .rollup()
            .measures(RUNS, SUCCESS_RATE, AVG_GPU_HOURS, STDDEV_GPU_HOURS)
            .fetch();
    }

    /**
     * Prints the rollup as a table; subtotals show "(all)" in place of the dimension.
     *
     * @param registry the registry to read from
     * @param out where to print
     * @return the rows printed
     */
    public static List<GroupRow> print(Registry registry, PrintStream out) {
        List<GroupRow> rows = frameworkStatus(registry);
        out.printf("%-12s %-10s %5s %8s %9s%n", "framework", "status", "runs", "success", "avg gpu h");
        for (GroupRow row : rows) {
            out.printf("%-12s %-10s %5d %7s%% %9s%n", label(row.key(TRAINING_RUNS.FRAMEWORK)), label(row.key(TRAINING_RUNS.STATUS)),
                row.value(RUNS), percent(row.value(SUCCESS_RATE)), round(row.value(AVG_GPU_HOURS)));
        }
        return rows;
    }

    private static String label(Key<?> key) {
        if (key.subtotal()) {
            return "(all)";
        }
        if (key.value() == null) {
            return "(null)";
        }
        return key.value() instanceof org.jooq.EnumType e ? e.getLiteral() : key.value().toString();
    }

    private static String percent(BigDecimal share) {
        return share == null ? "-" : share.movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }

    private static String round(BigDecimal value) {
        return value == null ? "-" : value.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
