package org.mlregistry.core.internal;

import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * Where a {@link Session}'s reads that may be stale run (read replicas, see
 * {@code org.mlregistry.core.replica}), and what it learns from the session's commits. Not part of
 * the public API.
 */
public interface ReadRouter {

    /**
     * Runs a single-statement read outside any transaction, on a replica or on the primary.
     *
     * @param statement the read
     * @param primary the session's context (the primary)
     * @param <T> what it returns
     * @return its result
     */
    <T> T read(Function<DSLContext, T> statement, DSLContext primary);

    /**
     * Told after each outermost transaction of the session committed, e.g. to remember the
     * primary's WAL position for read-your-writes. Must not throw: the write has committed.
     *
     * @param primary the session's context (the primary)
     */
    void committed(DSLContext primary);
}
