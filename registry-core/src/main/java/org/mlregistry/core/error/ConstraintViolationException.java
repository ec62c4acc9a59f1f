package org.mlregistry.core.error;

/** The database refused a write because of the named constraint; nothing was written. */
public class ConstraintViolationException extends InvalidValueException {

    private final String constraint;

    public ConstraintViolationException(String constraint, String field, Object value, String rule, Throwable cause) {
        super(field, value, rule + " (constraint " + constraint + ")", cause);
        this.constraint = constraint;
    }

    public String constraint() {
        return constraint;
    }
}
