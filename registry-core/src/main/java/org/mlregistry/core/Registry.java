package org.mlregistry.core;

import java.util.Objects;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.ThreadLocalTransactionProvider;
import org.mlregistry.core.analytics.Analytics;
import org.mlregistry.core.error.ConstraintViolations;
import org.mlregistry.core.migration.Migrations;
import org.mlregistry.core.models.ModelRegistry;
import org.mlregistry.core.tracking.Runs;

/**
 * Entry point of mlregistry for services.
 *
 * <pre>{@code
 * Registry registry = Registry.configure().dataSource(dataSource).load();
 * }</pre>
 *
 * Thread-safe and free of global state. Every operation that writes, or reads with more than one
 * statement, runs in one transaction: its own, or, when the registry was configured with a
 * {@link DSLContext} inside a caller's jOOQ transaction, a nested one (a savepoint) of the
 * caller's. A read of one statement runs without a transaction of its own ({@link #read}).
 */
public final class Registry {

    private final DSLContext dsl;

    private Registry(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * Starts configuring a registry: give it a {@link Builder#dataSource data source}, a
     * {@link Builder#dsl context} or a {@link Builder#configuration configuration}, then
     * {@link Builder#load() load} it.
     *
     * @return a new builder with nothing set
     */
    public static Builder configure() {
        return new Builder();
    }

    /**
     * The jOOQ context the registry works with, for composing queries of your own.
     *
     * @return the registry's context, as configured
     */
    public DSLContext dsl() {
        return dsl;
    }

    /**
     * The model registry: models, versions, lineage, deployments, approvals, tags, audit trail.
     *
     * @return the model registry, working through this registry's context
     */
    public ModelRegistry models() {
        return ModelRegistry.of(this);
    }

    /**
     * Typed analytics builders (rankings, rollups, top-N, series, costs) over any table.
     *
     * @return analytics over this registry's context
     */
    public Analytics analytics() {
        return new Analytics(dsl);
    }

    /**
     * Training runs of lab 01's {@code tracking} schema: lifecycle, claiming, search, bulk changes, CSV.
     *
     * @return the training runs of this registry
     */
    public Runs runs() {
        return new Runs(this);
    }

    /**
     * Data migrations between the schemas, e.g. lab 01's flat runs into the normalized registry:
     * {@code registry.migrations().flatRunsToRegistry().actor("alice").run()}.
     *
     * @return the data migrations of this registry
     */
    public Migrations migrations() {
        return new Migrations(this);
    }

    /**
     * Runs work in one transaction and translates constraint violations into mlregistry's typed
     * errors. Nested calls join the outer transaction through a savepoint.
     *
     * @param work what to do, given the transaction's context
     * @param <T> what it returns
     * @return what work returned, once the transaction (or savepoint) committed
     */
    public <T> T inTransaction(Function<DSLContext, T> work) {
        try {
            if (dsl.configuration().transactionProvider() instanceof ThreadLocalTransactionProvider) {
                // the thread-bound form: jOOQ nests it in the thread's running transaction (a
                // savepoint); the TransactionalCallable form would always open a new top-level one
                return dsl.transactionResult(() -> work.apply(dsl));
            }
            return dsl.transactionResult(configuration -> work.apply(configuration.dsl()));
        } catch (DataAccessException e) {
            throw ConstraintViolations.translate(e);
        }
    }

    /**
     * Runs one read-only statement without a transaction of its own: a single statement already
     * sees one consistent snapshot, so {@code BEGIN … COMMIT} around it would only add a round trip.
     * Inside a caller's transaction (thread-bound, or a {@link DSLContext} from one) it runs there.
     * Errors are translated as in {@link #inTransaction}.
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

    /** How the registry reaches PostgreSQL; {@link #load()} builds it. */
    public static final class Builder {
        private DSLContext dsl;

        private Builder() {
        }

        /**
         * Uses a pool. Transactions are bound to the calling thread (jOOQ's
         * {@link ThreadLocalTransactionProvider}): while {@link Registry#inTransaction} runs, every
         * operation of this registry on the same thread uses that transaction's connection, and
         * nested {@code inTransaction} calls become savepoints of it, so an outer rollback undoes
         * them. Outside a transaction each query borrows a pooled connection of its own.
         *
         * @param dataSource the pool of connections to PostgreSQL
         * @return this builder
         */
        public Builder dataSource(DataSource dataSource) {
            Objects.requireNonNull(dataSource, "dataSource");
            // A plain DSL.using(dataSource) would take a new pooled connection per transaction, so a
            // "nested" call would commit on its own, independent of the caller's transaction.
            this.dsl = DSL.using(new DefaultConfiguration()
                    .set(SQLDialect.POSTGRES)
                    .set(new ThreadLocalTransactionProvider(new DataSourceConnectionProvider(dataSource))));
            return this;
        }

        /**
         * Uses the given context; inside a caller's transaction, operations join it.
         *
         * @param dsl the context to work with
         * @return this builder
         */
        public Builder dsl(DSLContext dsl) {
            this.dsl = Objects.requireNonNull(dsl, "dsl");
            return this;
        }

        /**
         * Uses the context of the given configuration, as {@link #dsl(DSLContext)} does.
         *
         * @param configuration the jOOQ configuration to work with
         * @return this builder
         */
        public Builder configuration(Configuration configuration) {
            Objects.requireNonNull(configuration, "configuration");
            return dsl(configuration.dsl());
        }

        /**
         * Builds the registry.
         *
         * @return a registry over the data source, context or configuration set last
         * @throws IllegalStateException when none was set
         */
        public Registry load() {
            if (dsl == null) {
                throw new IllegalStateException("Registry.configure(): dataSource(...), dsl(...) or configuration(...) is required before load()");
            }
            return new Registry(dsl);
        }
    }
}
