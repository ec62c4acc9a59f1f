package org.mlregistry.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.error.ConstraintViolationException;
import org.mlregistry.core.error.DuplicateRunException;
import org.mlregistry.core.error.DuplicateRunInBatchException;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.schema.jooq.tracking.tables.records.TrainingRunsRecord;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.RunStatus;

/** Submitting a batch in one statement and recording a finished run in one statement. */
class OneCallWritesTest extends LeaseTestSupport {

    private static NewRun run(String model, String experiment) {
        return NewRun.builder().model(model).framework(Framework.JAX).experiment(experiment).dataset("batch-ds")
                .computeTarget("batch-target").parameters("{\"lr\": 0.001}").notes("note of " + experiment).build();
    }

    private static int stored(DSLContext ctx, String model) {
        return ctx.fetchCount(TRAINING_RUNS, TRAINING_RUNS.MODEL_NAME.eq(model));
    }

    private static TrainingRunsRecord row(DSLContext ctx, java.util.UUID runId) {
        return ctx.selectFrom(TRAINING_RUNS).where(TRAINING_RUNS.RUN_ID.eq(runId)).fetchSingle();
    }

    @Test
    void aBatchIsStoredInOneStatementAndReturnedInTheOrderGiven() {
        withRollback(r -> {
            String model = unique("batch");
            List<NewRun> batch = List.of(run(model, "e-2"), run(model, "e-0"), run(model, "e-1"));
            AtomicInteger statements = new AtomicInteger();

            List<Run> runs = counting(r.dsl(), statements).runs().submitAll(batch);

            assertThat(statements).hasValue(1);
            assertThat(runs).extracting(Run::experimentName).containsExactly("e-2", "e-0", "e-1");
            for (Run run : runs) {
                TrainingRunsRecord row = row(r.dsl(), run.runId());
                assertThat(row.getStatus()).isEqualTo(RunStatus.QUEUED);
                assertThat(row.getModelName()).isEqualTo(model);
                assertThat(row.getFramework()).isEqualTo(Framework.JAX);
                assertThat(row.getDataset()).isEqualTo("batch-ds");
                assertThat(row.getComputeTarget()).isEqualTo("batch-target");
                assertThat(row.getParameters().data()).isEqualTo("{\"lr\": 0.001}");
                assertThat(row.getNotes()).isEqualTo("note of " + run.experimentName());
                assertThat(row.getStartedAt()).isNull();
                assertThat(Run.from(row)).isEqualTo(run);
            }
            return null;
        });
    }

    @Test
    void anEmptyBatchWritesNothingWithoutARoundTrip() {
        withRollback(r -> {
            AtomicInteger statements = new AtomicInteger();
            assertThat(counting(r.dsl(), statements).runs().submitAll(List.of())).isEmpty();
            assertThat(statements).hasValue(0);
            return null;
        });
    }

    @Test
    void aRunThatRepeatsAStoredRunOfTheDayRefusesTheWholeBatchNamingItsIndex() {
        withRollback(r -> {
            String model = unique("batch-dup");
            r.runs().submit(run(model, "e-1"));

            DuplicateRunInBatchException e = catchThrowableOfType(DuplicateRunInBatchException.class,
                    () -> r.runs().submitAll(List.of(run(model, "e-0"), run(model, "e-1"), run(model, "e-2"))));

            assertThat(e).isInstanceOf(DuplicateRunException.class);
            assertThat(e.index()).isEqualTo(1);
            assertThat(e.key()).isEqualTo(model + "/e-1/batch-ds");
            assertThat(e.constraint()).isEqualTo("unique_daily_run");
            assertThat(e.getMessage()).startsWith("runs[1] (" + model + "/e-1/batch-ds): ");
            assertThat(stored(r.dsl(), model)).isEqualTo(1);
            return null;
        });
    }

