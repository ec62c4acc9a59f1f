package org.mlregistry.core.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.conf.StatementType;
import org.jooq.exception.DataAccessException;

/**
 * Sets a transaction's timeouts in the round trip of its first statement: the settings of
 * {@link OneStatementWrite#prefix} ({@code set_config(…, true)}, i.e. {@code SET LOCAL}) and the
 * first statement go as one {@link PreparedStatement}, instead of a statement of their own before
 * it. They last until the transaction ends, so every later statement runs under them too. A batch
 * or a static statement cannot carry them: they are then sent on their own just before it. Not
 * part of the public API.
 */
final class TimeoutsWithFirstStatement implements ExecuteListener {

    private static final long serialVersionUID = 1L;
    /** The settings this thread's transaction still owes, and how many results they return. */
    private final transient ThreadLocal<Owed> owed = new ThreadLocal<>();
    /** The statement this thread is preparing carries them: its first results are theirs. */
    private final transient ThreadLocal<Owed> carried = new ThreadLocal<>();

    private record Owed(String prefix, int statements) {
    }

    /** The context with this listener, for every statement of the session. */
    DSLContext on(DSLContext dsl) {
        return dsl.configuration().deriveAppending(this).dsl();
    }

    /** The calling thread's transaction has begun: its first statement sets the timeouts. */
    void owe(Session.Timeouts timeouts) {
        String prefix = OneStatementWrite.prefix(timeouts);
        if (!prefix.isEmpty()) {
            owed.set(new Owed(prefix, 1));
        }
    }

    /** The calling thread's transaction has ended (with or without a statement). */
    void settle() {
        owed.remove();
        carried.remove();
    }

    @Override
    public void exception(ExecuteContext ctx) {
        carried.remove();
    }

    @Override
    public void prepareStart(ExecuteContext ctx) {
        Owed pending = owed.get();
        if (pending == null) {
            return;
        }
        owed.remove();
        boolean prepared = ctx.settings().getStatementType() != StatementType.STATIC_STATEMENT;
        if (prepared && ctx.sql() != null && ctx.batchSQL().length <= 1) {
            ctx.sql(pending.prefix() + ctx.sql());
            carried.set(pending);
            return;
        }
        try (Statement set = ctx.connection().createStatement()) {
            set.execute(pending.prefix());
        } catch (SQLException e) {
            throw new DataAccessException("setting the transaction's timeouts failed", e);
        }
    }

    @Override
    public void prepareEnd(ExecuteContext ctx) {
        Owed sent = carried.get();
        if (sent != null) {
            carried.remove();
            if (ctx.statement() != null) {
                ctx.statement(new OneStatementWrite.SettingsFirst(ctx.statement(), sent.statements()));
            }
        }
    }
}
