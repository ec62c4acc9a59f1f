package org.mlregistry.core.internal;

import java.util.HashMap;
import java.util.Map;
import org.jooq.exception.DataAccessException;
import org.mlregistry.core.error.ConstraintViolationException;
import org.mlregistry.core.error.InvalidValueException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Translates PostgreSQL's refusals (SQLState class 23, integrity constraint violation) into
 * {@link ConstraintViolationException}s that name the field and the rule. Rules are registered
 * per constraint name by {@link ConstraintRules}. As a backstop for values Java does not check,
 * invalid text representations (SQLState 22P02) and numeric overflows (22003) become
 * {@link InvalidValueException}s naming the column when the server reports one, else {@code value}.
 */
public final class ConstraintViolations {

    /** SQLState 22P02: e.g. malformed JSON for a jsonb column. */
    private static final String INVALID_TEXT_REPRESENTATION = "22P02";
    /** SQLState 22003: e.g. a number that overflows its NUMERIC(p, s) column. */
    private static final String NUMERIC_VALUE_OUT_OF_RANGE = "22003";

    private static final Map<String, ConstraintRules.Rule> RULES = new HashMap<>();

    static {
        ConstraintRules.registerAll(RULES);
    }

    private ConstraintViolations() {
    }

    /**
     * The typed error for e, or e itself when it is not a constraint violation.
     *
     * @param e a failed statement, as jOOQ reports it
     * @return a {@link ConstraintViolationException} or {@link InvalidValueException} (not thrown), or e
     */
    public static RuntimeException translate(DataAccessException e) {
        ServerErrorMessage server = serverMessage(e);
        if (server == null || server.getSQLState() == null) {
            return e;
        }
        if (INVALID_TEXT_REPRESENTATION.equals(server.getSQLState()) || NUMERIC_VALUE_OUT_OF_RANGE.equals(server.getSQLState())) {
            // a value Java did not check: malformed input (e.g. JSON) or a number too large for its column
            String field = server.getColumn() != null ? server.getColumn() : "value";
            return new InvalidValueException(field, null, "is refused: " + server.getMessage()
                    + (server.getDetail() != null ? " (" + server.getDetail() + ")" : ""), e);
        }
        if (!server.getSQLState().startsWith("23")) {
            return e;
        }
        String constraint = server.getConstraint();
        ConstraintRules.Rule rule = null;
        if (constraint != null) {
            // Both schemas have a training_runs table with some equal constraint names: prefer schema.table.constraint.
            if (server.getSchema() != null) {
                rule = RULES.get(server.getSchema() + "." + server.getTable() + "." + constraint);
            }
            if (rule == null) {
                rule = RULES.get(server.getTable() + "." + constraint);
            }
        }
        if (rule == null) {
            String field = server.getColumn() != null ? server.getColumn() : constraint;
            return new ConstraintViolationException(constraint, field, null, "is refused: " + server.getMessage(), e);
        }
        return rule.exception(constraint, e);
    }

    private static ServerErrorMessage serverMessage(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
                return psql.getServerErrorMessage();
            }
        }
        return null;
    }
}
