package org.mlregistry.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.models.ModelVersion;
import org.mlregistry.schema.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** The example service on a fresh database: one transaction for the run and the version. */
@SpringBootTest(classes = {TrainingApplication.class, TrainingServiceTest.FreshDatabase.class})
class TrainingServiceTest {

    @TestConfiguration
    static class FreshDatabase {
        @Bean
        DataSource dataSource() {
            return TestDatabase.freshDatabase();
        }
    }

    @Autowired
    TrainingService service;
    @Autowired
    DataSource dataSource;

    @Test
    void aRecordedTrainingIsARunAndAVersionRegisteredByTheServicesActor() {
        ModelVersion version = service.recordTraining("churn-nightly", "1.0.0");

        assertThat(count("SELECT count(*) FROM tracking.training_runs WHERE model_name = 'churn-nightly'")).isEqualTo(1);
        assertThat(DSL.using(dataSource, SQLDialect.POSTGRES).fetchValue(
                "SELECT registered_by FROM registry.model_versions WHERE version_id = ?", version.versionId()))
                .isEqualTo("training-service");
    }

    @Test
    void aRefusedVersionAlsoUndoesTheRunSubmittedBeforeIt() {
        Throwable thrown = catchThrowable(() -> service.recordTraining("fraud-nightly", "one"));

        assertThat(thrown).isInstanceOfSatisfying(InvalidValueException.class,
                e -> assertThat(e.field()).isEqualTo("semver"));
        assertThat(count("SELECT count(*) FROM tracking.training_runs WHERE model_name = 'fraud-nightly'")).isZero();
        assertThat(count("SELECT count(*) FROM registry.models WHERE model_name = 'fraud-nightly'")).isZero();
    }

    private long count(String sql) {
        return ((Number) DSL.using(dataSource, SQLDialect.POSTGRES).fetchValue(sql)).longValue();
    }
}
