package org.mlregistry.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mlregistry.core.tracking.RunFilter.param;

import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.error.ConstraintViolationException;
import org.mlregistry.core.error.DuplicateRunException;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.RunStatus;

class SweepsTest extends TrackingTestSupport {

    static NewSweep.Builder sweep(String name, String model) {
        return NewSweep.builder().name(name).model(model).framework(Framework.PYTORCH).experiment("exp-sweep")
                .dataset("ds-sweep").computeTarget("target-sweep").parameters("{\"epochs\": 10, \"lr\": 0.1}");
    }

    static Trial finished(Runs runs, UUID sweepId, String params, double accuracy) {
        Trial trial = runs.sweeps().addTrial(sweepId, params);
        runs.start(trial.run().runId());
        runs.succeed(trial.run().runId(), Metrics.none().withAccuracy(accuracy));
        return trial;
    }

    @Test
    void manyTrialsOnOneDayWhileAPlainDuplicateIsStillRefusedByUniqueDailyRun() {
        withRollback(registry -> {
            Runs runs = registry.runs();
            NewRun plain = NewRun.builder().model("sweep-daily").framework(Framework.PYTORCH).experiment("exp-sweep")
                    .dataset("ds-sweep").computeTarget("target-sweep").build();
            runs.submit(plain);
            Sweep sweep = runs.sweeps().start(sweep("lr-search", "sweep-daily").build());

            List<Trial> trials = List.of(runs.sweeps().addTrial(sweep.sweepId(), "{\"lr\": 0.01}"),
                    runs.sweeps().addTrial(sweep.sweepId(), "{\"lr\": 0.001}"),
                    runs.sweeps().addTrial(sweep.sweepId(), "{\"lr\": 0.0001}"));

            assertThat(trials).extracting(Trial::number).containsExactly(1, 2, 3);
            assertThat(trials).extracting(t -> t.run().experimentName())
                    .containsExactly("exp-sweep/lr-search/trial-1", "exp-sweep/lr-search/trial-2", "exp-sweep/lr-search/trial-3");
            assertThat(trials).extracting(t -> t.run().status()).containsOnly(RunStatus.QUEUED);
            assertThat(registry.dsl().fetchOne("""
                    SELECT count(*) FROM tracking.training_runs
                     WHERE model_name = 'sweep-daily' AND dataset = 'ds-sweep'
                       AND (created_at AT TIME ZONE 'UTC')::date = (now() AT TIME ZONE 'UTC')::date""").get(0, Long.class))
                    .isEqualTo(4);
            DuplicateRunException duplicate = catchThrowableOfType(DuplicateRunException.class, () -> runs.submit(plain));
            assertThat(duplicate.constraint()).isEqualTo("unique_daily_run");
            return null;
        });
    }

    @Test
    void aTrialsParametersAreTheSweepsMergedWithItsOwn() {
        withRollback(registry -> {
            Runs runs = registry.runs();
            Sweep sweep = runs.sweeps().start(sweep("merge", "sweep-merge").build());
            Trial trial = runs.sweeps().addTrial(sweep.sweepId(), "{\"lr\": 0.5, \"batch_size\": 32}");

            assertThat(registry.dsl().fetchOne("SELECT parameters = '{\"epochs\": 10, \"lr\": 0.5, \"batch_size\": 32}'::jsonb"
                    + " FROM tracking.training_runs WHERE run_id = ?", trial.run().runId()).get(0, Boolean.class)).isTrue();
            assertThat(runs.where(param("lr").asNumber().eq(new java.math.BigDecimal("0.5"))).fetch()).extracting(Run::runId)
                    .containsExactly(trial.run().runId());
            return null;
        });
    }

    @Test
    void trialsAreListedInNumberOrderAndBelongToTheSweepsExperiment() {
        withRollback(registry -> {
            Runs runs = registry.runs();
            Sweep sweep = runs.sweeps().start(sweep("listed", "sweep-list").build());
            Trial one = runs.sweeps().addTrial(sweep.sweepId(), "{}");
            Trial two = runs.sweeps().addTrial(sweep.sweepId(), "{}");

            assertThat(runs.sweeps().trials(sweep.sweepId())).containsExactly(one, two);
            assertThat(runs.sweeps().get(sweep.sweepId())).isEqualTo(sweep);
            assertThat(runs.sweeps().of("exp-sweep")).contains(sweep);
            assertThat(runs.experiments().runs("exp-sweep").fetch()).extracting(Run::runId)
                    .contains(one.run().runId(), two.run().runId());
            return null;
        });
    }

