package org.mlregistry.core.tracking;

import java.math.BigDecimal;
import org.mlregistry.core.internal.Validator;

/**
 * Final metrics of a run, each optional (null); accuracy, precision, recall and F1 are validated
 * to lie in [0, 1] on construction, before any round trip.
 *
 * @param accuracy accuracy in [0, 1], or null
 * @param loss final loss, |loss| &lt; 1000, or null
 * @param precision precision in [0, 1], or null
 * @param recall recall in [0, 1], or null
 * @param f1 F1 in [0, 1], or null (derived from precision and recall by {@link Runs#deriveF1()})
 */
public record Metrics(Double accuracy, Double loss, Double precision, Double recall, Double f1) {

    /**
     * Validates every value; throws {@link org.mlregistry.core.error.InvalidValueException} naming the field.
     *
     * @param accuracy accuracy in [0, 1], or null
     * @param loss final loss, or null
     * @param precision precision in [0, 1], or null
     * @param recall recall in [0, 1], or null
     * @param f1 F1 in [0, 1], or null
     */
    public Metrics {
        Validator.unitInterval("accuracy", accuracy);
        Validator.loss(loss);
        Validator.unitInterval("precision_score", precision);
        Validator.unitInterval("recall_score", recall);
        Validator.unitInterval("f1_score", f1);
    }

    /**
     * @return metrics with nothing set
     */
    public static Metrics none() {
        return new Metrics(null, null, null, null, null);
    }

    /**
     * @param value accuracy in [0, 1]
     * @return a copy with accuracy set
     */
    public Metrics withAccuracy(double value) {
        return new Metrics(value, loss, precision, recall, f1);
    }

    /**
     * @param value final loss
     * @return a copy with loss set
     */
    public Metrics withLoss(double value) {
        return new Metrics(accuracy, value, precision, recall, f1);
    }

    /**
     * @param value precision in [0, 1]
     * @return a copy with precision set
     */
    public Metrics withPrecision(double value) {
        return new Metrics(accuracy, loss, value, recall, f1);
    }

    /**
     * @param value recall in [0, 1]
     * @return a copy with recall set
     */
    public Metrics withRecall(double value) {
        return new Metrics(accuracy, loss, precision, value, f1);
    }

    /**
     * @param value F1 in [0, 1]
     * @return a copy with F1 set
     */
    public Metrics withF1(double value) {
        return new Metrics(accuracy, loss, precision, recall, value);
    }

    BigDecimal accuracyValue() {
        return Validator.unitInterval("accuracy", accuracy);
    }

    BigDecimal lossValue() {
        return Validator.loss(loss);
    }

    BigDecimal precisionValue() {
        return Validator.unitInterval("precision_score", precision);
    }

    BigDecimal recallValue() {
        return Validator.unitInterval("recall_score", recall);
    }

    BigDecimal f1Value() {
        return Validator.unitInterval("f1_score", f1);
    }
}
