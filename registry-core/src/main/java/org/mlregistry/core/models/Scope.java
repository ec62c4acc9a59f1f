package org.mlregistry.core.models;

import java.util.function.Function;
import org.jooq.DSLContext;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.internal.AuditWriter;
import org.mlregistry.core.internal.Session;

/** What every topic of the model registry works with: the session and the acting user, if any. */
record Scope(Session session, String actor) {

    <T> T tx(Function<DSLContext, T> work) {
        return session.inTransaction(work);
    }

    /** A write of one atomic statement (e.g. a change with its audit row): one round trip, see {@link Session#write}. */
    <T> T write(Function<DSLContext, T> statement) {
        return session.write(statement);
    }

    <T> T read(Function<DSLContext, T> statement) {
        return session.read(statement);
    }

    /** A read a replica may serve (audit queries): see {@link Session#readMayBeStale}. */
    <T> T readMayBeStale(Function<DSLContext, T> statement) {
        return session.readMayBeStale(statement);
    }

    /** The actor writes are recorded for; refuses a write when none was set. */
    String writer() {
        if (actor == null) {
            throw new InvalidValueException("actor", null, "must be set with ModelRegistry.actor(String) before a write");
        }
        return actor;
    }

    AuditWriter audit() {
        return AuditWriter.as(writer());
    }
}
