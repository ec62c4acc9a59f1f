package org.mlregistry.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.ThreadLocalTransactionProvider;
import org.mlregistry.core.analytics.Analytics;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.events.Events;
import org.mlregistry.core.internal.ReadRouter;
import org.mlregistry.core.internal.SchemaMapping;
import org.mlregistry.core.internal.Session;
import org.mlregistry.core.internal.Validator;
import org.mlregistry.core.maintenance.Maintenance;
import org.mlregistry.core.migration.Migrations;
import org.mlregistry.core.models.ModelRegistry;
import org.mlregistry.core.observe.RegistryObserver;
import org.mlregistry.core.replica.ReadReplicas;
import org.mlregistry.core.replica.ReplicaRouter;
import org.mlregistry.core.tracking.Runs;
import org.mlregistry.schema.SchemaNames;

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
 * caller's. A read of one statement runs without a transaction of its own (one statement already
 * sees one snapshot).
 */
public final class Registry {

    private final Session session;
    private final RetryPolicy retry;
    /** Null without read replicas. */
    private final ReplicaRouter replicas;

    static {
        // before the library's first jOOQ statement, so jOOQ prints neither logo nor tip (see JooqBanner)
        JooqBanner.silence();
    }

    private Registry(DSLContext dsl, Session.Timeouts timeouts, byte[] pageTokenKey, RetryPolicy retry,
            RegistryObserver observer, ReplicaRouter replicas) {
        Session plain = (pageTokenKey == null ? Session.of(dsl, timeouts) : Session.of(dsl, timeouts, pageTokenKey))
                .observedBy(observer);
        this.session = replicas == null ? plain : plain.routingReads(replicas);
        this.retry = retry;
        this.replicas = replicas;
    }

    /** A view of the same registry (context, transactions) whose reads that may be stale go through {@code reads}. */
    private Registry(Registry base, ReadRouter reads) {
        this.session = base.session.routingReads(reads);
        this.retry = base.retry;
        this.replicas = base.replicas;
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
     * @return the registry's context, as configured (with {@link Builder#schemas}: a derived copy
     *     that maps the schemas)
     */
    public DSLContext dsl() {
        return session.exposedDsl();
    }

    /**
     * The model registry: models, versions, lineage, deployments, approvals, tags, audit trail.
     *
     * @return the model registry, working through this registry's context
     */
    public ModelRegistry models() {
        return ModelRegistry.of(session);
    }

    /**
     * Registry events: every audited change as an event written in its transaction, in commit
     * order, with subscribers woken by {@code LISTEN/NOTIFY}.
     *
     * @return the events of this registry
     */
    public Events events() {
        return Events.of(session);
    }

    /**
     * Typed analytics builders (rankings, rollups, top-N, series, costs) over any table.
     *
     * @return analytics over this registry's context
     */
    public Analytics analytics() {
        return Analytics.of(session);
    }

    /**
     * Training runs of lab 01's {@code tracking} schema: lifecycle, claiming, search, bulk changes, CSV.
     *
     * @return the training runs of this registry
     */
    public Runs runs() {
        return Runs.of(session);
    }

    /**
     * Storage maintenance: the monthly partitions of the metric history and the audit log,
     * created ahead and retired by retention ({@code registry.maintenance().partitions()}).
     *
     * @return the maintenance operations of this registry
     */
    public Maintenance maintenance() {
        return Maintenance.of(session);
    }

    /**
     * Data migrations between the schemas, e.g. lab 01's flat runs into the normalized registry:
     * {@code registry.migrations().flatRunsToRegistry().actor("alice").run()}.
     *
     * @return the data migrations of this registry
     */
    public Migrations migrations() {
        return Migrations.of(session);
    }

    /**
     * Runs work in one transaction, for grouping several operations of this registry (or queries
     * of your own on the given context) so they commit or roll back together. Operations called
     * inside join it as savepoints. Database refusals leave as typed errors.
     *
     * @param work what to do, given the transaction's context
     * @param <T> what it returns
     * @return what work returned, once the transaction (or savepoint) committed
     * @throws InvalidValueException when work is null
     */
    public <T> T inTransaction(Function<DSLContext, T> work) {
        Validator.required("work", work);
        return session.inTransaction(work);
    }

