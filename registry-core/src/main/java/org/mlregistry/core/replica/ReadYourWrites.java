package org.mlregistry.core.replica;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.mlregistry.core.internal.ReadRouter;

/**
 * The router of one read-your-writes view: after each of its commits it reads the primary's WAL
 * position (one round trip), and a replica serves its reads only once it has replayed that far.
 */
final class ReadYourWrites implements ReadRouter {

    private final ReplicaRouter router;
    /** The highest position after one of this view's commits; 0 before its first. */
    private final AtomicLong written = new AtomicLong();

    ReadYourWrites(ReplicaRouter router) {
        this.router = router;
    }

    @Override
    public <T> T read(Function<DSLContext, T> statement, DSLContext primary) {
        return router.route(statement, primary, written.get());
    }

    @Override
    public void committed(DSLContext primary) {
        long position;
        try {
            position = WalPosition.afterCommit(primary);
        } catch (RuntimeException e) {
            // the write committed; not knowing where, only the primary is sure to show it
            position = ReplicaRouter.UNKNOWN_POSITION;
        }
        written.accumulateAndGet(position, Math::max);
    }
}
