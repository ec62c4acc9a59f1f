package org.mlregistry.examples.cookbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlregistry.schema.jooq.tracking.tables.TrainingRuns.TRAINING_RUNS;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.tracking.BulkChange;
import org.mlregistry.core.tracking.RetentionPolicy;
import org.mlregistry.examples.cookbook.RetentionJobCookbook.Mode;
import org.mlregistry.examples.cookbook.RetentionJobCookbook.PolicyOutcome;
import org.mlregistry.schema.DatabaseTest;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.RunStatus;

class RetentionJobCookbookTest extends DatabaseTest {

    /** Inserts a run created daysAgo days ago in a state consistent with its status; returns its id. */
    private static UUID old(DSLContext ctx, String tag, RunStatus status, int daysAgo) {
        OffsetDateTime created = ctx.select(org.jooq.impl.DSL.currentOffsetDateTime()).fetchSingle().value1().minusDays(daysAgo);
        boolean terminal = status.isTerminal();
        return ctx.insertInto(TRAINING_RUNS)
                .set(TRAINING_RUNS.MODEL_NAME, "retention-" + tag)
                .set(TRAINING_RUNS.FRAMEWORK, Framework.SKLEARN)
                .set(TRAINING_RUNS.EXPERIMENT_NAME, "retention-" + UUID.randomUUID())
                .set(TRAINING_RUNS.DATASET, "retention-ds")
                .set(TRAINING_RUNS.COMPUTE_TARGET, "retention-target")
                .set(TRAINING_RUNS.STATUS, status)
                .set(TRAINING_RUNS.CREATED_AT, created)
                .set(TRAINING_RUNS.STARTED_AT, status == RunStatus.QUEUED ? null : created.plusMinutes(1))
                .set(TRAINING_RUNS.COMPLETED_AT, terminal ? created.plusHours(1) : null)
                .returning(TRAINING_RUNS.RUN_ID)
                .fetchSingle()
                .getRunId();
    }

    /** The test's runs, named by what they are; the old ones of the shared data are cleared first. */
    private static Map<String, UUID> seed(DSLContext ctx) {
        Map<String, UUID> ids = new LinkedHashMap<>();
        ids.put("failed 100d", old(ctx, "f100", RunStatus.FAILED, 100));
        ids.put("timeout 120d", old(ctx, "t120", RunStatus.TIMEOUT, 120));
        ids.put("cancelled 400d", old(ctx, "c400", RunStatus.CANCELLED, 400));
        ids.put("queued 400d", old(ctx, "q400", RunStatus.QUEUED, 400));
        ids.put("succeeded 800d", old(ctx, "s800", RunStatus.SUCCEEDED, 800));
        ids.put("succeeded 400d", old(ctx, "s400", RunStatus.SUCCEEDED, 400));
        ids.put("failed 10d", old(ctx, "f10", RunStatus.FAILED, 10));
        return ids;
    }

    private static List<String> counts(List<PolicyOutcome> outcomes) {
        return outcomes.stream().map(o -> o.policy() + " " + o.previewed() + "/" + o.applied() + (o.refusedByGuard() ? " refused" : ""))
                .toList();
    }

