package org.mlregistry.core.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.mlregistry.core.error.ConstraintViolationException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Translates PostgreSQL's refusals of SQLState class 23 (integrity constraint violation) into
 * {@link ConstraintViolationException}s that name the field and the rule. Rules are registered
 * per constraint name by {@link ConstraintRules}. {@link DatabaseFailures} calls it for class 23
 * and handles every other SQLState.
 */
public final class ConstraintViolations {

    private static final Map<String, ConstraintRules.Rule> RULES = new HashMap<>();

    static {
        ConstraintRules.registerAll(RULES);
    }

    private ConstraintViolations() {
    }

    /**
     * The typed error for a constraint violation.
     *
     * @param server the server's report of the violation, or null when the driver gave none
     * @param cause the failed statement, as jOOQ or the driver reported it
     * @return a {@link ConstraintViolationException} (or a subclass a rule names), not thrown
     */
    static ConstraintViolationException translate(ServerErrorMessage server, Throwable cause) {
        return translate(server, cause, UnaryOperator.identity());
    }

    /**
     * As {@link #translate(ServerErrorMessage, Throwable)}, on schemas a service renamed.
     *
     * @param server the server's report of the violation, or null when the driver gave none
     * @param cause the failed statement, as jOOQ or the driver reported it
     * @param schemaName the library's name ({@code tracking}, {@code registry}) of the schema the server names
     * @return a {@link ConstraintViolationException} (or a subclass a rule names), not thrown
     */
    static ConstraintViolationException translate(ServerErrorMessage server, Throwable cause, UnaryOperator<String> schemaName) {
        String constraint = server == null ? null : server.getConstraint();
        ConstraintRules.Rule rule = null;
        if (constraint != null) {
            // Both schemas have a training_runs table with some equal constraint names: prefer schema.table.constraint.
            if (server.getSchema() != null) {
                rule = RULES.get(schemaName.apply(server.getSchema()) + "." + server.getTable() + "." + constraint);
            }
            if (rule == null) {
                rule = RULES.get(server.getTable() + "." + constraint);
            }
        }
        if (rule == null) {
            String field = server != null && server.getColumn() != null ? server.getColumn() : constraint;
            String said = server == null ? "constraint violated" : server.getMessage();
            return new ConstraintViolationException(constraint, field, null, "is refused: " + said, cause);
        }
        return rule.exception(constraint, cause);
    }
}
