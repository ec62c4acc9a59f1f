package org.mlregistry.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.error.ConstraintViolationException;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.schema.types.Framework;

class ExperimentsTest extends TrackingTestSupport {

    /** A succeeded run of experiment with these metrics. */
    static UUID succeeded(Runs runs, String model, String experiment, Double accuracy, Double loss) {
        UUID id = runs.submit(NewRun.builder().model(model).framework(Framework.PYTORCH).experiment(experiment)
                .dataset("ds-exp").computeTarget("target-exp").build()).runId();
        runs.start(id);
        Metrics metrics = Metrics.none();
        metrics = accuracy == null ? metrics : metrics.withAccuracy(accuracy);
        metrics = loss == null ? metrics : metrics.withLoss(loss);
        runs.succeed(id, metrics);
        return id;
    }

    @Test
    void createGetFindAndList() {
        withRollback(registry -> {
            Experiments experiments = registry.runs().experiments();
            Experiment b = experiments.create("exp-crud-b", "second");
            Experiment a = experiments.create("exp-crud-a", null);

            assertThat(experiments.get("exp-crud-b")).isEqualTo(b);
            assertThat(b.description()).isEqualTo("second");
            assertThat(b.createdAt()).isNotNull();
            assertThat(experiments.find("exp-crud-none")).isEmpty();
            assertThat(experiments.list()).extracting(Experiment::name).containsSubsequence(a.name(), b.name())
                    .isEqualTo(registry.dsl().fetch("SELECT experiment_name FROM tracking.experiments ORDER BY experiment_name")
                            .getValues(0, String.class));
            assertThat(catchThrowableOfType(NotFoundException.class, () -> experiments.get("exp-crud-none")).id())
                    .isEqualTo("exp-crud-none");
            return null;
        });
    }

    @Test
    void aSecondExperimentOfTheSameNameIsRefusedTyped() {
        withRollback(registry -> {
            registry.runs().experiments().create("exp-dup", null);
            ConstraintViolationException e = catchThrowableOfType(ConstraintViolationException.class,
                    () -> registry.runs().experiments().create("exp-dup", "again"));
            assertThat(e.field()).isEqualTo("experiment_name");
            assertThat(e.constraint()).isEqualTo("experiments_pkey");
            return null;
        });
    }

    @Test
    void namesBreakingTheLimitsAreRefusedBeforeTheRoundTrip() {
        withRollback(registry -> {
            Experiments experiments = registry.runs().experiments();
            InvalidValueException tooLong = catchThrowableOfType(InvalidValueException.class,
                    () -> experiments.create("e".repeat(201), null));
            assertThat(tooLong.field()).isEqualTo("experiment_name");
            assertThat(tooLong.rule()).isEqualTo("must have at most 200 characters");
            assertThat(catchThrowableOfType(InvalidValueException.class, () -> experiments.create("exp\ttab", null)).rule())
                    .startsWith("must not contain control characters");
            assertThat(catchThrowableOfType(InvalidValueException.class, () -> experiments.create(" ", null)).rule())
                    .isEqualTo("must not be blank");
            assertThat(registry.dsl().fetchCount(registry.dsl().selectFrom("tracking.experiments")
                    .where("experiment_name LIKE 'exp%tab' OR length(experiment_name) > 200"))).isZero();
            return null;
        });
    }

    @Test
    void runsRecordedBeforeTheExperimentWasCreatedBelongToIt() {
        withRollback(registry -> {
            Runs runs = registry.runs();
            UUID before = succeeded(runs, "exp-runs-m1", "exp-runs", 0.8, null);
            registry.runs().experiments().create("exp-runs", "grouped later");
            UUID after = succeeded(runs, "exp-runs-m2", "exp-runs", 0.9, null);
            succeeded(runs, "exp-runs-m3", "exp-other", 0.95, null);

            assertThat(runs.experiments().runs("exp-runs").fetch()).extracting(Run::runId)
                    .containsExactlyInAnyOrder(before, after);
            assertThat(runs.experiments().runs("exp-runs").count()).isEqualTo(registry.dsl()
                    .fetchOne("SELECT count(*) FROM tracking.training_runs WHERE experiment_name = 'exp-runs'").get(0, Long.class));
            return null;
        });
    }

