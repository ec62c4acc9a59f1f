package org.mlregistry.examples.cookbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlregistry.schema.jooq.tracking.tables.TrainingRuns.TRAINING_RUNS;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.analytics.GroupRow;
import org.mlregistry.schema.DatabaseTest;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.RunStatus;

/** Expected values hand-checked from lab 01's seed data (tracking.sql). */
class DashboardRollupCookbookTest extends DatabaseTest {

    private final Registry registry = Registry.configure().dataSource(dataSource()).load();

    private static GroupRow frameworkSubtotal(List<GroupRow> rows, Framework framework) {
        return rows.stream()
            .filter(r -> !r.key(TRAINING_RUNS.FRAMEWORK).subtotal() && r.valueOf(TRAINING_RUNS.FRAMEWORK) == framework)
            .filter(r -> r.key(TRAINING_RUNS.STATUS).subtotal())
            .findFirst().orElseThrow();
    }

    @Test
    void rollupSubtotalsAndGrandTotalFromTheSeedData() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        List<GroupRow> rows = DashboardRollupCookbook.print(registry, new PrintStream(buffer, true, StandardCharsets.UTF_8));

        GroupRow total = rows.get(rows.size() - 1);
        assertThat(total.isGrandTotal()).isTrue();
        assertThat(total.value(DashboardRollupCookbook.RUNS)).isEqualTo(20L);
        assertThat(total.value(DashboardRollupCookbook.SUCCESS_RATE)).isEqualByComparingTo(new BigDecimal("0.6"));
        // 387.2 GPU hours over 20 runs
        assertThat(total.value(DashboardRollupCookbook.AVG_GPU_HOURS)).isEqualByComparingTo(new BigDecimal("19.36"));
        assertThat(total.value(DashboardRollupCookbook.STDDEV_GPU_HOURS)).isPositive();

        assertThat(frameworkSubtotal(rows, Framework.PYTORCH).value(DashboardRollupCookbook.RUNS)).isEqualTo(10L);
        assertThat(frameworkSubtotal(rows, Framework.PYTORCH).value(DashboardRollupCookbook.SUCCESS_RATE))
            .isEqualByComparingTo(new BigDecimal("0.5"));
        assertThat(frameworkSubtotal(rows, Framework.TENSORFLOW).value(DashboardRollupCookbook.SUCCESS_RATE)
            .setScale(4, RoundingMode.HALF_UP)).isEqualByComparingTo(new BigDecimal("0.6667"));
        assertThat(frameworkSubtotal(rows, Framework.JAX).value(DashboardRollupCookbook.SUCCESS_RATE)).isEqualByComparingTo(BigDecimal.ZERO);

        GroupRow pytorchFailed = rows.stream()
            .filter(r -> r.isDetail() && r.valueOf(TRAINING_RUNS.FRAMEWORK) == Framework.PYTORCH
                && r.valueOf(TRAINING_RUNS.STATUS) == RunStatus.FAILED)
            .findFirst().orElseThrow();
        assertThat(pytorchFailed.value(DashboardRollupCookbook.RUNS)).isEqualTo(1L);
        // a ROLLUP of 2 dimensions: details + 5 framework subtotals + 1 grand total; no status-only subtotals
        assertThat(rows.stream().filter(r -> r.key(TRAINING_RUNS.FRAMEWORK).subtotal())).hasSize(1);
        assertThat(rows.stream().filter(r -> !r.isDetail())).hasSize(6);

        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("(all)").contains("60.0%").contains("50.0%");
        assertThat(printed.lines()).hasSize(rows.size() + 1);
    }
}