    @Test
    void archivesWhatEachPolicyPreviewed() {
        rolledBack(ctx -> {
            Registry r = Registry.configure().dsl(ctx).load();
            RetentionJobCookbook.run(r, Mode.ARCHIVE, 0); // whatever old runs the shared data holds
            Map<String, UUID> ids = seed(ctx);

            List<PolicyOutcome> dry = RetentionJobCookbook.previewAll(r, Mode.ARCHIVE, 10);
            assertThat(counts(dry)).containsExactly(
                    "FAILED_AFTER_90_DAYS 3/0", "NON_SUCCEEDED_AFTER_1_YEAR 2/0", "SUCCEEDED_AFTER_2_YEARS 1/0");
            assertThat(dry.get(0).sample()).extracting(run -> run.modelName())
                    .containsExactly("retention-f100", "retention-t120", "retention-c400"); // newest first
            assertThat(r.runs().get(ids.get("failed 100d")).archivedAt()).isNull(); // a dry run writes nothing

            List<PolicyOutcome> done = RetentionJobCookbook.run(r, Mode.ARCHIVE, 10);
            // the cancelled 400-day run went with the first policy, so the second previews only the queued one
            assertThat(counts(done)).containsExactly(
                    "FAILED_AFTER_90_DAYS 3/3", "NON_SUCCEEDED_AFTER_1_YEAR 1/1", "SUCCEEDED_AFTER_2_YEARS 1/1");
            for (String archived : List.of("failed 100d", "timeout 120d", "cancelled 400d", "queued 400d", "succeeded 800d")) {
                assertThat(r.runs().get(ids.get(archived)).archivedAt()).as(archived).isNotNull();
            }
            assertThat(r.runs().get(ids.get("succeeded 400d")).archivedAt()).isNull();
            assertThat(r.runs().get(ids.get("failed 10d")).archivedAt()).isNull();
            // archived runs drop out of searches
            assertThat(r.runs().where(org.mlregistry.core.tracking.RunFilter.modelName().like("retention-%")).count()).isEqualTo(2);
            assertThat(counts(RetentionJobCookbook.run(r, Mode.ARCHIVE, 0))).containsExactly(
                    "FAILED_AFTER_90_DAYS 0/0", "NON_SUCCEEDED_AFTER_1_YEAR 0/0", "SUCCEEDED_AFTER_2_YEARS 0/0");
        });
    }

    @Test
    void hardDeleteIncludesArchivedRuns() {
        rolledBack(ctx -> {
            Registry r = Registry.configure().dsl(ctx).load();
            RetentionJobCookbook.run(r, Mode.DELETE, 0);
            Map<String, UUID> ids = seed(ctx);
            // archive one first: a hard delete still removes it
            r.runs().retention(RetentionPolicy.SUCCEEDED_AFTER_2_YEARS).bulk().preview(0).archive();

            List<PolicyOutcome> done = RetentionJobCookbook.run(r, Mode.DELETE, 0);
            assertThat(counts(done)).containsExactly(
                    "FAILED_AFTER_90_DAYS 3/3", "NON_SUCCEEDED_AFTER_1_YEAR 1/1", "SUCCEEDED_AFTER_2_YEARS 1/1");
            for (String deleted : List.of("failed 100d", "timeout 120d", "cancelled 400d", "queued 400d", "succeeded 800d")) {
                assertThat(r.runs().find(ids.get(deleted))).as(deleted).isEmpty();
            }
            assertThat(r.runs().find(ids.get("succeeded 400d"))).isPresent();
            assertThat(r.runs().find(ids.get("failed 10d"))).isPresent();
        });
    }

    @Test
    void theGuardRefusesAnApplyWhenRunsChangedSinceThePreview() {
        rolledBack(ctx -> {
            Registry r = Registry.configure().dsl(ctx).load();
            RetentionJobCookbook.run(r, Mode.ARCHIVE, 0);
            Map<String, UUID> ids = seed(ctx);
            RetentionPolicy policy = RetentionPolicy.FAILED_AFTER_90_DAYS;
            BulkChange.Preview preview = RetentionJobCookbook.selection(r, policy, Mode.ARCHIVE).bulk().preview(0);
            assertThat(preview.count()).isEqualTo(3);
            UUID late = old(ctx, "late", RunStatus.FAILED, 200); // arrives between preview and apply

            PolicyOutcome refused = RetentionJobCookbook.apply(policy, preview, Mode.ARCHIVE);
            assertThat(refused.refusedByGuard()).isTrue();
            assertThat(refused.applied()).isZero();
            // rolled back: nothing archived, not even the previewed runs
            assertThat(r.runs().get(ids.get("failed 100d")).archivedAt()).isNull();
            assertThat(r.runs().get(late).archivedAt()).isNull();

            // the next run of the job previews afresh and applies
            assertThat(counts(RetentionJobCookbook.run(r, Mode.ARCHIVE, 0))).first().isEqualTo("FAILED_AFTER_90_DAYS 4/4");
            assertThat(r.runs().get(late).archivedAt()).isNotNull();
        });
    }
}
