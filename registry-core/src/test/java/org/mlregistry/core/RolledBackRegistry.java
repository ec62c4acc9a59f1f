package org.mlregistry.core;

import java.util.function.Function;
import org.jooq.DSLContext;
import org.mlregistry.testing.RolledBackTransaction;

/**
 * A {@link Registry} joined to a jOOQ transaction that is always rolled back: the registry's own
 * transactions become savepoints of it, so nothing the work writes stays. Shared with the other
 * modules' tests through registry-core's test-jar.
 */
public final class RolledBackRegistry {

    private RolledBackRegistry() {
    }

    /**
     * Runs work with a registry on a rolled-back transaction started on {@code dsl}.
     *
     * @param dsl where to start the transaction, e.g. the shared test database
     * @param work what to do with the registry; {@link Registry#dsl()} is the transaction's context
     * @param <T> what the work returns
     * @return the work's result
     */
    public static <T> T run(DSLContext dsl, Function<Registry, T> work) {
        return RolledBackTransaction.run(dsl, ctx -> work.apply(Registry.configure().dsl(ctx).load()));
    }
}
