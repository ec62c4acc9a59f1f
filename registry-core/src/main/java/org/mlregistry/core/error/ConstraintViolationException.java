package org.mlregistry.core.error;

/** The database refused a write because of the named constraint; nothing was written. */
public class ConstraintViolationException extends InvalidValueException {

    /** The name of the violated constraint. */
    private final String constraint;

    /**
     * @param constraint the name of the violated constraint, as the database reports it
     * @param field the column or columns the constraint covers
     * @param value the refused value, or null when the database did not report it
     * @param rule the rule in words; the message appends the constraint's name to it
     * @param cause the database's refusal
     */
    public ConstraintViolationException(String constraint, String field, Object value, String rule, Throwable cause) {
        super(field, value, rule + " (constraint " + constraint + ")", cause);
        this.constraint = constraint;
    }

    /** @return the name of the violated constraint, as the database reports it */
    public String constraint() {
        return constraint;
    }
}
