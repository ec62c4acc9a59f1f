package org.mlregistry.examples.cookbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.mlregistry.core.Registry;
import org.mlregistry.core.error.BulkChangeMismatchException;
import org.mlregistry.core.tracking.BulkChange;
import org.mlregistry.core.tracking.RetentionPolicy;
import org.mlregistry.core.tracking.Run;
import org.mlregistry.core.tracking.RunSearch;

/**
 * Cookbook: the nightly retention job of lab 01, Part 6. For each {@link RetentionPolicy} (failed,
 * cancelled and timed-out runs after 90 days; other non-succeeded runs after 1 year; succeeded runs
 * after 2 years) it previews what the policy selects (count and a sample), then applies it as a soft
 * delete (archive marker; archived runs drop out of searches) or a hard delete.
 *
 * <p>The guard: the apply runs in one transaction and rolls back with a
 * {@link BulkChangeMismatchException} if it would touch a different number of runs than previewed
 * (runs arrived or changed in between). The job then reports the policy as refused and applies
 * nothing for it; the next run of the job previews afresh.
 *
 * <pre>{@code
 * List<PolicyOutcome> dryRun = RetentionJobCookbook.previewAll(registry, Mode.ARCHIVE, 5); // writes nothing
 * List<PolicyOutcome> done = RetentionJobCookbook.run(registry, Mode.ARCHIVE, 5);
 * }</pre>
 *
 * The policies overlap (a failed run older than a year matches the first two), so the job previews
 * each policy right before applying it: runs an earlier policy already archived or deleted are no
 * longer live and are not counted again. A dry run ({@link #previewAll}) counts each policy on its own.
 */
public final class RetentionJobCookbook {

    private RetentionJobCookbook() {
    }

    /** How a policy is applied. */
    public enum Mode {
        /** Soft delete: sets {@code archived_at}; the rows stay. Archived runs are not selected again. */
        ARCHIVE,
        /** Hard delete: removes the rows, archived ones included. */
        DELETE
    }

    /**
     * What the job did (or would do) for one policy.
     *
     * @param policy the policy
     * @param previewed runs the preview counted
     * @param sample up to the requested number of them, newest first
     * @param applied runs archived or deleted (0 in a dry run or when refused)
     * @param refusedByGuard whether the guard rolled the apply back
     */
    public record PolicyOutcome(RetentionPolicy policy, long previewed, List<Run> sample, long applied,
            boolean refusedByGuard) {
        /** Copies the sample. */
        public PolicyOutcome {
            sample = List.copyOf(sample);
        }
    }

    /**
     * The runs a policy selects in a mode: live runs for {@link Mode#ARCHIVE}, archived ones too for
     * {@link Mode#DELETE}.
     *
     * @param registry the registry
     * @param policy the policy
     * @param mode the mode
     * @return the search
     */
    public static RunSearch selection(Registry registry, RetentionPolicy policy, Mode mode) {
        RunSearch search = registry.runs().retention(policy);
        return mode == Mode.DELETE ? search.includeArchived() : search;
    }

    /**
     * Dry run: previews every policy, writes nothing.
     *
     * @param registry the registry
     * @param mode the mode the job would run in
     * @param sampleSize sample rows per policy, 0..10000
     * @return one outcome per policy, nothing applied
     */
    public static List<PolicyOutcome> previewAll(Registry registry, Mode mode, int sampleSize) {
        List<PolicyOutcome> outcomes = new ArrayList<>();
        for (RetentionPolicy policy : RetentionPolicy.values()) {
            BulkChange.Preview p = selection(registry, policy, mode).bulk().preview(sampleSize);
            outcomes.add(new PolicyOutcome(policy, p.count(), p.sample(), 0, false));
        }
        return outcomes;
    }

    /**
     * Applies a preview in a mode, under the guard.
     *
     * @param policy the policy previewed
     * @param preview its preview
     * @param mode the mode
     * @return the outcome: applied, or refused by the guard (then nothing was written)
     */
    public static PolicyOutcome apply(RetentionPolicy policy, BulkChange.Preview preview, Mode mode) {
        Objects.requireNonNull(preview, "preview");
        try {
            long applied = preview.count() == 0 ? 0 : mode == Mode.ARCHIVE ? preview.archive() : preview.delete();
            return new PolicyOutcome(policy, preview.count(), preview.sample(), applied, false);
        } catch (BulkChangeMismatchException e) {
            return new PolicyOutcome(policy, preview.count(), preview.sample(), 0, true);
        }
    }

    /**
     * The job: for each policy in turn, preview, then apply under the guard.
     *
     * @param registry the registry
     * @param mode archive or hard delete
     * @param sampleSize sample rows per policy, 0..10000
     * @return one outcome per policy, in {@link RetentionPolicy} order
     */
    public static List<PolicyOutcome> run(Registry registry, Mode mode, int sampleSize) {
        Objects.requireNonNull(mode, "mode");
        List<PolicyOutcome> outcomes = new ArrayList<>();
        for (RetentionPolicy policy : RetentionPolicy.values()) {
            BulkChange.Preview preview = selection(registry, policy, mode).bulk().preview(sampleSize);
            outcomes.add(apply(policy, preview, mode));
        }
        return outcomes;
    }
}