    /**
     * Runs an idempotent operation under the registry's {@link Builder#retry retry policy}:
     * repeated after transient failures, once when no policy was set. Inside a transaction of
     * this registry it runs once (the failure rolled back the whole transaction: retry the
     * {@code inTransaction} call instead).
     *
     * <pre>{@code
     * Optional<Run> run = registry.retrying(() -> registry.runs().find(runId));
     * }</pre>
     *
     * @param operation an idempotent operation (see {@link RetryPolicy} for which are)
     * @param <T> what it returns
     * @return what the first successful attempt returned
     */
    public <T> T retrying(Supplier<T> operation) {
        return session.inTransactionNow() ? operation.get() : retry.call(operation);
    }

    /**
     * This registry, reading its own writes: after each write through this view (one more round
     * trip, reading the primary's WAL position after the commit), its searches, analytics,
     * leaderboards and audit queries run on a replica only once that replica has replayed the
     * write, waiting at most {@link ReadReplicas#readYourWritesWait()}; after that they read from
     * the primary. Keep one view per caller whose writes its reads must see (a request, a user
     * session); without read replicas it is this registry, whose reads all see its writes.
     *
     * @return a read-your-writes view sharing this registry's context and transactions
     */
    public Registry readYourWrites() {
        return replicas == null ? this : new Registry(this, replicas.readYourWrites());
    }

    /**
     * This registry with every read pinned to the primary (e.g. a read that decides a write).
     *
     * @return a primary-only view sharing this registry's context and transactions
     */
    public Registry onPrimary() {
        return replicas == null ? this : new Registry(this, replicas.primaryOnly());
    }

