package org.mlregistry.core.error;

import java.util.Set;
import java.util.TreeSet;

/**
 * A cost report with rates per compute target met targets that have no rate, and no default rate was
 * given ({@code analytics.Costs.UnknownTargetStep.failOnUnknown()}). No partial result is returned.
 */
public class UnknownRateException extends RefusedException {

    /** The targets without a rate, as text. */
    private final Set<String> targets;

    /**
     * Creates the error.
     *
     * @param targets the targets without a rate, as text
     */
    public UnknownRateException(Set<String> targets) {
        super("no rate for compute target(s) " + new TreeSet<>(targets)
            + "; add their rates or choose a default rate with orDefault(...)");
        this.targets = Set.copyOf(targets);
    }

    /**
     * The targets without a rate.
     *
     * @return their values as text
     */
    public Set<String> targets() {
        return targets;
    }
}