    @Test
    void aRunThatRepeatsAnEarlierRunOfTheBatchRefusesTheWholeBatch() {
        withRollback(r -> {
            String model = unique("batch-self");
            DuplicateRunInBatchException e = catchThrowableOfType(DuplicateRunInBatchException.class,
                    () -> r.runs().submitAll(List.of(run(model, "e-0"), run(model, "e-1"), run(model, "e-0"))));
            assertThat(e.index()).isEqualTo(2);
            assertThat(stored(r.dsl(), model)).isZero();
            return null;
        });
    }

    @Test
    void aMissingRunRefusesTheBatchBeforeTheRoundTrip() {
        withRollback(r -> {
            String model = unique("batch-null");
            AtomicInteger statements = new AtomicInteger();
            InvalidValueException e = catchThrowableOfType(InvalidValueException.class,
                    () -> counting(r.dsl(), statements).runs().submitAll(Arrays.asList(run(model, "e-0"), null)));
            assertThat(e.field()).isEqualTo("runs[1]");
            assertThat(e.rule()).isEqualTo("must not be null");
            assertThat(statements).hasValue(0);
            assertThat(stored(r.dsl(), model)).isZero();
            return null;
        });
    }

    @Test
    void aFinishedRunIsStoredWithExactlyTheGivenValues() {
        withRollback(r -> {
            String model = unique("record");
            OffsetDateTime created = OffsetDateTime.of(2026, 3, 1, 9, 0, 0, 123_456_000, ZoneOffset.UTC);
            OffsetDateTime started = created.plusMinutes(4);
            OffsetDateTime completed = started.plusHours(2).plusSeconds(7);
            AtomicInteger statements = new AtomicInteger();

            Run recorded = counting(r.dsl(), statements).runs().record(FinishedRun.of(run(model, "e-0"), RunStatus.SUCCEEDED)
                    .metrics(new Metrics(0.9312, 0.21457, 0.91, 0.88, 0.8947))
                    .hours(2.25, 0.5)
                    .times(created, started, completed));

            assertThat(statements).hasValue(1);
            TrainingRunsRecord row = row(r.dsl(), recorded.runId());
            assertThat(row.getStatus()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(row.getAccuracy()).isEqualByComparingTo("0.9312");
            assertThat(row.getLoss()).isEqualByComparingTo("0.21457");
            assertThat(row.getPrecisionScore()).isEqualByComparingTo("0.91");
            assertThat(row.getRecallScore()).isEqualByComparingTo("0.88");
            assertThat(row.getF1Score()).isEqualByComparingTo("0.8947");
            assertThat(row.getGpuHours()).isEqualByComparingTo("2.25");
            assertThat(row.getCpuHours()).isEqualByComparingTo("0.5");
            assertThat(row.getCreatedAt()).isEqualTo(created);
            assertThat(row.getStartedAt()).isEqualTo(started);
            assertThat(row.getCompletedAt()).isEqualTo(completed);
            assertThat(row.getParameters().data()).isEqualTo("{\"lr\": 0.001}");
            assertThat(row.getNotes()).isEqualTo("note of e-0");
            assertThat(row.getFramework()).isEqualTo(Framework.JAX);
            assertThat(Run.from(row)).isEqualTo(recorded);
            return null;
        });
    }

    @Test
    void aFinishedRunWithoutTimesFinishedNow() {
        withRollback(r -> {
            String model = unique("record-now");
            Run recorded = r.runs().record(FinishedRun.of(run(model, "e-0"), RunStatus.FAILED));
            OffsetDateTime now = now(r.dsl());
            TrainingRunsRecord row = row(r.dsl(), recorded.runId());
            assertThat(List.of(row.getCreatedAt(), row.getStartedAt(), row.getCompletedAt())).containsOnly(now);
            assertThat(row.getStatus()).isEqualTo(RunStatus.FAILED);
            assertThat(row.getAccuracy()).isNull();
            assertThat(row.getGpuHours()).isEqualByComparingTo(BigDecimal.ZERO);
            return null;
        });
    }

    @Test
    void aFinishedRunIsRecordedWithItsTagsInOneTransaction() {
        withRollback(r -> {
            String model = unique("record-tags");
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put("team", "nlp");
            tags.put("git/sha", "4f2a9c1");

            Run recorded = r.runs().record(FinishedRun.of(run(model, "e-0"), RunStatus.SUCCEEDED).tags(tags));

            assertThat(r.dsl().fetch("SELECT key, value FROM tracking.run_tags WHERE run_id = ? ORDER BY key", recorded.runId())
                    .map(t -> t.get(0) + "=" + t.get(1))).containsExactly("git/sha=4f2a9c1", "team=nlp");
            return null;
        });
    }

    @Test
    void aFinishedRunWithABadTagIsRefusedBeforeAnythingIsWritten() {
        InvalidValueException refused = catchThrowableOfType(InvalidValueException.class,
                () -> FinishedRun.of(run("record-bad-tag", "e-0"), RunStatus.SUCCEEDED).tags(Map.of("bad key!", "x")));

        assertThat(refused.field()).isEqualTo("tag_key");
        assertThat(refused.value()).isEqualTo("bad key!");
    }

    @Test
    void aFinishedRunIsCheckedAgainstTheLabsRulesBeforeTheRoundTrip() {
        NewRun run = run("record-invalid", "e-0");
        OffsetDateTime t = OffsetDateTime.of(2026, 3, 1, 9, 0, 0, 0, ZoneOffset.UTC);
        List<InvalidValueException> refusals = new ArrayList<>();
        refusals.add(catchThrowableOfType(InvalidValueException.class, () -> FinishedRun.of(run, RunStatus.RUNNING)));
        refusals.add(catchThrowableOfType(InvalidValueException.class,
                () -> FinishedRun.of(run, RunStatus.SUCCEEDED).times(t, t.minusSeconds(1), null)));
        refusals.add(catchThrowableOfType(InvalidValueException.class,
                () -> FinishedRun.of(run, RunStatus.SUCCEEDED).times(null, t, t.minusSeconds(1))));
        refusals.add(catchThrowableOfType(InvalidValueException.class,
                () -> FinishedRun.of(run, RunStatus.SUCCEEDED).hours(-1, 0)));
        assertThat(refusals).extracting(InvalidValueException::field, InvalidValueException::rule).containsExactly(
                org.assertj.core.groups.Tuple.tuple("status", "must be terminal (succeeded, failed, cancelled, timeout)"),
                org.assertj.core.groups.Tuple.tuple("started_at", "must not be before created_at (" + t + ")"),
                org.assertj.core.groups.Tuple.tuple("completed_at", "must not be before started_at (" + t + ")"),
                org.assertj.core.groups.Tuple.tuple("gpu_hours", "must be a finite number >= 0"));
    }

    @Test
    void aFinishedRunKeepsTheLabsDailyUniquenessAndTimeOrder() {
        withRollback(r -> {
            String model = unique("record-dup");
            OffsetDateTime created = OffsetDateTime.of(2026, 3, 1, 9, 0, 0, 0, ZoneOffset.UTC);
            r.runs().record(FinishedRun.of(run(model, "e-0"), RunStatus.SUCCEEDED).times(created, created, created));

            DuplicateRunException dup = catchThrowableOfType(DuplicateRunException.class, () -> r.runs().record(
                    FinishedRun.of(run(model, "e-0"), RunStatus.FAILED).times(created.plusHours(3), null, null)));
            assertThat(dup.constraint()).isEqualTo("unique_daily_run");
            // completed_at given in the past, created_at now(): the lab's time_order check refuses it
            ConstraintViolationException order = catchThrowableOfType(ConstraintViolationException.class, () -> r.runs().record(
                    FinishedRun.of(run(model, "e-1"), RunStatus.FAILED).times(null, null, created)));
            assertThat(order.constraint()).isEqualTo("time_order");
            assertThat(stored(r.dsl(), model)).isEqualTo(1);
            return null;
        });
    }
}
