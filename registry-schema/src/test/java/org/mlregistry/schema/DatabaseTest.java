package org.mlregistry.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.mlregistry.testing.RolledBackTransaction;
import org.postgresql.util.PSQLException;

/** Base of every database test: the shared database and work that is rolled back afterwards. */
public abstract class DatabaseTest {

    protected static DataSource dataSource() {
        return TestDatabase.dataSource();
    }

    /** A DSLContext on the shared database; each statement commits on its own. */
    protected static DSLContext db() {
        return DSL.using(dataSource(), SQLDialect.POSTGRES);
    }

    /**
     * Runs work in a transaction that is always rolled back, and returns its result. The work runs
     * inside a jOOQ transaction, so transactions it starts itself (a Registry configured with this
     * context, an example's own transactionResult) nest as savepoints and are rolled back too.
     */
    protected static <T> T rolledBack(Function<DSLContext, T> work) {
        return RolledBackTransaction.run(db(), work);
    }

    protected static void rolledBack(Consumer<DSLContext> work) {
        rolledBack(ctx -> {
            work.accept(ctx);
            return null;
        });
    }

    /** Asserts that work, run in a rolled-back transaction, is refused by the named constraint. */
    protected static void assertRefusedBy(String constraint, Consumer<DSLContext> work) {
        Throwable thrown = catchThrowable(() -> rolledBack(work));
        assertThat(thrown).as("expected a violation of %s", constraint).isNotNull();
        PSQLException psql = psqlCause(thrown);
        assertThat((Object) psql).as("no PostgreSQL error behind %s", thrown).isNotNull();
        assertThat(psql.getServerErrorMessage().getConstraint()).isEqualTo(constraint);
    }

    /** Asserts that work, run in a rolled-back transaction, is accepted. */
    protected static void assertAccepted(Consumer<DSLContext> work) {
        rolledBack(work);
    }

    private static PSQLException psqlCause(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
                return psql;
            }
        }
        return null;
    }
}
