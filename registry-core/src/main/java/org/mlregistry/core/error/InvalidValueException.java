package org.mlregistry.core.error;

/**
 * A value breaks a rule of the schema. Thrown before the round trip when Java knows the rule,
 * and translated from the database's refusal otherwise; in both cases nothing was written.
 */
public class InvalidValueException extends RefusedException {

    /** Characters of a refused value that a message shows. */
    private static final int SHOWN = 64;

    /** The column or parameter. */
    private final String field;
    /** The refused value, or null when unknown. */
    private final Object value;
    /** The rule in words. */
    private final String rule;

    /**
     * @param field the column or parameter, e.g. {@code accuracy}
     * @param value the refused value, or null when it is not known
     * @param rule the rule in words, e.g. {@code must be within [0, 1]}
     */
    public InvalidValueException(String field, Object value, String rule) {
        this(field, value, rule, null);
    }

    /**
     * @param field the column or parameter, e.g. {@code accuracy}
     * @param value the refused value, or null when it is not known
     * @param rule the rule in words, e.g. {@code must be within [0, 1]}
     * @param cause the database's refusal, or null when Java refused the value
     */
    public InvalidValueException(String field, Object value, String rule, Throwable cause) {
        super(field + " " + rule + (value == null ? "" : ", got " + shortened(value)), cause);
        this.field = field;
        this.value = value;
        this.rule = rule;
    }

    /**
     * The column or parameter, e.g. {@code accuracy}.
     *
     * @return the column or parameter name
     */
    public String field() {
        return field;
    }

    /**
     * The refused value, or null when the database did not report it.
     *
     * @return the value as given, or null
     */
    public Object value() {
        return value;
    }

    /**
     * The rule in words, e.g. {@code must be within [0, 1]}.
     *
     * @return the broken rule
     */
    public String rule() {
        return rule;
    }

    /** At most {@value #SHOWN} characters of the value, quoted when it is text, with its length when cut. */
    static String shortened(Object value) {
        String text = String.valueOf(value);
        String shown = text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "…(" + text.length() + " chars)";
        return value instanceof CharSequence ? "'" + shown + "'" : shown;
    }
}
