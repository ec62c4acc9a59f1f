package org.mlregistry.core.tracking;

import java.math.BigDecimal;
import org.mlregistry.core.internal.Validator;
import org.jooq.Field;

/** A numeric column, with {@code double} conveniences. */
public final class NumericRunColumn extends OrderedRunColumn<BigDecimal> {
    NumericRunColumn(Field<BigDecimal> field) {
        super(field);
    }

    /**
     * @param value a value
     * @return column &gt;= value
     */
    public RunFilter ge(double value) {
        return ge(Validator.finiteDecimal(field.getName(), value));
    }

    /**
     * @param value a value
     * @return column &gt; value
     */
    public RunFilter gt(double value) {
        return gt(Validator.finiteDecimal(field.getName(), value));
    }

    /**
     * @param value a value
     * @return column &lt;= value
     */
    public RunFilter le(double value) {
        return le(Validator.finiteDecimal(field.getName(), value));
    }

    /**
     * @param value a value
     * @return column &lt; value
     */
    public RunFilter lt(double value) {
        return lt(Validator.finiteDecimal(field.getName(), value));
    }

    /**
     * @param low inclusive
     * @param high inclusive
     * @return column BETWEEN low AND high
     */
    public RunFilter between(double low, double high) {
        return between(Validator.finiteDecimal(field.getName(), low), Validator.finiteDecimal(field.getName(), high));
    }
}
