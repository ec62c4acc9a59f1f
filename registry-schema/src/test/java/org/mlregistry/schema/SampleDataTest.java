package org.mlregistry.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.count;
import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlregistry.schema.jooq.registry.Tables;
import org.mlregistry.schema.types.ApprovalStatus;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.RunStatus;
import org.mlregistry.testing.SampleData;

/** The samples load with the counts PostgreSQL really gives (the lab prints some wrong ones). */
class SampleDataTest extends DatabaseTest {

    @Test
    void lab01HasTwentyRuns() {
        assertThat(db().fetchCount(TRAINING_RUNS)).isEqualTo(20);
    }

    @Test
    void lab01StatusBreakdownIs12_3_2_1_1_1() {
        Map<RunStatus, Integer> byStatus = db().select(TRAINING_RUNS.STATUS, count())
                .from(TRAINING_RUNS).groupBy(TRAINING_RUNS.STATUS)
                .fetchMap(TRAINING_RUNS.STATUS, count());

        assertThat(byStatus).containsExactlyInAnyOrderEntriesOf(Map.of(
                RunStatus.SUCCEEDED, 12, RunStatus.FAILED, 3, RunStatus.RUNNING, 2,
                RunStatus.QUEUED, 1, RunStatus.CANCELLED, 1, RunStatus.TIMEOUT, 1));
    }

    /** L1.P3.04: the lab prints tensorflow 5 and an mxnet row with 0; the seed holds 6 tensorflow runs and no mxnet. */
    @Test
    void lab01FrameworkBreakdownIsWhatTheSeedHolds() {
        Map<Framework, Integer> byFramework = db().select(TRAINING_RUNS.FRAMEWORK, count())
                .from(TRAINING_RUNS).groupBy(TRAINING_RUNS.FRAMEWORK)
                .fetchMap(TRAINING_RUNS.FRAMEWORK, count());

        assertThat(byFramework).containsExactlyInAnyOrderEntriesOf(Map.of(
                Framework.PYTORCH, 10, Framework.TENSORFLOW, 6, Framework.SKLEARN, 2,
                Framework.XGBOOST, 1, Framework.JAX, 1));
    }

    /** L2.P3.100 (3 datasets, loaded under the fixed valid_dataset_name) and L2.P3.99 (4 versions, plain INSERT … SELECT). */
    @Test
    void lab02HasItsTeamsModelsVersionsAndDatasets() {
        assertThat(db().fetchCount(Tables.TEAMS)).isEqualTo(4);
        assertThat(db().fetchCount(Tables.MODELS)).isEqualTo(3);
        assertThat(db().fetchCount(Tables.MODEL_VERSIONS)).isEqualTo(4);
        assertThat(db().fetchCount(Tables.DATASETS)).isEqualTo(3);
    }

    /** For L2.P5.03–L2.P5.09: registry-extended.sql (not from the lab): runs, their datasets, deployments, approvals, model tags. */
    @Test
    void lab02ExtendedSamplesHoldRunsDeploymentsApprovalsAndTags() {
        assertThat(db().fetchCount(Tables.TRAINING_RUNS)).isEqualTo(7);
        assertThat(db().fetchCount(Tables.RUN_DATASETS)).isEqualTo(12);
        assertThat(db().fetchCount(Tables.DEPLOYMENTS)).isEqualTo(9);
        assertThat(db().fetchCount(Tables.MODEL_TAGS)).isEqualTo(5);
        Map<ApprovalStatus, Integer> approvals = db().select(Tables.APPROVALS.STATUS, count())
                .from(Tables.APPROVALS).groupBy(Tables.APPROVALS.STATUS)
                .fetchMap(Tables.APPROVALS.STATUS, count());
        assertThat(approvals).containsExactlyInAnyOrderEntriesOf(Map.of(
                ApprovalStatus.PENDING, 1, ApprovalStatus.APPROVED, 2, ApprovalStatus.REJECTED, 1));
        assertThat(db().fetchCount(Tables.APPROVALS.join(Tables.MODEL_VERSIONS)
                        .on(Tables.APPROVALS.VERSION_ID.eq(Tables.MODEL_VERSIONS.VERSION_ID))
                        .join(Tables.MODELS).on(Tables.MODEL_VERSIONS.MODEL_ID.eq(Tables.MODELS.MODEL_ID)),
                Tables.MODELS.COMPLIANCE_REQUIRED.isFalse())).as("approvals of models without compliance").isZero();
    }

    /** registry-experiments.sql (challenge 1): every run is in the experiment of its name, every model has a creator. */
    @Test
    void challengeOneSamplesGroupEveryRunAndNameEveryCreator() {
        assertThat(db().fetchCount(Tables.USERS)).isEqualTo(5);
        assertThat(db().fetchCount(Tables.EXPERIMENTS)).isEqualTo(4);
        assertThat(db().fetchCount(Tables.TRAINING_RUNS, Tables.TRAINING_RUNS.EXPERIMENT_ID.isNull())).isZero();
        assertThat(db().fetchCount(Tables.MODELS, Tables.MODELS.CREATED_BY_USER_ID.isNull())).isZero();
    }

    @Test
    void lookupRowsComeWithTheMigrationsNotTheSamples() {
        assertThat(db().fetchCount(Tables.ENVIRONMENTS)).isEqualTo(10);
        assertThat(db().fetchCount(Tables.TAGS)).isEqualTo(17);
    }

    @Test
    void resetReloadsTheSamplesWithoutDuplicates() {
        SampleData.reset(dataSource());

        assertThat(db().fetchCount(TRAINING_RUNS)).isEqualTo(20);
        assertThat(db().fetchCount(Tables.MODELS)).isEqualTo(3);
        assertThat(db().fetchCount(Tables.TAGS)).isEqualTo(17);
        assertThat(db().fetchCount(Tables.TRAINING_RUNS)).isEqualTo(7);
        assertThat(db().fetchCount(Tables.DEPLOYMENTS)).isEqualTo(9);
        assertThat(db().fetchCount(Tables.APPROVALS)).isEqualTo(4);
        assertThat(db().fetchCount(Tables.USERS)).isEqualTo(5);
        assertThat(db().fetchCount(Tables.EXPERIMENTS)).isEqualTo(4);
    }
}
