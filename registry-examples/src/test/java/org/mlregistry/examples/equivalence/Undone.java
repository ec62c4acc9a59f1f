package org.mlregistry.examples.equivalence;

import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * Runs one piece of work after another in a single transaction, each in a savepoint that is rolled
 * back afterwards (also when the work fails), so each sees the transaction as it was before: the
 * same rows and the same {@code now()}.
 */
public final class Undone {

    private Undone() {
    }

    /** Runs work in a savepoint, rolls back to it, and returns work's result. */
    public static <T> T inSavepoint(DSLContext ctx, Function<DSLContext, T> work) {
        ctx.execute("SAVEPOINT undone");
        try {
            return work.apply(ctx);
        } finally {
            ctx.execute("ROLLBACK TO SAVEPOINT undone");
            ctx.execute("RELEASE SAVEPOINT undone");
        }
    }
}