    @Test
    void theLeaderboardOrdersByTheMetricAsHandWrittenSqlDoes() {
        withRollback(registry -> {
            Runs runs = registry.runs();
            succeeded(runs, "exp-lb-1", "exp-lb", 0.91, 0.30);
            succeeded(runs, "exp-lb-2", "exp-lb", 0.95, 0.20);
            succeeded(runs, "exp-lb-3", "exp-lb", 0.91, 0.25);
            succeeded(runs, "exp-lb-4", "exp-lb", null, 0.50);
            UUID queued = runs.submit(NewRun.builder().model("exp-lb-5").framework(Framework.JAX).experiment("exp-lb")
                    .dataset("ds-exp").computeTarget("target-exp").build()).runId();
            DSLContext ctx = registry.dsl();

            List<LeaderboardEntry> byAccuracy = runs.experiments().leaderboard("exp-lb", RankBy.accuracy(), 10);
            List<Record> sql = ctx.fetch("""
                    SELECT rank() OVER (ORDER BY accuracy DESC) AS rank, accuracy, run_id FROM tracking.training_runs
                     WHERE experiment_name = 'exp-lb' AND status = 'succeeded' AND archived_at IS NULL AND accuracy IS NOT NULL
                     ORDER BY accuracy DESC, run_id""");
            assertThat(byAccuracy).extracting(LeaderboardEntry::rank).containsExactly(1, 2, 2)
                    .isEqualTo(sql.stream().map(r -> r.get("rank", Integer.class)).toList());
            assertThat(byAccuracy).extracting(e -> e.run().runId())
                    .isEqualTo(sql.stream().map(r -> r.get("run_id", UUID.class)).toList())
                    .doesNotContain(queued);
            assertThat(byAccuracy.get(0).value()).isEqualByComparingTo("0.95");

            List<LeaderboardEntry> byLoss = runs.experiments().leaderboard("exp-lb", RankBy.loss(), 2);
            assertThat(byLoss).extracting(LeaderboardEntry::value).extracting(BigDecimal::doubleValue).containsExactly(0.20, 0.25);
            assertThat(byLoss).extracting(e -> e.run().runId()).isEqualTo(ctx.fetch("""
                    SELECT run_id FROM tracking.training_runs
                     WHERE experiment_name = 'exp-lb' AND status = 'succeeded' AND loss IS NOT NULL
                     ORDER BY loss, run_id LIMIT 2""").getValues(0, UUID.class));
            assertThat(runs.experiments().leaderboard("exp-lb", RankBy.loss().descending(), 1))
                    .extracting(e -> e.run().modelName()).containsExactly("exp-lb-4");
            assertThat(catchThrowableOfType(InvalidValueException.class,
                    () -> runs.experiments().leaderboard("exp-lb", RankBy.accuracy(), 0)).field()).isEqualTo("pageSize");
            return null;
        });
    }

    @Test
    void aLeaderboardRanksByAnyMetricExpressionOverTheRun() {
        withRollback(registry -> {
            Runs runs = registry.runs();
            succeeded(runs, "exp-expr-1", "exp-expr", 0.90, 0.10);
            succeeded(runs, "exp-expr-2", "exp-expr", 0.95, 0.40);
            succeeded(runs, "exp-expr-3", "exp-expr", 0.85, 0.01);
            var t = org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

            List<LeaderboardEntry> board = runs.experiments().leaderboard("exp-expr",
                    RankBy.of("accuracy_minus_loss", t.ACCURACY.minus(t.LOSS), true), 10);

            assertThat(board).extracting(e -> e.run().runId()).isEqualTo(registry.dsl().fetch("""
                    SELECT run_id FROM tracking.training_runs WHERE experiment_name = 'exp-expr' AND status = 'succeeded'
                     ORDER BY accuracy - loss DESC, run_id""").getValues(0, UUID.class));
            assertThat(board).extracting(e -> e.value().toPlainString()).containsExactly("0.84000", "0.80000", "0.55000");
            return null;
        });
    }
}
