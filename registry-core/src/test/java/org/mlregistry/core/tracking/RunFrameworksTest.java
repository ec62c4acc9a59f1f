package org.mlregistry.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.schema.types.Framework;

class RunFrameworksTest extends TrackingTestSupport {

    private static NewRun run(String model, Framework standIn) {
        return NewRun.builder().model(model).framework(standIn).experiment("exp-fw").dataset("ds-fw")
                .computeTarget("target-fw").build();
    }

    @Test
    void anUnknownFrameworkIsRecordedBesideTheRunAndReadBack() {
        withRollback(registry -> {
            Run run = registry.runs().frameworks().submit(run("fw-lightgbm", Framework.XGBOOST), FrameworkName.of("lightgbm"));

            assertThat(registry.runs().frameworks().of(run.runId())).isEqualTo(FrameworkName.of("lightgbm"));
            assertThat(registry.runs().get(run.runId()).framework()).isEqualTo(Framework.XGBOOST);
            assertThat(registry.dsl().fetchOne("SELECT framework_name FROM tracking.run_frameworks WHERE run_id = ?",
                    run.runId()).get(0, String.class)).isEqualTo("lightgbm");
            assertThat(FrameworkName.of("lightgbm").known()).isEmpty();
            return null;
        });
    }

    @Test
    void aKnownFrameworkStaysInTheLabsColumnAlone() {
        withRollback(registry -> {
            Run run = registry.runs().frameworks().submit(run("fw-jax", Framework.JAX), FrameworkName.of(Framework.JAX));
            UUID plain = registry.runs().submit(run("fw-plain", Framework.SKLEARN)).runId();

            assertThat(registry.runs().frameworks().of(run.runId())).isEqualTo(FrameworkName.of("jax"));
            assertThat(registry.runs().frameworks().of(plain).known()).contains(Framework.SKLEARN);
            assertThat(registry.dsl().fetchOne("SELECT count(*) FROM tracking.run_frameworks WHERE run_id IN (?, ?)",
                    run.runId(), plain).get(0, Long.class)).isZero();
            return null;
        });
    }

    @Test
    void setNamesTheFrameworkOfAnExistingRunAndReplacesAPreviousName() {
        withRollback(registry -> {
            UUID id = registry.runs().submit(run("fw-set", Framework.PYTORCH)).runId();
            registry.runs().frameworks().set(id, FrameworkName.of("huggingface"));
            registry.runs().frameworks().set(id, FrameworkName.of("catboost"));

            assertThat(registry.runs().frameworks().of(id).name()).isEqualTo("catboost");
            UUID ghost = UUID.randomUUID();
            assertThat(catchThrowableOfType(NotFoundException.class,
                    () -> registry.runs().frameworks().set(ghost, FrameworkName.of("catboost"))).id()).isEqualTo(ghost);
            assertThat(catchThrowableOfType(NotFoundException.class, () -> registry.runs().frameworks().of(ghost)).id())
                    .isEqualTo(ghost);
            return null;
        });
    }

    @Test
    void aNameContradictingTheLabsColumnOrBreakingTheRuleIsRefusedWithNothingWritten() {
        withRollback(registry -> {
            InvalidValueException contradicts = catchThrowableOfType(InvalidValueException.class,
                    () -> registry.runs().frameworks().submit(run("fw-contradicts", Framework.XGBOOST), FrameworkName.of("pytorch")));
            assertThat(contradicts.field()).isEqualTo("framework_name");
            assertThat(contradicts.rule()).isEqualTo("names lab 01's framework pytorch, but the run records xgboost");
            InvalidValueException upper = catchThrowableOfType(InvalidValueException.class, () -> FrameworkName.of("LightGBM"));
            assertThat(upper.field()).isEqualTo("framework_name");
            assertThat(upper.value()).isEqualTo("LightGBM");
            assertThat(registry.runs().where(RunFilter.modelName().eq("fw-contradicts")).count()).isZero();
            return null;
        });
    }

    @Test
    void aSweepOfAnUnknownFrameworkNamesItForEachTrial() {
        withRollback(registry -> {
            Sweep sweep = registry.runs().sweeps().start(SweepsTest.sweep("gbm", "fw-sweep")
                    .framework(Framework.XGBOOST).frameworkName(FrameworkName.of("lightgbm")).build());
            Trial trial = registry.runs().sweeps().addTrial(sweep.sweepId(), "{\"num_leaves\": 31}");

            assertThat(sweep.frameworkName()).isEqualTo("lightgbm");
            assertThat(registry.runs().frameworks().of(trial.run().runId()).name()).isEqualTo("lightgbm");
            return null;
        });
    }
}
