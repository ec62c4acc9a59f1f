package org.mlregistry.examples.cookbook;

import static org.mlregistry.schema.jooq.tracking.tables.TrainingRuns.TRAINING_RUNS;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.mlregistry.core.Registry;
import org.mlregistry.core.analytics.Buckets;
import org.mlregistry.core.analytics.CostRow;
import org.mlregistry.schema.types.Framework;

/**
 * Cookbook: GPU cost reports. Hours × a rate per compute target, with an explicit default rate for
 * targets without one (use {@code failOnUnknown()} instead to refuse the report when a target has no
 * rate), per framework, per compute target and per UTC day. Arithmetic is exact (numeric in
 * PostgreSQL, {@link BigDecimal} in Java); round only for display.
 *
 * <pre>{@code
 * CostReportCookbook.print(registry, CostReportCookbook.EXAMPLE_RATES, new BigDecimal("2.50"), System.out);
 * }</pre>
 */
public final class CostReportCookbook {

    /** Example on-demand prices per GPU hour (USD) of the lab's compute targets. */
    public static final Map<String, BigDecimal> EXAMPLE_RATES = Map.of(
        "k8s-gpu-a100", new BigDecimal("3.67"),
        "k8s-gpu-v100", new BigDecimal("2.48"),
        "aws-sagemaker-p3", new BigDecimal("3.06"),
        "gcp-vertex-ai-v100", new BigDecimal("2.55"),
        "gcp-vertex-ai-t4", new BigDecimal("0.35"));

    private CostReportCookbook() {
    }

    /**
     * GPU cost per framework, rates per compute target, {@code defaultRate} for other targets.
     *
     * @param registry the registry to read from
     * @param rates rate per compute target
     * @param defaultRate rate of targets not in {@code rates}
     * @return one row per framework
     */
    public static List<CostRow<Framework>> byFramework(Registry registry, Map<String, BigDecimal> rates, BigDecimal defaultRate) {
        return registry.analytics().costs(TRAINING_RUNS)
            .hours(TRAINING_RUNS.GPU_HOURS)
            .ratePer(TRAINING_RUNS.COMPUTE_TARGET, rates)
            .orDefault(defaultRate)
            .by(TRAINING_RUNS.FRAMEWORK)
            .fetch();
    }

    /**
     * GPU cost per compute target.
     *
     * @param registry the registry to read from
     * @param rates rate per compute target
     * @param defaultRate rate of targets not in {@code rates}
     * @return one row per compute target
     */
    public static List<CostRow<String>> byTarget(Registry registry, Map<String, BigDecimal> rates, BigDecimal defaultRate) {
        return registry.analytics().costs(TRAINING_RUNS)
            .hours(TRAINING_RUNS.GPU_HOURS)
            .ratePer(TRAINING_RUNS.COMPUTE_TARGET, rates)
            .orDefault(defaultRate)
            .by(TRAINING_RUNS.COMPUTE_TARGET)
            .fetch();
    }

    /**
     * GPU cost per UTC calendar day of {@code created_at}.
     *
     * @param registry the registry to read from
     * @param rates rate per compute target
     * @param defaultRate rate of targets not in {@code rates}
     * @return one row per day with runs, oldest first
     */
    public static List<CostRow<LocalDate>> byUtcDay(Registry registry, Map<String, BigDecimal> rates, BigDecimal defaultRate) {
        return registry.analytics().costs(TRAINING_RUNS)
            .hours(TRAINING_RUNS.GPU_HOURS)
            .ratePer(TRAINING_RUNS.COMPUTE_TARGET, rates)
            .orDefault(defaultRate)
            .by(Buckets.dayUtc(TRAINING_RUNS.CREATED_AT))
            .fetch();
    }

    /**
     * Prints the per-framework report with a total line, costs rounded to cents.
     *
     * @param registry the registry to read from
     * @param rates rate per compute target
     * @param defaultRate rate of targets not in {@code rates}
     * @param out where to print
     * @return the rows printed (without the total line)
     */
    public static List<CostRow<Framework>> print(Registry registry, Map<String, BigDecimal> rates, BigDecimal defaultRate, PrintStream out) {
        List<CostRow<Framework>> rows = byFramework(registry, rates, defaultRate);
        out.printf("%-12s %5s %10s %12s%n", "framework", "runs", "gpu hours", "cost (USD)");
        BigDecimal total = BigDecimal.ZERO;
        for (CostRow<Framework> row : rows) {
            BigDecimal cost = row.cost() == null ? BigDecimal.ZERO : row.cost();
            total = total.add(cost);
            out.printf("%-12s %5d %10s %12s%n", row.key().getLiteral(), row.runs(),
                row.hours() == null ? "-" : row.hours().toPlainString(), cents(cost));
        }
        out.printf("%-12s %5s %10s %12s%n", "total", "", "", cents(total));
        return rows;
    }

    private static String cents(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
