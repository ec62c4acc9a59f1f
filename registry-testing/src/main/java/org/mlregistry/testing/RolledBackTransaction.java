package org.mlregistry.testing;

import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * Work in a jOOQ transaction that is always rolled back, for tests that write to a shared database.
 *
 * <p>Transactions the work starts itself on the context it is given (a registry configured with
 * it, an example's own {@code transactionResult}) nest as savepoints, so they are rolled back too.
 * Inside another transaction this one is a savepoint, rolled back to.
 */
public final class RolledBackTransaction {

    private RolledBackTransaction() {
    }

    /**
     * Runs work in a transaction on {@code dsl}, rolls it back and returns the work's result.
     *
     * @param dsl where to start the transaction
     * @param work what to do, on the transaction's context
     * @param <T> what the work returns
     * @return the work's result
     * @throws RuntimeException whatever the work threw, after the rollback
     */
    @SuppressWarnings("unchecked")
    public static <T> T run(DSLContext dsl, Function<DSLContext, T> work) {
        try {
            dsl.transaction(configuration -> {
                throw new Result(work.apply(configuration.dsl()));
            });
        } catch (Result result) {
            return (T) result.value;
        }
        throw new IllegalStateException("unreachable: the transaction always ends with Result");
    }

    /** Ends the transaction with a rollback and carries the work's result out of it. */
    private static final class Result extends RuntimeException {
        private final transient Object value;

        Result(Object value) {
            super(null, null, false, false);
            this.value = value;
        }
    }
}
