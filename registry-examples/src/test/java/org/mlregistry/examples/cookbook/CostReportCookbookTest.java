package org.mlregistry.examples.cookbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.analytics.CostRow;
import org.mlregistry.schema.DatabaseTest;
import org.mlregistry.schema.types.Framework;

/** Expected values hand-checked from lab 01's seed data (tracking.sql). */
class CostReportCookbookTest extends DatabaseTest {

    private static final BigDecimal DEFAULT_RATE = new BigDecimal("2.50");

    private final Registry registry = Registry.configure().dataSource(dataSource()).load();

    @Test
    void perFrameworkWithRatesPerTarget() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        List<CostRow<Framework>> rows = CostReportCookbook.print(registry, CostReportCookbook.EXAMPLE_RATES, DEFAULT_RATE,
            new PrintStream(buffer, true, StandardCharsets.UTF_8));

        // tensorflow: 16.2 x 3.06 (p3) + 8.7 x 2.50 + 12.4 x 0.35 (t4) + 6.8 x 2.50 + 3.2 x 2.50 + 0 = 100.662
        CostRow<Framework> tensorflow = rows.stream().filter(r -> r.key() == Framework.TENSORFLOW).findFirst().orElseThrow();
        assertThat(tensorflow.runs()).isEqualTo(6L);
        assertThat(tensorflow.hours()).isEqualByComparingTo("47.3");
        assertThat(tensorflow.cost()).isEqualByComparingTo("100.662");
        // all runs: 387.2 GPU hours; 1028.172 USD
        assertThat(rows.stream().map(CostRow::hours).reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("387.2");
        assertThat(rows.stream().map(CostRow::cost).reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("1028.172");
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("100.66").contains("1028.17");
    }

    @Test
    void perTargetAndPerDayAddUpToTheSameTotal() {
        List<CostRow<String>> byTarget = CostReportCookbook.byTarget(registry, CostReportCookbook.EXAMPLE_RATES, DEFAULT_RATE);
        CostRow<String> a100 = byTarget.stream().filter(r -> r.key().equals("k8s-gpu-a100")).findFirst().orElseThrow();
        // 24.5 + 28.6 + 12.3 GPU hours at 3.67
        assertThat(a100.runs()).isEqualTo(3L);
        assertThat(a100.cost()).isEqualByComparingTo("240.018");

        var byDay = CostReportCookbook.byUtcDay(registry, CostReportCookbook.EXAMPLE_RATES, DEFAULT_RATE);
        assertThat(byDay.stream().mapToLong(CostRow::runs).sum()).isEqualTo(20L);
        assertThat(byDay.stream().map(CostRow::cost).reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("1028.172");
        assertThat(byDay).isSortedAccordingTo((a, b) -> a.key().compareTo(b.key()));

        // with only the default rate, the lab's Challenge 1 Q4: 387.2 x 2.50 = 968.00
        var flat = CostReportCookbook.byFramework(registry, Map.of(), DEFAULT_RATE);
        assertThat(flat.stream().map(CostRow::cost).reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("968.00");
    }
}
