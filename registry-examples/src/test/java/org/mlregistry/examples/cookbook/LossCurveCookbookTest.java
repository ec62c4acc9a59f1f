package org.mlregistry.examples.cookbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.RolledBackRegistry;
import org.mlregistry.core.tracking.MetricBucket;
import org.mlregistry.core.tracking.NewRun;
import org.mlregistry.core.tracking.Run;
import org.mlregistry.examples.cookbook.LossCurveCookbook.LossCurve;
import org.mlregistry.examples.cookbook.LossCurveCookbook.Losses;
import org.mlregistry.schema.DatabaseTest;
import org.mlregistry.schema.types.Framework;

class LossCurveCookbookTest extends DatabaseTest {

    private static double train(int epoch) {
        return 2.0 / (1 + epoch);
    }

    private static double validation(int epoch) {
        return 2.2 / (1 + epoch) + (epoch % 7) / 1000.0;
    }

    private static UUID startRun(Registry registry, String experiment) {
        Run run = registry.runs().submit(NewRun.builder().model("loss-curve-net").framework(Framework.PYTORCH)
                .experiment(experiment).dataset("cifar-10").computeTarget("gpu").build());
        return registry.runs().start(run.runId()).runId();
    }

    @Test
    void aTrainingLoopLogsEveryEpochAndTheChartHasOnePointPerBucket() {
        RolledBackRegistry.run(db(), registry -> {
            UUID run = startRun(registry, "loss-curve-" + UUID.randomUUID());

            LossCurveCookbook.train(registry, run, 500, e -> new Losses(train(e), validation(e)));
            LossCurve chart = LossCurveCookbook.lossCurve(registry, run, 50);

            assertThat(registry.runs().metrics().history(run, "val_loss")).hasSize(500);
            assertThat(chart.train()).hasSize(50);
            assertThat(chart.validation()).hasSize(50);
            for (int b = 0; b < 50; b++) {
                int first = b * 10;   // 500 epochs in 50 buckets: 10 epochs each
                MetricBucket v = chart.validation().get(b);
                assertThat(List.of(v.bucket(), v.firstStep(), v.lastStep(), v.points())).isEqualTo(List.of(b, (long) first, first + 9L, 10L));
                assertThat(v.mean()).isCloseTo(IntStream.range(first, first + 10).mapToDouble(LossCurveCookbookTest::validation)
                        .average().orElseThrow(), within(1e-12));
                assertThat(v.last()).isEqualTo(validation(first + 9));
                assertThat(chart.train().get(b).max()).isEqualTo(train(first));
                assertThat(chart.train().get(b).min()).isEqualTo(train(first + 9));
            }
            return null;
        });
    }

    @Test
    void runsAreRankedByTheirLastValidationLoss() {
        RolledBackRegistry.run(db(), registry -> {
            UUID good = startRun(registry, "loss-rank-good-" + UUID.randomUUID());
            UUID better = startRun(registry, "loss-rank-better-" + UUID.randomUUID());
            UUID poor = startRun(registry, "loss-rank-poor-" + UUID.randomUUID());
            LossCurveCookbook.train(registry, good, 3, e -> new Losses(1, 0.5 - e * 0.1));      // ends at 0.3
            LossCurveCookbook.train(registry, better, 3, e -> new Losses(1, 0.4 - e * 0.1));    // ends at 0.2
            LossCurveCookbook.train(registry, poor, 3, e -> new Losses(1, 0.9));

            assertThat(LossCurveCookbook.bestByValidationLoss(registry, 0.35, 10).runs())
                    .extracting(Run::runId).containsExactly(better, good);
            return null;
        });
    }
}
