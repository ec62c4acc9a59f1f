package org.mlregistry.core.error;

/**
 * A value breaks a rule of the schema. Thrown before the round trip when Java knows the rule,
 * and translated from the database's refusal otherwise; in both cases nothing was written.
 */
public class InvalidValueException extends RegistryException {

    private final String field;
    private final Object value;
    private final String rule;

    public InvalidValueException(String field, Object value, String rule) {
        this(field, value, rule, null);
    }

    public InvalidValueException(String field, Object value, String rule, Throwable cause) {
        super(field + " " + rule + ", got " + (value instanceof CharSequence ? "'" + value + "'" : value), cause);
        this.field = field;
        this.value = value;
        this.rule = rule;
    }

    /** The column or parameter, e.g. {@code accuracy}. */
    public String field() {
        return field;
    }

    /** The refused value, or null when the database did not report it. */
    public Object value() {
        return value;
    }

    /** The rule in words, e.g. {@code must be within [0, 1]}. */
    public String rule() {
        return rule;
    }
}
