package org.mlregistry.testing.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pair is a real streaming replica: the standby is in recovery, shows the primary's commits, can be paused and stopped. */
class StandbyPairTest {

    private static StandbyPair pair;

    @BeforeAll
    static void startPair() {
        pair = StandbyPair.shared();
        sql(pair.primary()).execute("CREATE TABLE IF NOT EXISTS pair_probe (id int PRIMARY KEY)");
        sql(pair.primary()).execute("TRUNCATE pair_probe");
    }

    @AfterEach
    void bothRunningAndReplaying() {
        pair.startStandby();
        pair.awaitReplay();
    }

    @Test
    void theStandbyIsInRecoveryAndThePrimaryIsNot() {
        assertThat(sql(pair.standby()).fetchValue("SELECT pg_is_in_recovery()")).isEqualTo(true);
        assertThat(sql(pair.primary()).fetchValue("SELECT pg_is_in_recovery()")).isEqualTo(false);
    }

    @Test
    void aCommitOnThePrimaryShowsOnTheStandbyOnceReplayed() {
        sql(pair.primary()).execute("INSERT INTO pair_probe VALUES (1)");

        pair.awaitReplay();

        assertThat(sql(pair.standby()).fetchValue("SELECT count(*) FROM pair_probe WHERE id = 1")).isEqualTo(1L);
    }

    @Test
    void whileReplayIsPausedTheStandbyReceivesButDoesNotShowNewCommits() {
        pair.pauseReplay();
        sql(pair.primary()).execute("INSERT INTO pair_probe VALUES (2)");
        pair.awaitReceipt();

        assertThat(sql(pair.standby()).fetchValue("SELECT count(*) FROM pair_probe WHERE id = 2")).isEqualTo(0L);
        pair.awaitReplay();
        assertThat(sql(pair.standby()).fetchValue("SELECT count(*) FROM pair_probe WHERE id = 2")).isEqualTo(1L);
    }

    @Test
    void theStandbyRefusesWrites() {
        assertThatThrownBy(() -> sql(pair.standby()).execute("INSERT INTO pair_probe VALUES (3)"))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("read-only transaction");
    }

    @Test
    void aStoppedStandbyRefusesConnectionsAndCatchesUpWhenStartedAgain() {
        pair.stopStandby();
        assertThatThrownBy(() -> pair.standby().getConnection()).isInstanceOf(SQLException.class);

        sql(pair.primary()).execute("INSERT INTO pair_probe VALUES (4)");
        pair.startStandby();
        pair.awaitReplay();

        assertThat(sql(pair.standby()).fetchValue("SELECT count(*) FROM pair_probe WHERE id = 4")).isEqualTo(1L);
    }

    private static DSLContext sql(DataSource dataSource) {
        return DSL.using(dataSource, SQLDialect.POSTGRES);
    }
}
