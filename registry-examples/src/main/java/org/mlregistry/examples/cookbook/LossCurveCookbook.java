package org.mlregistry.examples.cookbook;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.mlregistry.core.Registry;
import org.mlregistry.core.tracking.MetricBucket;
import org.mlregistry.core.tracking.MetricPoint;
import org.mlregistry.core.tracking.Page;
import org.mlregistry.core.tracking.RunFilter;
import org.mlregistry.core.tracking.RunMetrics;
import org.mlregistry.core.tracking.RunOrder;
import org.mlregistry.core.tracking.SortKey;

/**
 * Cookbook: a training loop that logs its train and validation loss every epoch, the data of a
 * loss-curve chart, and the runs ranked by their final validation loss.
 *
 * <pre>{@code
 * LossCurveCookbook.train(registry, runId, 500, epoch -> new Losses(trainLoss, valLoss)); // one statement per epoch
 * LossCurve chart = LossCurveCookbook.lossCurve(registry, runId, 50);                    // 50 rows, whatever the epochs
 * Page best = LossCurveCookbook.bestByValidationLoss(registry, 0.3, 20);
 * }</pre>
 *
 * Both losses of an epoch go in one {@code logAll} (one statement, all or nothing), which also
 * keeps each run's latest values for search. The chart reads a downsampled history: the epochs are
 * cut into N equal slices and each gives min, max, mean and last, computed in SQL.
 */
public final class LossCurveCookbook {

    private LossCurveCookbook() {
    }

    /**
     * One epoch's losses.
     *
     * @param train the training loss
     * @param validation the validation loss
     */
    public record Losses(double train, double validation) {
    }

    /** One epoch of training. */
    @FunctionalInterface
    public interface Epoch {
        /**
         * @param epoch the epoch, from 0
         * @return its losses
         */
        Losses run(int epoch);
    }

    /**
     * The chart's two series.
     *
     * @param train downsampled train_loss
     * @param validation downsampled val_loss
     */
    public record LossCurve(List<MetricBucket> train, List<MetricBucket> validation) {
        /** Copies the series. */
        public LossCurve {
            train = List.copyOf(train);
            validation = List.copyOf(validation);
        }
    }

    /**
     * The training loop: runs the epochs and logs train_loss and val_loss of each, step = epoch.
     *
     * @param registry the registry
     * @param runId the run being trained
     * @param epochs how many epochs
     * @param epoch one epoch of training
     */
    public static void train(Registry registry, UUID runId, int epochs, Epoch epoch) {
        RunMetrics metrics = registry.runs().metrics();
        for (int e = 0; e < epochs; e++) {
            Losses losses = epoch.run(e);
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            metrics.logAll(List.of(
                    new MetricPoint(runId, "train_loss", e, now, losses.train()),
                    new MetricPoint(runId, "val_loss", e, now, losses.validation())));
        }
    }

    /**
     * The data of a loss-curve chart.
     *
     * @param registry the registry
     * @param runId the run
     * @param points at most this many points per series
     * @return both series, downsampled
     */
    public static LossCurve lossCurve(Registry registry, UUID runId, int points) {
        RunMetrics metrics = registry.runs().metrics();
        return new LossCurve(metrics.downsample(runId, "train_loss", points), metrics.downsample(runId, "val_loss", points));
    }

    /**
     * Runs whose last validation loss is below a threshold, best first (a keyset page; continue
     * with the page's token).
     *
     * @param registry the registry
     * @param below the threshold
     * @param pageSize runs per page
     * @return the first page
     */
    public static Page bestByValidationLoss(Registry registry, double below, int pageSize) {
        return registry.runs().where(RunFilter.metric("val_loss").lt(below))
                .orderBy(RunOrder.asc(SortKey.metric("val_loss")))
                .pageSize(pageSize)
                .fetchPage();
    }
}
