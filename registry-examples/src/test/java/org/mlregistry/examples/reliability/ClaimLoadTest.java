package org.mlregistry.examples.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Part (a) small: 2 workers claim and finish 200 runs, then 2 JDBC workers the same SQL on 200 more. */
class ClaimLoadTest {

    @Test
    void everyQueuedRunIsClaimedOnceAndFinished() throws Exception {
        DataSource db = SuiteServer.databases().migrated("reliability_claims_test");

        ClaimLoad.Result result = ClaimLoad.run(db, 2, 200);

        assertThat(result.claims()).isEqualTo(200);
        assertThat(result.doubles()).isZero();
        assertThat(result.lost()).isZero();
        assertThat(result.stuck()).isZero();
        assertThat(result.failures().transientFailures() + result.failures().untyped()).isZero();
        assertThat(SuiteDatabases.count(db, "SELECT count(*) FROM tracking.training_runs r JOIN tracking.run_leases l "
                + "ON l.run_id = r.run_id WHERE r.compute_target IN ('rel-claims', 'rel-claims-jdbc') AND r.status = 'succeeded' "
                + "AND l.attempt = 1 AND l.ended_at IS NOT NULL")).isEqualTo(400);
        assertThat(SuiteDatabases.count(db, "SELECT count(DISTINCT l.owner) FROM tracking.run_leases l "
                + "JOIN tracking.training_runs r ON r.run_id = l.run_id WHERE r.compute_target = 'rel-claims-jdbc'")).isEqualTo(2);
    }
}
