package org.mlregistry.core.replica;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.mlregistry.core.internal.ReadRouter;

/**
 * Routes a registry's reads that may be stale to its healthy replicas, round-robin, and to the
 * primary when none is usable. The {@code Registry} creates it from {@link ReadReplicas}; not
 * called by services directly.
 */
public final class ReplicaRouter implements ReadRouter {

    /** A position no replica reaches: the writes' position could not be read, so only the primary is safe. */
    static final long UNKNOWN_POSITION = Long.MAX_VALUE;

    private static final ReadRouter PRIMARY_ONLY = new ReadRouter() {
        @Override
        public <T> T read(Function<DSLContext, T> statement, DSLContext primary) {
            return statement.apply(primary);
        }

        @Override
        public void committed(DSLContext primary) {
        }
    };

    private final List<Replica> replicas;
    private final ReadReplicas settings;
    private final AtomicInteger next = new AtomicInteger();

    private ReplicaRouter(ReadReplicas settings) {
        this.settings = settings;
        this.replicas = settings.dataSources().stream().map(dataSource -> new Replica(dataSource, settings)).toList();
    }

    /**
     * A router over the given replicas.
     *
     * @param settings the replicas and their bounds
     * @return the router of a registry's default view: stale reads on any usable replica
     */
    public static ReplicaRouter over(ReadReplicas settings) {
        return new ReplicaRouter(settings);
    }

    /**
     * A router that remembers the primary's WAL position after each commit of its session and lets
     * a replica serve that session's reads only once it has replayed that far.
     *
     * @return a new read-your-writes router (its own remembered position)
     */
    public ReadRouter readYourWrites() {
        return new ReadYourWrites(this);
    }

    /**
     * A router that reads from the primary only.
     *
     * @return the primary-only router
     */
    public ReadRouter primaryOnly() {
        return PRIMARY_ONLY;
    }

    @Override
    public <T> T read(Function<DSLContext, T> statement, DSLContext primary) {
        return route(statement, primary, 0);
    }

    @Override
    public void committed(DSLContext primary) {
        // stale reads need no position
    }

    /** Tries each replica once, from the next in turn; the first usable one (caught up to mustSee) serves. */
    <T> T route(Function<DSLContext, T> statement, DSLContext primary, long mustSee) {
        int count = replicas.size();
        if (count > 0 && mustSee != UNKNOWN_POSITION) {
            long deadline = System.nanoTime() + settings.readYourWritesWait().toNanos();
            int first = Math.floorMod(next.getAndIncrement(), count);
            for (int i = 0; i < count; i++) {
                Replica.Served<T> served = replicas.get((first + i) % count).read(statement, primary, mustSee, deadline);
                if (served != null) {
                    return served.value();
                }
            }
        }
        return statement.apply(primary);
    }
}
