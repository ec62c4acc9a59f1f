package org.mlregistry.core.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.mlregistry.core.Registry;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.core.error.StatementTimeoutException;
import org.mlregistry.core.tracking.NewRun;
import org.mlregistry.core.tracking.Run;
import org.mlregistry.schema.DatabaseTest;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.testing.RolledBackTransaction;
import org.junit.jupiter.api.Test;

/**
 * What an observer set with {@code Registry.configure().observer(...)} is told: one event per API
 * call, named after the call, with its outcome and the statements it ran. The statements are
 * checked against a second listener of the test's own that records each statement's SQL.
 */
class ObservedOperationsTest extends DatabaseTest {

    private final List<OperationEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> statements = new CopyOnWriteArrayList<>();

    @Test
    void aSubmitIsOneOperationNamedRunsSubmitThatSucceeded() {
        observed(Registry.configure(), registry -> registry.runs().submit(run("obs-submit")));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.operation()).isEqualTo("runs.submit");
            assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS);
            assertThat(e.exception()).isEqualTo("none");
            assertThat(e.statements()).isEqualTo(statements.size());
        });
        // in the test's transaction the timeouts travel in front of the insert, in its round trip
        assertThat(statements).singleElement().satisfies(sql -> assertThat(sql)
                .startsWith("SELECT set_config('statement_timeout', '30000', true), set_config('lock_timeout', '5000', true); "
                        + "insert into \"tracking\".\"training_runs\""));
    }

    @Test
    void aSearchPageIsOneStatementNamedAfterItsCallPath() {
        observed(Registry.configure(), registry -> registry.runs().search().pageSize(5).fetchPage());

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.operation()).isEqualTo("runs.search.fetchPage");
            assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS);
            assertThat(e.statements()).isEqualTo(1);
        });
        assertThat(statements).singleElement().satisfies(sql -> assertThat(sql).startsWith("select"));
    }

    @Test
    void aClaimIsNamedRunsClaimNext() {
        observed(Registry.configure(), registry -> registry.runs().claimNext("obs-target-without-runs"));

        assertThat(events).extracting(OperationEvent::operation, OperationEvent::outcome)
                .containsExactly(tuple("runs.claimNext", Outcome.SUCCESS));
        assertThat(events.get(0).statements()).isEqualTo(statements.size());
    }

    @Test
    void startingAnUnknownRunIsRecordedAsRefusedWithTheExceptionClass() {
        observed(Registry.configure(), registry -> {
            UUID unknown = UUID.randomUUID();
            assertThatThrownBy(() -> registry.runs().start(unknown)).isInstanceOf(NotFoundException.class);
            return null;
        });

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.operation()).isEqualTo("runs.start");
            assertThat(e.outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(e.exception()).isEqualTo("NotFoundException");
            assertThat(e.statements()).isEqualTo(statements.size()).isPositive();
        });
    }

    @Test
    void anArgumentRefusedBeforeAnyRoundTripIsNoOperation() {
        observed(Registry.configure(), registry -> {
            assertThatThrownBy(() -> registry.runs().start(null)).isInstanceOf(InvalidValueException.class);
            return null;
        });

        assertThat(events).isEmpty();
        assertThat(statements).isEmpty();
    }

    @Test
    void aStatementTimeoutIsRecordedAsTransient() {
        observed(Registry.configure().statementTimeout(Duration.ofMillis(50)), registry -> {
            assertThatThrownBy(() -> registry.inTransaction(ctx -> ctx.fetch("SELECT pg_sleep(5)")))
                    .isInstanceOf(StatementTimeoutException.class);
            return null;
        });

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.operation()).isEqualTo("registry.inTransaction");
            assertThat(e.outcome()).isEqualTo(Outcome.TRANSIENT);
            assertThat(e.exception()).isEqualTo("StatementTimeoutException");
            assertThat(e.statements()).isEqualTo(statements.size());
        });
        assertThat(statements).last().isEqualTo("SELECT set_config('statement_timeout', '50', true), set_config('lock_timeout', '5000', true); SELECT pg_sleep(5)");
    }

    @Test
    void operationsInsideATransactionArePartOfIt() {
        observed(Registry.configure(), registry -> registry.inTransaction(ctx -> {
            Run run = registry.runs().submit(run("obs-nested"));
            return registry.runs().get(run.runId());
        }));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.operation()).isEqualTo("registry.inTransaction");
            // the submit (carrying the transaction's timeouts) and the get
            assertThat(e.statements()).isEqualTo(statements.size()).isEqualTo(2);
        });
    }

    @Test
    void aFailingObserverChangesNothingForTheCaller() {
        Run run = observed(Registry.configure(), (registry, ignored) -> registry.runs().submit(run("obs-failing")),
                event -> {
                    throw new IllegalStateException("observer bug");
                });

        assertThat(run.modelName()).isEqualTo("obs-failing");
    }

    @Test
    void withoutAnObserverTheRegistryWorksOnTheGivenContextUntouched() {
        RolledBackTransaction.run(db(), ctx -> {
            assertThat(Registry.configure().dsl(ctx).load().dsl()).isSameAs(ctx);
            return null;
        });
    }

    private static NewRun run(String model) {
        return NewRun.builder().model(model).framework(Framework.PYTORCH).experiment("exp-obs")
                .dataset("ds-obs").computeTarget("target-obs").parameters("{}").build();
    }

    /** Runs work with an observed registry in a rolled-back transaction, recording the SQL it runs. */
    private <T> T observed(Registry.Builder builder, Function<Registry, T> work) {
        return observed(builder, (registry, ctx) -> work.apply(registry), events::add);
    }

    private <T> T observed(Registry.Builder builder, BiFunction<Registry, DSLContext, T> work, RegistryObserver observer) {
        return RolledBackTransaction.run(db(), ctx -> {
            DSLContext recorded = ctx.configuration()
                    .deriveAppending(ExecuteListener.onExecuteStart(e -> statements.add(e.sql()))).dsl();
            return work.apply(builder.dsl(recorded).observer(observer).load(), recorded);
        });
    }
}
