package org.mlregistry.core.internal;

import java.util.Objects;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.ThreadLocalTransactionProvider;

/**
 * How every part of the API reaches PostgreSQL: one {@link DSLContext}, its transactions, reads of
 * one statement, and the translation of the database's refusals into mlregistry's typed errors.
 * The {@code Registry} creates one and hands it to each sub-API; nothing else refers back to the
 * registry. Not part of the public API.
 */
public final class Session {

    private final DSLContext dsl;

    private Session(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * A session over a context.
     *
     * @param dsl the context every statement runs on
     * @return the session
     */
    public static Session of(DSLContext dsl) {
        return new Session(Objects.requireNonNull(dsl, "dsl"));
    }

    /**
     * The context, for building queries that are run later through {@link #read} or
     * {@link #inTransaction} (or handed out as a jOOQ {@code Select}).
     *
     * @return the session's context
     */
    public DSLContext dsl() {
        return dsl;
    }

    /**
     * Runs work in one transaction; nested calls join the outer transaction through a savepoint.
     * Database refusals leave as typed errors.
     *
     * @param work what to do, given the transaction's context
     * @param <T> what it returns
     * @return what work returned, once the transaction (or savepoint) committed
     */
    public <T> T inTransaction(Function<DSLContext, T> work) {
        try {
            if (dsl.configuration().transactionProvider() instanceof ThreadLocalTransactionProvider) {
                // the thread-bound form nests in the thread's running transaction (a savepoint);
                // the TransactionalCallable form would always open a new top-level one
                return dsl.transactionResult(() -> work.apply(dsl));
            }
            return dsl.transactionResult(configuration -> work.apply(configuration.dsl()));
        } catch (DataAccessException e) {
            throw ConstraintViolations.translate(e);
        }
    }

    /**
     * Runs one read-only statement without a transaction of its own: a single statement already
     * sees one snapshot, so {@code BEGIN … COMMIT} around it would only add round trips. Inside a
     * caller's transaction it runs there. Database refusals leave as typed errors.
     *
     * @param statement the read; it must execute exactly one statement
     * @param <T> what it returns
     * @return its result
     */
    public <T> T read(Function<DSLContext, T> statement) {
        try {
            return statement.apply(dsl);
        } catch (DataAccessException e) {
            throw ConstraintViolations.translate(e);
        }
    }
}
