package org.mlregistry.core.tracking;

import static org.mlregistry.core.tracking.Runs.T;
import static org.mlregistry.schema.jooq.tracking.Tables.RUN_TAGS;

import java.util.Collection;
import java.util.List;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.mlregistry.core.internal.TrackingLimits;

/**
 * The value of one tag key, to filter runs by: each filter is {@code EXISTS (SELECT 1 FROM
 * tracking.run_tags WHERE run_id = training_runs.run_id AND key = ? AND value …)}, every value
 * bound, served by the primary key (run_id, key) or the index (key, value, run_id). Obtain it from
 * {@link RunFilter#tag(String)}.
 */
public final class TagFilter {

    private final String key;

    TagFilter(String key) {
        this.key = TrackingLimits.tagKey(key);
    }

    /**
     * @param value a value
     * @return runs whose tag key has this value
     */
    public RunFilter eq(String value) {
        return exists(RUN_TAGS.VALUE.eq(TrackingLimits.tagValue(value)));
    }

    /**
     * @param values values
     * @return runs whose tag key has one of these values
     */
    public RunFilter in(String... values) {
        return in(List.of(values));
    }

    /**
     * @param values values
     * @return runs whose tag key has one of these values
     */
    public RunFilter in(Collection<String> values) {
        values.forEach(TrackingLimits::tagValue);
        return exists(RUN_TAGS.VALUE.in(values));
    }

    static RunFilter exists(String key) {
        return new TagFilter(key).exists(DSL.trueCondition());
    }

    private RunFilter exists(Condition onValue) {
        return new RunFilter(DSL.exists(DSL.selectOne().from(RUN_TAGS)
                .where(RUN_TAGS.RUN_ID.eq(T.RUN_ID)).and(RUN_TAGS.KEY.eq(key)).and(onValue)));
    }
}
