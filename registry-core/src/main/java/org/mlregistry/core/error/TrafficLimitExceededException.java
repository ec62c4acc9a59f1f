package org.mlregistry.core.error;


/**
 * The active deployments of one model in one environment would together receive more than 100 %
 * of the traffic; nothing was written.
 */
public class TrafficLimitExceededException extends InvalidValueException {

    /** The model's name. */
    private final String model;
    /** The environment's name. */
    private final String environment;
    /** Traffic percentage the other active deployments hold. */
    private final int alreadyAllocated;

    /**
     * @param model the model's name
     * @param environment the environment's name
     * @param alreadyAllocated traffic percentage the other active deployments hold
     * @param requested the refused traffic percentage
     */
    public TrafficLimitExceededException(String model, String environment, int alreadyAllocated, int requested) {
        super("traffic_percentage", requested, "must keep the active traffic of model " + model + " in " + environment
                + " within 100 % (" + alreadyAllocated + " % already allocated)");
        this.model = model;
        this.environment = environment;
        this.alreadyAllocated = alreadyAllocated;
    }

    /**
     * The model's name.
     *
     * @return the name of the model whose traffic would exceed 100 %
     */
    public String model() {
        return model;
    }

    /**
     * The environment's name.
     *
     * @return the name of the environment
     */
    public String environment() {
        return environment;
    }

    /**
     * Traffic percentage the other active deployments of the model in the environment hold.
     *
     * @return the percentage already allocated to them
     */
    public int alreadyAllocated() {
        return alreadyAllocated;
    }
}
