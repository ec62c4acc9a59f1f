package org.mlregistry.core.tracking;

import static org.mlregistry.core.tracking.Runs.T;

import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.mlregistry.core.error.BulkChangeMismatchException;

/**
 * A guarded bulk change of the runs a {@link RunSearch} matches: first {@link #preview(int)}
 * (count and sample rows), then apply the preview ({@link Preview#archive()} or
 * {@link Preview#delete()}). The apply runs in one transaction and rolls back with a
 * {@link BulkChangeMismatchException} when it touches a different number of rows than previewed.
 *
 * <pre>{@code
 * BulkChange.Preview p = runs.retention(RetentionPolicy.FAILED_AFTER_90_DAYS).bulk().preview(10);
 * log(p.count(), p.sample());
 * p.archive();
 * }</pre>
 */
public final class BulkChange {

    private final Runs runs;
    private final Condition condition;

    BulkChange(Runs runs, Condition condition) {
        this.runs = runs;
        this.condition = condition;
    }

    /**
     * Counts the matching runs and reads a sample, in one transaction.
     *
     * @param sampleSize at most this many sample rows (newest first), 0..10000
     * @return the preview, from which the change is applied
     */
    public Preview preview(int sampleSize) {
        if (sampleSize != 0) {
            RunSearch.checkSize(sampleSize);
        }
        return runs.tx(ctx -> {
            long count = ctx.fetchCount(T, condition);
            List<Run> sample = sampleSize == 0 ? List.of()
                    : ctx.selectFrom(T).where(condition).orderBy(RunOrder.NEWEST_FIRST.sortFields())
                            .limit(sampleSize).fetch().map(Run::from);
            return new Preview(runs, condition, count, sample);
        });
    }

    /**
     * What a bulk change would touch; apply it with {@link #archive()} or {@link #delete()}.
     */
    public static final class Preview {
        private final Runs runs;
        private final Condition condition;
        private final long count;
        private final List<Run> sample;

        Preview(Runs runs, Condition condition, long count, List<Run> sample) {
            this.runs = runs;
            this.condition = condition;
            this.count = count;
            this.sample = List.copyOf(sample);
        }

        /**
         * @return how many runs matched at preview time
         */
        public long count() {
            return count;
        }

        /**
         * @return up to the requested number of matching runs, newest first
         */
        public List<Run> sample() {
            return sample;
        }

        /**
         * Soft delete: sets {@code archived_at = now()} on the previewed runs (already archived
         * ones keep their time and still count).
         *
         * @return the number of runs touched, equal to {@link #count()}
         * @throws BulkChangeMismatchException (after rollback) if the number differs
         */
        public long archive() {
            return guarded(ctx -> ctx.update(T)
                    .set(T.ARCHIVED_AT, DSL.coalesce(T.ARCHIVED_AT, DSL.currentOffsetDateTime()))
                    .where(condition).execute());
        }

        /**
         * Hard delete of the previewed runs.
         *
         * @return the number of runs deleted, equal to {@link #count()}
         * @throws BulkChangeMismatchException (after rollback) if the number differs
         */
        public long delete() {
            return guarded(ctx -> ctx.deleteFrom(T).where(condition).execute());
        }

        private long guarded(java.util.function.ToIntFunction<DSLContext> change) {
            return runs.tx(ctx -> {
                long touched = change.applyAsInt(ctx);
                if (touched != count) {
                    throw new BulkChangeMismatchException(count, touched);
                }
                return touched;
            });
        }
    }
}
