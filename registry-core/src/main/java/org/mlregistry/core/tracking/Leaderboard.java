package org.mlregistry.core.tracking;

import org.mlregistry.core.internal.Validator;
import static org.mlregistry.core.tracking.Runs.T;

import java.math.BigDecimal;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.mlregistry.core.internal.Session;
import org.mlregistry.schema.types.RunStatus;

/**
 * The one leaderboard statement behind experiments' and sweeps' leaderboards: the succeeded, live
 * runs of a condition that have the metric, best first, ties by run_id, with their SQL {@code rank()}.
 */
final class Leaderboard {

    private Leaderboard() {
    }

    static List<LeaderboardEntry> fetch(Session session, Condition runs, RankBy by, int limit) {
        Validator.required("by", by);
        RunSearch.checkSize(limit);
        Field<Integer> rank = DSL.rank().over(DSL.orderBy(by.order())).as("leaderboard_rank");
        Field<BigDecimal> value = by.value().as("leaderboard_value");
        return session.readMayBeStale(ctx -> ctx.select(rank, value).select(T.fields())
                .from(T)
                .where(runs)
                .and(T.STATUS.eq(RunStatus.SUCCEEDED))
                .and(T.ARCHIVED_AT.isNull())
                .and(by.value().isNotNull())
                .orderBy(by.order(), T.RUN_ID)
                .limit(limit)
                .fetch(r -> new LeaderboardEntry(r.get(rank), r.get(value), Run.from(r.into(T)))));
    }
}
