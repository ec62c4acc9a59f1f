package org.mlregistry.core.tracking;

import java.time.Duration;
import java.time.OffsetDateTime;
import org.jooq.Field;
import org.mlregistry.core.internal.Validator;

/** A timestamp column, with a window relative to the database's clock. */
public final class TimeRunColumn extends OrderedRunColumn<OffsetDateTime> {
    TimeRunColumn(Field<OffsetDateTime> field) {
        super(field);
    }

    /**
     * @param window positive duration
     * @return column &gt;= now() - window
     */
    public RunFilter within(Duration window) {
        Validator.positiveDuration("window", window);
        return new RunFilter(field.ge(RunStatements.olderThan(window)));
    }

    /**
     * @param age positive duration
     * @return column &lt; now() - age
     */
    public RunFilter olderThan(Duration age) {
        Validator.positiveDuration("age", age);
        return new RunFilter(field.lt(RunStatements.olderThan(age)));
    }
}
