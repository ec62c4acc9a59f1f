package org.mlregistry.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.error.BulkChangeMismatchException;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.schema.types.RunStatus;

class BulkChangeTest extends TrackingTestSupport {

    @Test
    void retentionPreviewThenArchive() {
        withRollback(r -> {
            Runs runs = r.runs();
            OffsetDateTime now = OffsetDateTime.now();
            UUID failed = insertRun(r.dsl(), "old-failed", "t", RunStatus.FAILED, now.minusDays(100));
            UUID cancelled = insertRun(r.dsl(), "old-cancelled", "t", RunStatus.CANCELLED, now.minusDays(95));
            UUID timeout = insertRun(r.dsl(), "old-timeout", "t", RunStatus.TIMEOUT, now.minusDays(200));
            UUID recentFailed = insertRun(r.dsl(), "recent-failed", "t", RunStatus.FAILED, now.minusDays(80));
            UUID oldSucceeded = insertRun(r.dsl(), "old-succeeded", "t", RunStatus.SUCCEEDED, now.minusDays(300));

            BulkChange.Preview preview = runs.retention(RetentionPolicy.FAILED_AFTER_90_DAYS).bulk().preview(2);
            assertThat(preview.count()).isEqualTo(3);
            assertThat(preview.sample()).hasSize(2).extracting(Run::runId).containsExactly(cancelled, failed);
            assertThat(preview.archive()).isEqualTo(3);

            assertThat(runs.get(timeout).archivedAt()).isNotNull();
            assertThat(runs.get(recentFailed).archivedAt()).isNull();
            assertThat(runs.get(oldSucceeded).archivedAt()).isNull();
            assertThat(runs.search().fetch()).extracting(Run::runId).doesNotContain(failed, cancelled, timeout)
                    .contains(recentFailed, oldSucceeded);
            assertThat(runs.retention(RetentionPolicy.FAILED_AFTER_90_DAYS).count()).isZero();
            assertThat(runs.retention(RetentionPolicy.FAILED_AFTER_90_DAYS).includeArchived().count()).isEqualTo(3);
            return null;
        });
    }

    @Test
    void retentionHardDeletes() {
        withRollback(r -> {
            Runs runs = r.runs();
            OffsetDateTime now = OffsetDateTime.now();
            UUID ancientSuccess = insertRun(r.dsl(), "ancient-succeeded", "t", RunStatus.SUCCEEDED, now.minusDays(800));
            UUID yearSuccess = insertRun(r.dsl(), "year-succeeded", "t", RunStatus.SUCCEEDED, now.minusDays(400));
            UUID yearQueued = insertRun(r.dsl(), "year-queued", "t", RunStatus.QUEUED, now.minusDays(400));

            assertThat(runs.retention(RetentionPolicy.NON_SUCCEEDED_AFTER_1_YEAR).bulk().preview(10).sample())
                    .extracting(Run::runId).containsExactly(yearQueued);
            assertThat(runs.retention(RetentionPolicy.SUCCEEDED_AFTER_2_YEARS).bulk().preview(0).delete()).isEqualTo(1);
            assertThat(catchThrowableOfType(NotFoundException.class, () -> runs.get(ancientSuccess))).isNotNull();
            assertThat(runs.get(yearSuccess).status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(runs.retention(RetentionPolicy.NON_SUCCEEDED_AFTER_1_YEAR).bulk().preview(1).delete()).isEqualTo(1);
            assertThat(runs.find(yearQueued)).isEmpty();
            assertThat(r.dsl().fetchCount(TRAINING_RUNS)).isEqualTo(21);
            return null;
        });
    }

    @Test
    void applyRollsBackWhenRowsChangedSincePreview() {
        withRollback(r -> {
            Runs runs = r.runs();
            OffsetDateTime now = OffsetDateTime.now();
            UUID first = insertRun(r.dsl(), "guard-1", "t", RunStatus.FAILED, now.minusDays(100));
            BulkChange.Preview preview = runs.retention(RetentionPolicy.FAILED_AFTER_90_DAYS).bulk().preview(5);
            assertThat(preview.count()).isEqualTo(1);
            UUID second = insertRun(r.dsl(), "guard-2", "t", RunStatus.FAILED, now.minusDays(120));

            BulkChangeMismatchException e = catchThrowableOfType(BulkChangeMismatchException.class, preview::delete);
            assertThat(e.previewed()).isEqualTo(1);
            assertThat(e.actual()).isEqualTo(2);
            assertThat(runs.find(first)).isPresent();
            assertThat(runs.find(second)).isPresent();

            BulkChangeMismatchException archive = catchThrowableOfType(BulkChangeMismatchException.class, preview::archive);
            assertThat(archive.actual()).isEqualTo(2);
            assertThat(runs.get(first).archivedAt()).isNull();
            return null;
        });
    }
}
