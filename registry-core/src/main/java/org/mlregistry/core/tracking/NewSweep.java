package org.mlregistry.core.tracking;

import org.mlregistry.core.internal.TrackingLimits;
import org.mlregistry.core.internal.Validator;
import org.mlregistry.schema.types.Framework;

/**
 * A sweep to start: many trials of one model + experiment + dataset; validated on construction.
 *
 * <pre>{@code
 * NewSweep sweep = NewSweep.builder().name("lr-search").model("resnet50").framework(Framework.PYTORCH)
 *         .experiment("exp-1").dataset("imagenet-1k").computeTarget("k8s-gpu-a100")
 *         .parameters("{\"epochs\": 10}").build();
 * }</pre>
 *
 * @param name the sweep's name, unique in its experiment (1 to 64 letters, digits, {@code _ . -})
 * @param modelName model every trial trains, non-blank
 * @param framework what each trial records in training_runs.framework
 * @param frameworkName the trials' framework when it is not one of lab 01's six (e.g.
 *     {@code lightgbm}; framework is then the stand-in), or null
 * @param experimentName experiment, non-blank
 * @param dataset dataset every trial trains on, non-blank
 * @param computeTarget queue the trials wait in, non-blank
 * @param parametersJson parameters every trial starts from, a JSON object text ({@code {}} when null)
 */
public record NewSweep(String name, String modelName, Framework framework, FrameworkName frameworkName,
        String experimentName, String dataset, String computeTarget, String parametersJson) {

    /**
     * Validates; throws {@link org.mlregistry.core.error.InvalidValueException} naming the field and value.
     *
     * @param name the sweep's name
     * @param modelName model, non-blank
     * @param framework lab 01 framework
     * @param frameworkName framework beyond lab 01's six, or null
     * @param experimentName experiment, non-blank
     * @param dataset dataset, non-blank
     * @param computeTarget queue, non-blank
     * @param parametersJson base parameters, a JSON object text, or null
     */
    public NewSweep {
        TrackingLimits.sweepName(name);
        Validator.name("model_name", modelName);
        Validator.required("framework", framework);
        if (frameworkName != null) {
            RunFrameworks.checkAgrees(frameworkName, framework);
        }
        TrackingLimits.experimentName(experimentName);
        Validator.name("dataset", dataset);
        Validator.name("compute_target", computeTarget);
        parametersJson = parametersJson == null ? "{}" : Validator.jsonObject("parameters", parametersJson);
    }

    /**
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects the fields of a {@link NewSweep}; {@link #build()} validates them. */
    public static final class Builder {
        private String name;
        private String modelName;
        private Framework framework;
        private FrameworkName frameworkName;
        private String experimentName;
        private String dataset;
        private String computeTarget;
        private String parametersJson;

        private Builder() {
        }

        /**
         * @param value the sweep's name
         * @return this
         */
        public Builder name(String value) {
            this.name = value;
            return this;
        }

        /**
         * @param value model name
         * @return this
         */
        public Builder model(String value) {
            this.modelName = value;
            return this;
        }

        /**
         * @param value lab 01 framework
         * @return this
         */
        public Builder framework(Framework value) {
            this.framework = value;
            return this;
        }

        /**
         * A framework beyond lab 01's six; {@link #framework(Framework)} is then the stand-in the
         * lab's column records.
         *
         * @param value the framework's name
         * @return this
         */
        public Builder frameworkName(FrameworkName value) {
            this.frameworkName = value;
            return this;
        }

        /**
         * @param value experiment name
         * @return this
         */
        public Builder experiment(String value) {
            this.experimentName = value;
            return this;
        }

        /**
         * @param value dataset
         * @return this
         */
        public Builder dataset(String value) {
            this.dataset = value;
            return this;
        }

        /**
         * @param value compute target
         * @return this
         */
        public Builder computeTarget(String value) {
            this.computeTarget = value;
            return this;
        }

        /**
         * @param json parameters every trial starts from, a JSON object text
         * @return this
         */
        public Builder parameters(String json) {
            this.parametersJson = json;
            return this;
        }

        /**
         * @return the validated sweep
         */
        public NewSweep build() {
            return new NewSweep(name, modelName, framework, frameworkName, experimentName, dataset, computeTarget,
                    parametersJson);
        }
    }
}
