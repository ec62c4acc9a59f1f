package org.mlregistry.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.tracking.MetricBucket;
import org.mlregistry.core.tracking.MetricPoint;
import org.mlregistry.core.tracking.NewRun;
import org.mlregistry.core.tracking.Page;
import org.mlregistry.core.tracking.Run;
import org.mlregistry.core.tracking.RunFilter;
import org.mlregistry.core.tracking.RunMetrics;
import org.mlregistry.core.tracking.RunOrder;
import org.mlregistry.core.tracking.SortKey;
import org.mlregistry.schema.DatabaseTest;
import org.mlregistry.schema.types.Framework;

/** The code of the README's "Metric history", as it stands there. */
class MetricHistoryReadmeTest extends DatabaseTest {

    @Test
    void metricHistorySnippetRuns() {
        rolledBack(ctx -> {
            Registry registry = Registry.configure().dsl(ctx).load();
            UUID runId = registry.runs().submit(NewRun.builder().model("readme-metrics").framework(Framework.JAX)
                    .experiment("exp-readme-metrics").dataset("ds").computeTarget("gpu").build()).runId();
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            double[] trainLoss = new double[20];
            double[] valLoss = new double[20];
            for (int e = 0; e < 20; e++) {
                trainLoss[e] = 1.0 / (e + 1);
                valLoss[e] = 1.2 / (e + 1);
            }

            RunMetrics metrics = registry.runs().metrics();
            metrics.partitions().ensure(now, now.plusMonths(3));           // e.g. daily: the next months' partitions
            for (int epoch = 0; epoch < 20; epoch++) {                      // one statement per epoch, both points or neither
                metrics.logAll(List.of(new MetricPoint(runId, "train_loss", epoch, now, trainLoss[epoch]),
                        new MetricPoint(runId, "val_loss", epoch, now, valLoss[epoch])));
            }
            List<MetricBucket> chart = metrics.downsample(runId, "val_loss", 10);   // ≤ 10 rows: min, max, mean, last
            Page best = registry.runs().where(RunFilter.metric("val_loss").lt(0.3))
                    .orderBy(RunOrder.asc(SortKey.metric("val_loss"))).pageSize(50).fetchPage();
            metrics.partitions().dropBefore(now.minusMonths(13));          // retention: whole months, no DELETE

            assertThat(chart).hasSize(10).first().extracting(MetricBucket::max, MetricBucket::last).containsExactly(1.2, 0.6);
            assertThat(best.runs()).extracting(Run::runId).containsExactly(runId);
            assertThat(metrics.latest(runId, "val_loss")).get().extracting(MetricPoint::value).isEqualTo(valLoss[19]);
        });
    }
}
