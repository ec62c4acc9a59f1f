package org.mlregistry.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlregistry.core.tracking.RunFilter.accuracy;
import static org.mlregistry.core.tracking.RunFilter.createdBetween;
import static org.mlregistry.core.tracking.RunFilter.gpuHours;
import static org.mlregistry.core.tracking.RunFilter.loss;
import static org.mlregistry.core.tracking.RunFilter.modelName;
import static org.mlregistry.core.tracking.RunFilter.notes;
import static org.mlregistry.core.tracking.RunFilter.status;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.schema.types.RunStatus;

/** Each filter operator finds exactly the live sample runs its hand-written SQL condition finds, and no others. */
class RunFilterOperatorsTest extends TrackingTestSupport {

    private static Runs runs() {
        return Registry.configure().dataSource(dataSource()).load().runs();
    }

    /** Run ids of the filter, against run ids of the SQL condition; the condition must pick some runs, not all. */
    private static void assertFinds(RunFilter filter, String where) {
        List<UUID> expected = db().fetch("SELECT run_id FROM tracking.training_runs WHERE archived_at IS NULL AND ("
                + where + ") ORDER BY run_id").getValues(0, UUID.class);
        assertThat(expected).as("the samples hold runs for which %s is true, and runs for which it is not", where)
                .isNotEmpty().hasSizeLessThan(20);
        assertThat(runs().where(filter).fetch()).extracting(Run::runId).as(where).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void notEqualAndNotIn() {
        assertFinds(status().ne(RunStatus.SUCCEEDED), "status <> 'succeeded'");
        assertFinds(status().notIn(List.of(RunStatus.SUCCEEDED, RunStatus.FAILED)), "status NOT IN ('succeeded', 'failed')");
        assertFinds(status().in(RunStatus.RUNNING, RunStatus.QUEUED), "status IN ('running', 'queued')");
    }

    @Test
    void orderedComparisons() {
        assertFinds(accuracy().gt(0.9), "accuracy > 0.9");
        assertFinds(accuracy().lt(0.9), "accuracy < 0.9");
        assertFinds(accuracy().le(0.9234), "accuracy <= 0.9234");
        assertFinds(accuracy().between(0.85, 0.92), "accuracy BETWEEN 0.85 AND 0.92");
        assertFinds(loss().lt(0.2), "loss < 0.2");
        assertFinds(gpuHours().ge(10.0), "gpu_hours >= 10");
    }

    @Test
    void textPatternsAndNullness() {
        assertFinds(modelName().notLike("bert%"), "model_name NOT LIKE 'bert%'");
        assertFinds(modelName().ilike("%BERT%"), "model_name ILIKE '%BERT%'");
        assertFinds(notes().isNull(), "notes IS NULL");
        assertFinds(accuracy().isNotNull(), "accuracy IS NOT NULL");
    }

    @Test
    void createdBetweenIncludesItsStartAndExcludesItsEnd() {
        OffsetDateTime now = db().fetchValue(DSL.currentOffsetDateTime());
        OffsetDateTime from = now.minusDays(7);
        OffsetDateTime to = now.minusDays(1);
        List<UUID> expected = db().fetch("SELECT run_id FROM tracking.training_runs WHERE created_at >= ?::timestamptz AND created_at < ?::timestamptz",
                from, to).getValues(0, UUID.class);

        assertThat(expected).isNotEmpty().hasSizeLessThan(20);
        assertThat(runs().where(createdBetween(from, to)).fetch()).extracting(Run::runId)
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void existsIsFalseWhenNothingMatches() {
        assertThat(runs().where(modelName().eq("no-such-model")).exists()).isFalse();
        assertThat(runs().where(modelName().eq("resnet50-classification")).exists()).isTrue();
    }

    @Test
    void aPageHasANextPageOnlyWhenRunsRemain() {
        assertThat(runs().search().pageSize(3).fetchPage().hasNext()).isTrue();
        assertThat(runs().search().pageSize(50).fetchPage().hasNext()).isFalse();
    }

    @Test
    void startedAtAndLossSortByTheirColumns() {
        List<UUID> byStart = db().fetch("SELECT run_id FROM tracking.training_runs ORDER BY started_at ASC NULLS LAST, run_id ASC")
                .getValues(0, UUID.class);
        List<UUID> byLoss = db().fetch("SELECT run_id FROM tracking.training_runs ORDER BY loss DESC NULLS LAST, run_id DESC")
                .getValues(0, UUID.class);

        assertThat(runs().search().orderBy(RunOrder.asc(SortKey.STARTED_AT)).fetch()).extracting(Run::runId).isEqualTo(byStart);
        assertThat(runs().search().orderBy(RunOrder.desc(SortKey.LOSS)).fetch()).extracting(Run::runId).isEqualTo(byLoss);
    }
}
