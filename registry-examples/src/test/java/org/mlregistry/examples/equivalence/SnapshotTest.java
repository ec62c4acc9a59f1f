package org.mlregistry.examples.equivalence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.mlregistry.schema.DatabaseTest;

/** What a snapshot comparison sees of new rows: what they hold and what they point at, not their random keys. */
class SnapshotTest extends DatabaseTest {

    /** Two new teams, and a new model owned by the one named owner. */
    private static void insertTeamsAndModelOwnedBy(DSLContext ctx, String owner) {
        ctx.execute("INSERT INTO registry.teams (team_name) VALUES ('team-a'), ('team-b')");
        ctx.execute("""
                INSERT INTO registry.models (model_name, display_name, team_id)
                SELECT 'snapshot-model', 'Snapshot model', team_id FROM registry.teams WHERE team_name = ?
                """, owner);
    }

    /** The differences between inserting with owner here and with otherOwner there. */
    private static List<String> differences(String owner, String otherOwner) {
        return DatabaseTest.<List<String>>rolledBack(ctx -> {
            Snapshot before = Snapshot.take(ctx);
            ctx.execute("SAVEPOINT there");
            insertTeamsAndModelOwnedBy(ctx, otherOwner);
            Snapshot there = Snapshot.take(ctx, before);
            ctx.execute("ROLLBACK TO SAVEPOINT there");

            insertTeamsAndModelOwnedBy(ctx, owner);
            return Snapshot.take(ctx, before).differences(there);
        });
    }

    @Test
    void theSameNewRowsPointingAtTheSameNewRowAreEqual() {
        assertThat(differences("team-a", "team-a")).isEmpty();
    }

    @Test
    void aForeignKeyToAnotherNewRowIsADifference() {
        assertThat(differences("team-a", "team-b")).hasSize(2)
                .anySatisfy(row -> assertThat(row).startsWith("registry.models only here:").contains("→ registry.teams(team-a,"))
                .anySatisfy(row -> assertThat(row).startsWith("registry.models only there:").contains("→ registry.teams(team-b,"));
    }
}
