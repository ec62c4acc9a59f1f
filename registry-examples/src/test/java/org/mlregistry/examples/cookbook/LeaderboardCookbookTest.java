package org.mlregistry.examples.cookbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.analytics.TopRow;
import org.mlregistry.schema.DatabaseTest;
import org.mlregistry.schema.jooq.tracking.tables.records.TrainingRunsRecord;
import org.mlregistry.schema.types.Framework;

/** Expected values hand-checked from lab 01's seed data (tracking.sql). */
class LeaderboardCookbookTest extends DatabaseTest {

    private final Registry registry = Registry.configure().dataSource(dataSource()).load();

    @Test
    void top2PerFrameworkFromTheSeedData() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        List<TopRow<Framework, TrainingRunsRecord>> rows =
            LeaderboardCookbook.print(registry, 2, new PrintStream(buffer, true, StandardCharsets.UTF_8));

        // sklearn and jax have no succeeded run with an accuracy, so they are absent
        assertThat(rows.stream().map(r -> r.group() + "#" + r.position() + "=" + r.row().getAccuracy().toPlainString()))
            .containsExactly(
                "PYTORCH#1=0.9456", "PYTORCH#2=0.9234",
                "TENSORFLOW#1=0.9123", "TENSORFLOW#2=0.8923",
                "XGBOOST#1=0.9567");
        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("pytorch").contains("0.9456").contains("xgboost").doesNotContain("sklearn");
        assertThat(printed.lines()).hasSize(6);
    }

    @Test
    void rankingWithBestAccuracyBeside() {
        var rows = LeaderboardCookbook.rankedWithBest(registry);
        // succeeded runs with accuracy: pytorch 4, tensorflow 3, xgboost 1
        assertThat(rows).hasSize(8);
        assertThat(rows.stream().filter(r -> r.partition() == Framework.PYTORCH).map(r -> r.rank())).containsExactly(1L, 2L, 3L, 4L);
        assertThat(rows.stream().filter(r -> r.partition() == Framework.PYTORCH))
            .allSatisfy(r -> assertThat(r.partitionAggregate()).isEqualByComparingTo(new BigDecimal("0.9456")));
        assertThat(rows.stream().filter(r -> r.partition() == Framework.TENSORFLOW))
            .allSatisfy(r -> assertThat(r.partitionAggregate()).isEqualByComparingTo(new BigDecimal("0.9123")));
    }
}
