package org.mlregistry.core.error;

/**
 * A guarded bulk change would have touched a different number of rows than its preview counted
 * (rows changed in between); the change was rolled back and nothing was written.
 */
public class BulkChangeMismatchException extends RefusedException {

    /** Rows the preview counted. */
    private final long previewed;
    /** Rows the change touched before it was rolled back. */
    private final long actual;

    /**
     * @param previewed rows the preview counted
     * @param actual rows the change touched before it was rolled back
     */
    public BulkChangeMismatchException(long previewed, long actual) {
        super("Bulk change rolled back: the preview counted " + previewed + " rows but the change touched " + actual);
        this.previewed = previewed;
        this.actual = actual;
    }

    /** @return rows the preview counted */
    public long previewed() {
        return previewed;
    }

    /** @return rows the change touched before it was rolled back */
    public long actual() {
        return actual;
    }
}
