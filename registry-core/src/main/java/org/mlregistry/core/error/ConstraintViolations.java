package org.mlregistry.core.error;

import java.util.HashMap;
import java.util.Map;
import org.jooq.exception.DataAccessException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Translates PostgreSQL's refusals (SQLState class 23, integrity constraint violation) into
 * {@link ConstraintViolationException}s that name the field and the rule. Rules are registered
 * per constraint name by {@link ConstraintRules}.
 */
public final class ConstraintViolations {

    private static final Map<String, ConstraintRules.Rule> RULES = new HashMap<>();

    static {
        ConstraintRules.registerAll(RULES);
    }

    private ConstraintViolations() {
    }

    /** The typed error for e, or e itself when it is not a constraint violation. */
    public static RuntimeException translate(DataAccessException e) {
        ServerErrorMessage server = serverMessage(e);
        if (server == null || server.getSQLState() == null || !server.getSQLState().startsWith("23")) {
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
