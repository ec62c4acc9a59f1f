package org.mlregistry.core.tracking;

import java.time.Duration;
import java.time.OffsetDateTime;
import org.jooq.Field;
import org.mlregistry.core.error.InvalidValueException;

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
        if (window == null || window.isNegative() || window.isZero()) {
            throw new InvalidValueException("window", window, "must be a positive duration");
        }
        return new RunFilter(field.ge(RunStatements.olderThan(window)));
    }

    /**
     * @param age positive duration
     * @return column &lt; now() - age
     */
    public RunFilter olderThan(Duration age) {
        if (age == null || age.isNegative() || age.isZero()) {
            throw new InvalidValueException("age", age, "must be a positive duration");
        }
        return new RunFilter(field.lt(RunStatements.olderThan(age)));
    }
}
