package org.mlregistry.core.tracking;

import org.mlregistry.core.internal.Validator;
import org.mlregistry.schema.types.Framework;

/**
 * A run to submit; validated on construction (names non-blank, framework set, parameters a JSON
 * object), so an invalid run never reaches the database.
 *
 * <pre>{@code
 * NewRun run = NewRun.builder().model("resnet50").framework(Framework.PYTORCH)
 *         .experiment("exp-1").dataset("imagenet-1k").computeTarget("k8s-gpu-a100")
 *         .parameters("{\"batch_size\": 64}").build();
 * }</pre>
 *
 * @param modelName model to train, non-blank
 * @param framework ML framework
 * @param experimentName experiment, non-blank
 * @param dataset dataset, non-blank
 * @param computeTarget queue the run waits in, non-blank
 * @param parametersJson hyperparameters as a JSON object text ({@code {}} when null)
 * @param notes free text, or null
 */
public record NewRun(String modelName, Framework framework, String experimentName, String dataset,
        String computeTarget, String parametersJson, String notes) {

    /**
     * Validates; throws {@link org.mlregistry.core.error.InvalidValueException} naming the field and value.
     *
     * @param modelName model to train, non-blank
     * @param framework ML framework
     * @param experimentName experiment, non-blank
     * @param dataset dataset, non-blank
     * @param computeTarget queue the run waits in, non-blank
     * @param parametersJson hyperparameters as a JSON object text ({@code {}} when null)
     * @param notes free text, or null
     */
    public NewRun {
        Validator.name("model_name", modelName);
        Validator.required("framework", framework);
        Validator.name("experiment_name", experimentName);
        Validator.name("dataset", dataset);
        Validator.name("compute_target", computeTarget);
        Validator.optionalText("notes", notes);
        parametersJson = parametersJson == null ? "{}" : Validator.jsonObject("parameters", parametersJson);
    }

    /**
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects the fields of a {@link NewRun}; {@link #build()} validates them. */
    public static final class Builder {
        private String modelName;
        private Framework framework;
        private String experimentName;
        private String dataset;
        private String computeTarget;
        private String parametersJson;
        private String notes;

        private Builder() {
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
         * @param value framework
         * @return this
         */
        public Builder framework(Framework value) {
            this.framework = value;
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
         * @param json hyperparameters, a JSON object text
         * @return this
         */
        public Builder parameters(String json) {
            this.parametersJson = json;
            return this;
        }

        /**
         * @param value notes
         * @return this
         */
        public Builder notes(String value) {
            this.notes = value;
            return this;
        }

        /**
         * @return the validated run
         */
        public NewRun build() {
            return new NewRun(modelName, framework, experimentName, dataset, computeTarget, parametersJson, notes);
        }
    }
}