    @Test
    void theSweepsLeaderboardOrdersItsTrialsAsHandWrittenSqlDoes() {
        withRollback(registry -> {
            Runs runs = registry.runs();
            Sweep sweep = runs.sweeps().start(sweep("board", "sweep-board").build());
            Sweep other = runs.sweeps().start(sweep("other", "sweep-board").build());
            finished(runs, sweep.sweepId(), "{\"lr\": 0.1}", 0.81);
            finished(runs, sweep.sweepId(), "{\"lr\": 0.01}", 0.93);
            finished(runs, sweep.sweepId(), "{\"lr\": 0.001}", 0.88);
            runs.sweeps().addTrial(sweep.sweepId(), "{\"lr\": 0.0001}");
            finished(runs, other.sweepId(), "{\"lr\": 0.5}", 0.99);
            DSLContext ctx = registry.dsl();

            List<LeaderboardEntry> board = runs.sweeps().leaderboard(sweep.sweepId(), RankBy.accuracy(), 10);
            List<Record> sql = ctx.fetch("""
                    SELECT r.run_id, r.accuracy FROM tracking.sweep_trials t JOIN tracking.training_runs r ON r.run_id = t.run_id
                     WHERE t.sweep_id = ? AND r.status = 'succeeded' AND r.accuracy IS NOT NULL
                     ORDER BY r.accuracy DESC, r.run_id""", sweep.sweepId());
            assertThat(board).extracting(e -> e.run().runId()).isEqualTo(sql.stream().map(r -> r.get(0, UUID.class)).toList());
            assertThat(board).extracting(e -> e.value().doubleValue()).containsExactly(0.93, 0.88, 0.81);
            assertThat(board).extracting(LeaderboardEntry::rank).containsExactly(1, 2, 3);
            assertThat(board.get(0).run().experimentName()).isEqualTo("exp-sweep/board/trial-2");
            return null;
        });
    }

    @Test
    void aSecondSweepOfTheSameNameInTheExperimentIsRefused() {
        withRollback(registry -> {
            registry.runs().sweeps().start(sweep("twice", "sweep-twice").build());
            ConstraintViolationException e = catchThrowableOfType(ConstraintViolationException.class,
                    () -> registry.runs().sweeps().start(sweep("twice", "sweep-twice-2").build()));
            assertThat(e.constraint()).isEqualTo("unique_sweep_name");
            assertThat(e.field()).isEqualTo("experiment_name/sweep_name");
            return null;
        });
    }

    @Test
    void badInputIsRefusedTypedAndWritesNothing() {
        withRollback(registry -> {
            Runs runs = registry.runs();
            assertThat(catchThrowableOfType(InvalidValueException.class, () -> sweep("has space", "m").build()).field())
                    .isEqualTo("sweep_name");
            assertThat(catchThrowableOfType(InvalidValueException.class,
                    () -> sweep("ok", "m").frameworkName(FrameworkName.of("jax")).build()).field()).isEqualTo("framework_name");
            Sweep sweep = runs.sweeps().start(sweep("bad-input", "sweep-bad").build());
            assertThat(catchThrowableOfType(InvalidValueException.class,
                    () -> runs.sweeps().addTrial(sweep.sweepId(), "[1]")).field()).isEqualTo("parameters");
            UUID ghost = UUID.randomUUID();
            assertThat(catchThrowableOfType(NotFoundException.class, () -> runs.sweeps().addTrial(ghost, "{}")).id())
                    .isEqualTo(ghost);
            assertThat(catchThrowableOfType(NotFoundException.class, () -> runs.sweeps().get(ghost)).entity()).isEqualTo("sweep");
            assertThat(runs.sweeps().trials(sweep.sweepId())).isEmpty();
            assertThat(runs.where(RunFilter.modelName().eq("sweep-bad")).count()).isZero();
            return null;
        });
    }
}
