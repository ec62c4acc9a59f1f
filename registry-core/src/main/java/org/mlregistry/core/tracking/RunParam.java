package org.mlregistry.core.tracking;

import static org.mlregistry.core.tracking.Runs.T;

import org.mlregistry.core.internal.Validator;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.mlregistry.core.internal.JsonText;

/** One top-level key of {@code parameters}, compared as a chosen type. */
public final class RunParam {
    private final String key;

    RunParam(String key) {
        this.key = key;
    }

    /**
     * @param value text
     * @return parameters contain {@code {key: value}} (GIN-indexable)
     */
    public RunFilter eq(String value) {
        return RunFilter.contains(JsonText.object(key, JsonText.quote(Validator.filterText("value", value))));
    }

    /**
     * @param value number
     * @return parameters contain {@code {key: value}} (GIN-indexable)
     */
    public RunFilter eq(long value) {
        return RunFilter.contains(JsonText.object(key, String.valueOf(value)));
    }

    /**
     * @param value boolean
     * @return parameters contain {@code {key: value}} (GIN-indexable)
     */
    public RunFilter eq(boolean value) {
        return RunFilter.contains(JsonText.object(key, String.valueOf(value)));
    }

    /**
     * @return the value as text ({@code parameters ->> key}); NULL when absent
     */
    public TextRunColumn asText() {
        return new TextRunColumn(DSL.field("({0} ->> {1})", SQLDataType.CLOB, T.PARAMETERS, DSL.val(key)));
    }

    /**
     * @return the value as a whole number; NULL (so no comparison matches) when absent, not a
     *     JSON number, or not whole
     */
    public WholeRunColumn asInt() {
        return new WholeRunColumn(DSL.field(
                "(CASE WHEN jsonb_typeof({0} -> {1}) = 'number' AND ({0} ->> {1}) ~ '^-?[0-9]+$' "
                        + "THEN ({0} ->> {1})::bigint END)",
                SQLDataType.BIGINT, T.PARAMETERS, DSL.val(key)));
    }

    /**
     * @return the value as a number; NULL when absent or not a JSON number
     */
    public NumericRunColumn asNumber() {
        return new NumericRunColumn(DSL.field(
                "(CASE WHEN jsonb_typeof({0} -> {1}) = 'number' THEN ({0} ->> {1})::numeric END)",
                SQLDataType.NUMERIC, T.PARAMETERS, DSL.val(key)));
    }

    /**
     * @return the value as a boolean; NULL when absent or not a JSON boolean
     */
    public RunColumn<Boolean> asBoolean() {
        return new RunColumn<>(DSL.field(
                "(CASE WHEN jsonb_typeof({0} -> {1}) = 'boolean' THEN ({0} ->> {1})::boolean END)",
                SQLDataType.BOOLEAN, T.PARAMETERS, DSL.val(key)));
    }
}
