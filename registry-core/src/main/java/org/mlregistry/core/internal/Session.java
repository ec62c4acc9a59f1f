package org.mlregistry.core.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.ThreadLocalTransactionProvider;
import org.mlregistry.core.error.RegistryException;
import org.mlregistry.core.observe.RegistryObserver;

/**
 * How every part of the API reaches PostgreSQL: one {@link DSLContext}, its transactions (with the
 * registry's statement and lock timeouts), reads of one statement, and the translation of every
 * failure into mlregistry's typed errors ({@link DatabaseFailures}). The {@code Registry} creates
 * one and hands it to each sub-API; nothing else refers back to the registry. Not part of the
 * public API.
 */
public final class Session {

    /** The defaults a service can live with: 30 s per statement, 5 s waiting for a lock. */
    public static final Timeouts DEFAULT_TIMEOUTS = new Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(5));

    private static final String SET_TIMEOUTS =
            "SELECT set_config('statement_timeout', coalesce(?, current_setting('statement_timeout')), true),"
            + " set_config('lock_timeout', coalesce(?, current_setting('lock_timeout')), true),"
            + " current_setting('transaction_isolation')";
    private static final String ISOLATION = "SELECT current_setting('transaction_isolation')";

    /** The page-token key of sessions not given one: random, the same for every session of this JVM. */
    private static final byte[] JVM_PAGE_TOKEN_KEY = randomKey();

    private final DSLContext dsl;
    private final Timeouts timeouts;
    private final byte[] pageTokenKey;
    /** Times and names each outermost call for the registry's observer; {@link OperationProbe#NONE} without one. */
    private final OperationProbe probe;
    /** How deep this thread is in this session's {@link #inTransaction} calls. */
    private final ThreadLocal<int[]> depth;
    /** The isolation level of this thread's outermost transaction of this session, once read. */
    private final ThreadLocal<String> isolation;
    /** Where {@link #readMayBeStale} reads go; null: the primary, like every other statement. */
    private final ReadRouter reads;
    /** Runs one-statement writes in one round trip (autocommit, timeouts in front). */
    private final OneStatementWrite oneStatement;
    /** Sends a transaction's timeouts with its first statement. */
    private final TimeoutsWithFirstStatement timeoutsFirst;
    /** The context as given, before this session's listeners were added. */
    private final DSLContext given;
    /** The context as callers see it: as given, with the observer's listener when there is one. */
    private final DSLContext exposed;

    private Session(DSLContext dsl, Timeouts timeouts, byte[] pageTokenKey) {
        this(dsl, timeouts, pageTokenKey, OperationProbe.NONE);
    }

    private Session(DSLContext dsl, Timeouts timeouts, byte[] pageTokenKey, OperationProbe probe) {
        this.given = dsl;
        this.exposed = probe.instrument(dsl);
        this.timeoutsFirst = new TimeoutsWithFirstStatement();
        this.dsl = timeoutsFirst.on(exposed);
        FixedShape.cacheIn(this.dsl.configuration());
        this.timeouts = timeouts;
        this.pageTokenKey = pageTokenKey;
        this.probe = probe;
        this.depth = ThreadLocal.withInitial(() -> new int[1]);
        this.isolation = new ThreadLocal<>();
        this.reads = null;
        this.oneStatement = new OneStatementWrite(this.dsl, timeouts);
    }

    /** The same session (context, observer, transactions of this thread), routing its stale-safe reads through {@code reads}. */
    private Session(Session base, ReadRouter reads) {
        this.dsl = base.dsl;
        this.timeouts = base.timeouts;
        this.pageTokenKey = base.pageTokenKey;
        this.probe = base.probe;
        this.depth = base.depth;
        this.isolation = base.isolation;
        this.reads = reads;
        this.oneStatement = base.oneStatement;
        this.timeoutsFirst = base.timeoutsFirst;
        this.given = base.given;
        this.exposed = base.exposed;
    }

    /**
     * This session, telling an observer about each operation (see {@link OperationProbe}).
     *
     * @param observer the registry's observer, or null for none
     * @return a session with the observer, or this one when there is nothing to observe
     */
    public Session observedBy(RegistryObserver observer) {
        OperationProbe probe = OperationProbe.of(observer);
        return probe == OperationProbe.NONE ? this : new Session(given, timeouts, pageTokenKey, probe);
    }

    /**
     * This session, sharing its context and the running transactions of each thread, with reads
     * that may be stale routed by {@code reads} (e.g. to read replicas).
     *
     * @param reads the router of {@link #readMayBeStale} reads
     * @return a session that routes those reads
     */
    public Session routingReads(ReadRouter reads) {
        return new Session(this, Objects.requireNonNull(reads, "reads"));
    }

    /**
     * A session over a context, with the {@link #DEFAULT_TIMEOUTS}.
     *
     * @param dsl the context every statement runs on
     * @return the session
     */
    public static Session of(DSLContext dsl) {
        return of(dsl, DEFAULT_TIMEOUTS);
    }

    /**
     * A session over a context.
     *
     * @param dsl the context every statement runs on
     * @param timeouts the timeouts each transaction sets for itself
     * @return the session
     */
    public static Session of(DSLContext dsl, Timeouts timeouts) {
        return of(dsl, timeouts, JVM_PAGE_TOKEN_KEY);
    }

    /**
     * A session over a context that signs page tokens with a key of its own.
     *
     * @param dsl the context every statement runs on
     * @param timeouts the timeouts each transaction sets for itself
     * @param pageTokenKey the HMAC key of page tokens (services sharing tokens share the key)
     * @return the session
     */
    public static Session of(DSLContext dsl, Timeouts timeouts, byte[] pageTokenKey) {
        return new Session(Objects.requireNonNull(dsl, "dsl"), Objects.requireNonNull(timeouts, "timeouts"),
                Objects.requireNonNull(pageTokenKey, "pageTokenKey").clone());
    }

    /**
     * The key page tokens are signed with; callers must not change it.
     *
     * @return the HMAC key
     */
    public byte[] pageTokenKey() {
        return pageTokenKey;
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return key;
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
     * The context for callers composing queries of their own: as given to the session (with the
     * observer's listener when there is one), without the session's transaction bookkeeping.
     *
     * @return the context
     */
    public DSLContext exposedDsl() {
        return exposed;
    }

    /**
     * The timeouts each of this session's transactions sets.
     *
     * @return the timeouts
     */
    public Timeouts timeouts() {
        return timeouts;
    }

    /**
     * Whether the calling thread runs inside one of this session's transactions.
     *
     * @return true inside {@link #inTransaction}
     */
    public boolean inTransactionNow() {
        return depth.get()[0] > 0;
    }

    /**
     * Runs work in one transaction; nested calls join the outer transaction through a savepoint.
     * The outermost call sets the timeouts for the transaction ({@code SET LOCAL}) in the round trip
     * of its first statement ({@link TimeoutsWithFirstStatement}).
     * Every failure leaves as a typed {@link RegistryException}; a connection lost while the
     * outermost call committed as a {@link org.mlregistry.core.error.CommitOutcomeUnknownException}.
     *
     * @param work what to do, given the transaction's context
     * @param <T> what it returns
     * @return what work returned, once the transaction (or savepoint) committed
     */
    public <T> T inTransaction(Function<DSLContext, T> work) {
        return probe.around(() -> inTransaction(work, timeouts, false));
    }

    /**
     * As {@link #inTransaction}, for bulk transfers (COPY import and export, data migrations)
     * whose one statement may rightly run for minutes: without a statement timeout, with the lock
     * timeout.
     *
     * @param work what to do, given the transaction's context
     * @param <T> what it returns
     * @return what work returned, once the transaction (or savepoint) committed
     */
    public <T> T inBulkTransaction(Function<DSLContext, T> work) {
        return probe.around(() -> inTransaction(work, new Timeouts(timeouts.statement() == null ? null : Duration.ZERO, timeouts.lock()), true));
    }

    /**
     * @param bulk whether work may send its first statement past jOOQ (COPY through PgJDBC): the
     *     timeouts are then set by a statement of their own, else with the first statement
     */
    private <T> T inTransaction(Function<DSLContext, T> work, Timeouts set, boolean bulk) {
        int[] level = depth.get();
        boolean outermost = level[0] == 0;
        boolean[] workDone = {false};
        level[0]++;
        try {
            Function<DSLContext, T> body = ctx -> {
                if (outermost && bulk) {
                    applyTimeouts(ctx, set);
                } else if (outermost) {
                    timeoutsFirst.owe(set);
                }
                T result = work.apply(ctx);
                workDone[0] = true;
                return result;
            };
            T result;
            if (dsl.configuration().transactionProvider() instanceof ThreadLocalTransactionProvider) {
                // the thread-bound form nests in the thread's running transaction (a savepoint);
                // the TransactionalCallable form would always open a new top-level one
                result = dsl.transactionResult(() -> body.apply(dsl));
            } else {
                result = dsl.transactionResult(configuration -> body.apply(configuration.dsl()));
            }
            if (outermost && reads != null) {
                reads.committed(dsl);
            }
            return result;
        } catch (RuntimeException e) {
            throw translated(e, outermost && workDone[0]);
        } finally {
            if (--level[0] == 0) {
                isolation.remove();
                timeoutsFirst.settle();
            }
        }
    }

    /**
     * The isolation level of the running transaction, as PostgreSQL names it (e.g.
     * {@code read committed}). Asked once per transaction (a bulk transaction reads it with its
     * timeouts, at no extra round trip).
     *
     * @param ctx the running transaction's context
     * @return the level
     */
    public String isolationLevel(DSLContext ctx) {
        String known = isolation.get();
        if (known == null) {
            known = ctx.fetchOne(ISOLATION).get(0, String.class);
            isolation.set(known);
        }
        return known;
    }

    /**
     * Runs one read-only statement without a transaction of its own: a single statement already
     * sees one snapshot, so {@code BEGIN … COMMIT} around it would only add round trips. Inside a
     * caller's transaction it runs there (with its timeouts); outside, under the role's or
     * server's {@code statement_timeout}. Every failure leaves as a typed {@link RegistryException}.
     *
     * @param statement the read; it must execute exactly one statement
     * @param <T> what it returns
     * @return its result
     */
    public <T> T read(Function<DSLContext, T> statement) {
        return probe.around(() -> readOnce(statement));
    }

    private <T> T readOnce(Function<DSLContext, T> statement) {
        try {
            return statement.apply(dsl);
        } catch (RuntimeException e) {
            throw translated(e, false);
        }
    }

    /**
     * As {@link #read}, for a read whose caller accepts a result slightly behind the latest commits
     * (searches, analytics, leaderboards, audit queries): with read replicas configured, outside
     * any transaction of this session, the {@link ReadRouter} may run it on a replica; otherwise,
     * and inside a transaction, it runs like {@link #read}.
     *
     * @param statement the read; it must execute exactly one statement
     * @param <T> what it returns
     * @return its result
     */
    public <T> T readMayBeStale(Function<DSLContext, T> statement) {
        if (reads == null || inTransactionNow()) {
            return read(statement);
        }
        return probe.around(() -> {
            try {
                return reads.read(statement, dsl);
            } catch (RuntimeException e) {
                throw translated(e, false);
            }
        });
    }

    /**
     * Runs several of this session's calls as one operation for the registry's observer (one
     * name, one duration, the statements of all), e.g. a write and the read that explains its
     * empty result. Changes nothing about transactions.
     *
     * @param work the calls
     * @param <T> what they return
     * @return what work returned
     */
    public <T> T asOneOperation(Supplier<T> work) {
        return probe.around(work);
    }

    /**
     * Runs a write that is one atomic statement in one round trip: outside any transaction in
     * autocommit, with the timeouts sent in front of it ({@link OneStatementWrite}); inside this
     * session's or a caller's transaction as {@link #inTransaction} runs it (a savepoint there).
     * A connection lost once it was sent leaves as a
     * {@link org.mlregistry.core.error.CommitOutcomeUnknownException}: the statement may have
     * committed. Every other failure leaves as the typed error {@link #inTransaction} throws.
     *
     * @param statement the write; it executes one statement (and, only to explain a refusal, reads)
     * @param <T> what it returns
     * @return its result, committed
     */
    public <T> T write(Function<DSLContext, T> statement) {
        if (inTransactionNow()) {
            return inTransaction(statement);
        }
        return probe.around(() -> {
            T result = oneStatement.run(statement, s -> inTransaction(s, timeouts, false), this::translated);
            if (reads != null) {
                reads.committed(dsl);
            }
            return result;
        });
    }

    /**
     * The isolation level a statement of the calling thread runs under now: this session's
     * transaction's (known, no round trip), else asked of the connection (a caller's transaction,
     * or autocommit's default).
     *
     * @return the level, as PostgreSQL names it
     */
    public String currentIsolationLevel() {
        return inTransactionNow() ? isolationLevel(dsl) : read(ctx -> ctx.fetchOne(ISOLATION).get(0, String.class));
    }

    /**
     * Refreshes the planner's statistics of a table after a bulk write of many rows (autovacuum
     * may take minutes to do it, and until then plans assume the table's old size). Outside any
     * transaction, after the write committed; skipped inside one (it would hold the table's
     * {@code ShareUpdateExclusiveLock} until the caller commits) and below {@code threshold} rows.
     *
     * @param table the schema-qualified table, a constant of the library (never user input)
     * @param rows how many rows were written
     * @param threshold the fewest rows worth an {@code ANALYZE}
     * @return true when the table was analyzed
     */
    public boolean analyzeAfterBulkWrite(String table, long rows, long threshold) {
        if (rows < threshold || inTransactionNow()) {
            return false;
        }
        try {
            if (read(ctx -> ctx.connectionResult(c -> !c.getAutoCommit()))) {
                return false;
            }
            read(ctx -> ctx.execute(SchemaMapping.sql(ctx, "ANALYZE " + ctx.render(DSL.name(table.split("\\."))))));
            return true;
        } catch (RegistryException e) {
            // best effort: the write committed, and autovacuum analyzes the table later anyway
            return false;
        }
    }

    private void applyTimeouts(DSLContext ctx, Timeouts set) {
        if (set.statement() != null || set.lock() != null) {
            isolation.set(ctx.fetchOne(SET_TIMEOUTS, setting(set.statement()), setting(set.lock())).get(2, String.class));
        }
    }

    /** A timeout as PostgreSQL reads it; null keeps the current setting, {@code 0ms} is none. */
    private static String setting(Duration timeout) {
        return timeout == null ? null : timeout.toMillis() + "ms";
    }

    private RuntimeException translated(RuntimeException e, boolean duringCommit) {
        if (e instanceof RegistryException || !fromDatabase(e)) {
            return e;
        }
        return DatabaseFailures.translate(e, duringCommit, schema -> SchemaMapping.canonical(dsl, schema));
    }

    /** jOOQ's exceptions (its DataAccessException wraps the driver's and the pool's SQLExceptions). */
    private static boolean fromDatabase(RuntimeException e) {
        return e.getClass().getName().startsWith("org.jooq.") || DatabaseFailures.sqlException(e) != null;
    }

    /**
     * The timeouts a transaction sets for itself.
     *
     * @param statement longest a statement may run; null keeps the role's or server's setting, zero means none
     * @param lock longest a statement waits for a lock; null keeps the role's or server's setting, zero means none
     */
    public record Timeouts(Duration statement, Duration lock) {
    }
}
