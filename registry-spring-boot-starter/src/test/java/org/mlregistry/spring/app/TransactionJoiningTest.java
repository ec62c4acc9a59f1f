package org.mlregistry.spring.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.error.DuplicateRunException;
import org.mlregistry.spring.Sql;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A Spring Boot service with the starter, Boot's jOOQ and Boot's Flyway (managed versions) on a
 * fresh database: registry operations join the service's {@code @Transactional} methods.
 */
@SpringBootTest(classes = TrackingApplication.class)
class TransactionJoiningTest {

    private static final String RUNS = "SELECT count(*) FROM tracking.training_runs WHERE model_name = ?";
    private static final String MODELS = "SELECT count(*) FROM registry.models WHERE model_name = ?";
    private static final String VERSIONS = "SELECT count(*) FROM registry.model_versions v"
            + " JOIN registry.models m USING (model_id) WHERE m.model_name = ?";

    @Autowired
    TrackingService service;
    @Autowired
    Registry registry;
    @Autowired
    DataSource dataSource;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void aRollbackOfTheServicesTransactionUndoesTheRunAndTheModel() {
        assertThatThrownBy(() -> service.submitAndRegisterThenFail("rolled-back-model"))
                .isInstanceOf(IllegalStateException.class);

        assertThat(Sql.count(dataSource, RUNS, "rolled-back-model")).isZero();
        assertThat(Sql.count(dataSource, MODELS, "rolled-back-model")).isZero();
        assertThat(Sql.count(dataSource, VERSIONS, "rolled-back-model")).isZero();
    }

    @Test
    void aCommittedTransactionKeepsTheRunAndTheModel() {
        service.submitAndRegister("committed-model");

        assertThat(Sql.count(dataSource, RUNS, "committed-model")).isEqualTo(1);
        assertThat(Sql.count(dataSource, MODELS, "committed-model")).isEqualTo(1);
        assertThat(Sql.count(dataSource, VERSIONS, "committed-model")).isEqualTo(1);
    }

    @Test
    void requiresNewCommitsOnItsOwnWhileTheFailingOuterTransactionIsUndone() {
        assertThatThrownBy(() -> service.innerRequiresNewThenFail("inner-new-model", "outer-model"))
                .isInstanceOf(IllegalStateException.class);

        assertThat(Sql.count(dataSource, RUNS, "inner-new-model")).isEqualTo(1);
        assertThat(Sql.count(dataSource, RUNS, "outer-model")).isZero();
    }

    @Test
    void aFailedRegistryTransactionInsideTheServicesIsASavepointRolledBackAlone() {
        service.failedNestedRegistryTransactionThenCommit("savepoint-model", "after-savepoint-model");

        assertThat(Sql.count(dataSource, RUNS, "savepoint-model")).isZero();
        assertThat(Sql.count(dataSource, RUNS, "after-savepoint-model")).isEqualTo(1);
    }

    @Test
    void withoutASpringTransactionTheRegistryCommitsItsOwn() {
        registry.runs().submit(TrackingService.run("no-spring-transaction-model"));

        assertThat(Sql.count(dataSource, RUNS, "no-spring-transaction-model")).isEqualTo(1);
    }

    @Test
    void aRefusalInsideTheServicesTransactionIsStillTyped() {
        Throwable thrown = catchThrowable(() -> transactions.executeWithoutResult(status -> {
            registry.runs().submit(TrackingService.run("duplicate-model"));
            registry.runs().submit(TrackingService.run("duplicate-model"));
        }));

        assertThat(thrown).isInstanceOfSatisfying(DuplicateRunException.class,
                e -> assertThat(e.getMessage()).contains("unique_daily_run"));
        assertThat(Sql.count(dataSource, RUNS, "duplicate-model")).isZero();
    }

    @Test
    void theServicesOwnFlywayMigratedBesideTheLibrarys() {
        assertThat(Sql.count(dataSource, "SELECT count(*) FROM public.flyway_schema_history WHERE success AND version = '1'"))
                .isEqualTo(1);
        assertThat(Sql.count(dataSource, "SELECT count(*) FROM registry.flyway_mlregistry_history"
                + " WHERE success AND version = '1'")).isEqualTo(1);
    }

    @Test
    void runsOnSpringBootsManagedJooqAndFlywayLines() {
        // Boot 3.5 manages jOOQ 3.19.x and Flyway 11.x (the library itself pins Flyway 13): every test
        // above ran on Boot's versions
        assertThat(jarOf(org.jooq.DSLContext.class)).startsWith("jooq-3.19.");
        assertThat(jarOf(org.flywaydb.core.Flyway.class)).startsWith("flyway-core-11.");
    }

    private static String jarOf(Class<?> type) {
        String location = type.getProtectionDomain().getCodeSource().getLocation().getPath();
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
