package org.mlregistry.core.error;

/**
 * A row of a CSV import breaks a rule of the API (the same rules as {@code submit} and
 * {@code record}); the whole import was refused and nothing was written. {@link #field()} names the
 * column, {@link #line()} the line of the CSV where the row starts.
 */
public class CsvRowRefusedException extends InvalidValueException {

    /** The line (from 1, the header being line 1) where the refused row starts. */
    private final long line;

    /**
     * @param line the line where the refused row starts
     * @param refusal the rule the row's value broke
     */
    public CsvRowRefusedException(long line, InvalidValueException refusal) {
        super(refusal.field(), refusal.value(), refusal.rule() + " (CSV line " + line + ")", refusal);
        this.line = line;
    }

    /**
     * The line (from 1, the header being line 1) where the refused row starts.
     *
     * @return the line number
     */
    public long line() {
        return line;
    }
}