    /** How the registry reaches PostgreSQL; {@link #load()} builds it. */
    public static final class Builder {
        private DSLContext dsl;
        private Duration statementTimeout = Session.DEFAULT_TIMEOUTS.statement();
        private Duration lockTimeout = Session.DEFAULT_TIMEOUTS.lock();
        private RetryPolicy retry = RetryPolicy.none();
        private byte[] pageTokenKey;
        private RegistryObserver observer;
        private SchemaNames schemaNames = SchemaNames.DEFAULT;
        private ReadReplicas replicas;
        private boolean fromDataSource;

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
            this.fromDataSource = true;
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
            this.fromDataSource = false;
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
         * The longest a statement of the registry's transactions may run before PostgreSQL
         * cancels it with a {@link org.mlregistry.core.error.StatementTimeoutException}; 30 s
         * unless set. Each transaction sets it for itself ({@code set_config(…, true)}, i.e.
         * {@code SET LOCAL}); single-statement reads outside a transaction keep the role's or
         * server's setting.
         *
         * @param timeout positive, {@link Duration#ZERO} for none, or null to keep the role's or server's setting
         * @return this builder
         * @throws InvalidValueException on a negative timeout
         */
        public Builder statementTimeout(Duration timeout) {
            this.statementTimeout = checked("statementTimeout", timeout);
            return this;
        }

        /**
         * The longest a statement of the registry's transactions waits for a row or table lock
         * before failing with a {@link org.mlregistry.core.error.LockNotAvailableException}; 5 s
         * unless set. Set per transaction like {@link #statementTimeout}.
         *
         * @param timeout positive, {@link Duration#ZERO} for none, or null to keep the role's or server's setting
         * @return this builder
         * @throws InvalidValueException on a negative timeout
         */
        public Builder lockTimeout(Duration timeout) {
            this.lockTimeout = checked("lockTimeout", timeout);
            return this;
        }

        /**
         * The policy of {@link Registry#retrying}; none unless set.
         *
         * @param policy e.g. {@code RetryPolicy.attempts(3).backoff(Duration.ofMillis(50), Duration.ofSeconds(1))}
         * @return this builder
         */
        public Builder retry(RetryPolicy policy) {
            this.retry = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * The key page tokens are signed with (HMAC-SHA256). A token is accepted only by a registry
         * with the same key, so replicas of a service that hand tokens to each other's clients share
         * one key; by default each JVM has a random key of its own, and tokens do not survive a restart.
         *
         * @param key at least 32 bytes, e.g. from a secret store; copied
         * @return this builder
         * @throws InvalidValueException when the key is null or shorter than 32 bytes
         */
        public Builder pageTokenKey(byte[] key) {
            if (key == null || key.length < 32) {
                throw new InvalidValueException("pageTokenKey", key == null ? null : key.length + " bytes",
                        "must be at least 32 bytes");
            }
            this.pageTokenKey = key.clone();
            return this;
        }

        /**
         * Tells an observer about every operation: its stable name (e.g. {@code runs.submit}),
         * outcome, duration and statement count. None unless set, and then no operation pays for
         * observing.
         *
         * <pre>{@code
         * Registry.configure().dataSource(pool).observer(MicrometerObserver.of(meterRegistry)).load();
         * }</pre>
         *
         * @param observer e.g. {@link org.mlregistry.core.observe.MicrometerObserver}, or null for none
         * @return this builder
         */
        public Builder observer(RegistryObserver observer) {
            this.observer = observer;
            return this;
        }

        /**
         * Works on the library's schemas under the names they were migrated to
         * ({@code RegistrySchema.configure()…schemas(trackingSchema, registrySchema)}), e.g. beside an
         * unrelated schema {@code tracking}. jOOQ's render mapping
         * ({@code Settings.withRenderMapping}) sends every query there, and the library's own SQL
         * text (COPY, plain-SQL statements, function calls) follows the same mapping. The context or
         * configuration given is not changed: the registry works on a derived copy with the mapping
         * added (the same connections, transactions and listeners), which {@link Registry#dsl()}
         * returns, so the generated classes used on it map too.
         *
         * @param trackingSchema the name of the schema called {@code tracking} by default
         * @param registrySchema the name of the schema called {@code registry} by default
         * @return this builder
         * @throws InvalidValueException naming {@code trackingSchema} or {@code registrySchema} when a
         *     name is not a lowercase SQL identifier of at most 63 characters, is a reserved keyword,
         *     starts with {@code pg_}, or both names are equal
         */
        public Builder schemas(String trackingSchema, String registrySchema) {
            this.schemaNames = SchemaMapping.names(trackingSchema, registrySchema);
            return this;
        }

        /**
         * Read replicas with the default bounds (see {@link ReadReplicas#of}): the registry's
         * searches, analytics, leaderboards and audit queries outside a transaction run on a
         * replica that is reachable and not lagging; everything else on the primary.
         *
         * @param dataSources physical streaming standbys of the {@link #dataSource primary}
         * @return this builder
         */
        public Builder readReplicas(List<DataSource> dataSources) {
            return readReplicas(ReadReplicas.of(dataSources));
        }

        /**
         * Read replicas with bounds of their own, e.g.
         * {@code ReadReplicas.of(List.of(replica)).maxLag(Duration.ofSeconds(2))}; needs the
         * primary as a {@link #dataSource data source}.
         *
         * @param replicas the replicas and their bounds
         * @return this builder
         */
        public Builder readReplicas(ReadReplicas replicas) {
            this.replicas = Objects.requireNonNull(replicas, "replicas");
            return this;
        }

        private static Duration checked(String field, Duration timeout) {
            if (timeout != null && timeout.isNegative()) {
                throw new InvalidValueException(field, timeout, "must be zero (no timeout) or positive");
            }
            return timeout;
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
            if (replicas != null && !fromDataSource) {
                // a caller's context may be inside its transaction, where no commit position is ours to read
                throw new IllegalStateException("Registry.configure(): readReplicas(...) needs the primary as dataSource(...), not dsl(...) or configuration(...)");
            }
            return new Registry(SchemaMapping.mapped(dsl, schemaNames), new Session.Timeouts(statementTimeout, lockTimeout),
                    pageTokenKey, retry, observer, replicas == null ? null : ReplicaRouter.over(replicas));
        }
    }
}
