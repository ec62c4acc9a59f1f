package org.mlregistry.core.tracking;

import java.util.Arrays;
import java.util.Optional;
import org.mlregistry.core.internal.TrackingLimits;
import org.mlregistry.schema.types.Framework;

/**
 * The framework of a run by name: one of lab 01's six ({@link Framework}, what
 * {@code training_runs.framework} allows) or another one, e.g. {@code lightgbm}, {@code catboost},
 * {@code huggingface}, kept in {@code tracking.run_frameworks} beside the run.
 *
 * @param name 1 to 64 lowercase letters, digits, {@code _ . + -}, starting with a letter or digit
 */
public record FrameworkName(String name) {

    /**
     * Validates the name.
     *
     * @param name the framework's name
     */
    public FrameworkName {
        TrackingLimits.frameworkName(name);
    }

    /**
     * @param name a framework's name
     * @return the name, validated
     */
    public static FrameworkName of(String name) {
        return new FrameworkName(name);
    }

    /**
     * @param framework one of lab 01's frameworks
     * @return its name, e.g. {@code pytorch}
     */
    public static FrameworkName of(Framework framework) {
        return new FrameworkName(framework.getLiteral());
    }

    /**
     * @return the lab 01 framework of this name, or empty when it is not one of the six
     */
    public Optional<Framework> known() {
        return Arrays.stream(Framework.values()).filter(f -> f.getLiteral().equals(name)).findFirst();
    }
}
