package org.mlregistry.core.tracking;

import static org.mlregistry.schema.jooq.tracking.Tables.RUN_LEASES;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.impl.DSL;
import org.mlregistry.core.Registry;
import org.mlregistry.schema.jooq.tracking.tables.records.RunLeasesRecord;
import org.mlregistry.schema.types.Framework;

/** Helpers for lease and one-call tests: queues of runs, lease rows as stored, expiry, statement counts. */
abstract class LeaseTestSupport extends TrackingTestSupport {

    /** n queued runs on a target of their own (distinct experiments, so unique_daily_run holds). */
    static List<Run> queue(Registry r, String target, int n) {
        return r.runs().submitAll(IntStream.range(0, n).mapToObj(i -> NewRun.builder().model("lease-model")
                .framework(Framework.PYTORCH).experiment(target + "-exp-" + i).dataset("lease-ds")
                .computeTarget(target).build()).toList());
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    /** The lease row as stored. */
    static RunLeasesRecord leaseRow(DSLContext ctx, UUID runId) {
        return ctx.selectFrom(RUN_LEASES).where(RUN_LEASES.RUN_ID.eq(runId)).fetchSingle();
    }

    /** Moves a lease's expiry one second before now(): expiry without waiting. */
    static void expire(DSLContext ctx, UUID runId) {
        ctx.update(RUN_LEASES).set(RUN_LEASES.LEASE_EXPIRES_AT, DSL.field("now() - interval '1 second'", OffsetDateTime.class))
                .where(RUN_LEASES.RUN_ID.eq(runId)).execute();
    }

    static OffsetDateTime now(DSLContext ctx) {
        return ctx.select(DSL.currentOffsetDateTime()).fetchSingle().value1();
    }

    /** A registry on ctx that counts the statements it executes (savepoints are not statements). */
    static Registry counting(DSLContext ctx, AtomicInteger statements) {
        ExecuteListener counter = new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext c) {
                // a bulk transaction's own setup (its timeouts, read with the isolation level) is not the
                // operation's; elsewhere the timeouts travel in front of the operation's first statement
                if (c.sql() == null || !c.sql().startsWith("SELECT set_config('statement_timeout', coalesce(")) {
                    statements.incrementAndGet();
                }
            }
        };
        return Registry.configure().configuration(ctx.configuration().deriveAppending(counter)).load();
    }
}
