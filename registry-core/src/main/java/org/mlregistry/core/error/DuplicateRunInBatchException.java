package org.mlregistry.core.error;

/**
 * A run of a batch repeats the model, experiment and dataset of a run created on the same (UTC)
 * day, already stored or earlier in the same batch (constraint {@code unique_daily_run}); nothing
 * of the batch was written.
 */
public class DuplicateRunInBatchException extends DuplicateRunException {

    /** The offending run's position in the batch, from 0. */
    private final int index;
    /** The offending run's model, experiment and dataset. */
    private final String key;

    /**
     * @param index the offending run's position in the batch, from 0
     * @param key the run's model, experiment and dataset, as {@code model/experiment/dataset}
     */
    public DuplicateRunInBatchException(int index, String key) {
        super("unique_daily_run", null);
        this.index = index;
        this.key = key;
    }

    @Override
    public String getMessage() {
        return "runs[" + index + "] (" + key + "): " + super.getMessage();
    }

    /** @return the offending run's position in the batch, from 0 */
    public int index() {
        return index;
    }

    /** @return the offending run's model, experiment and dataset, as {@code model/experiment/dataset} */
    public String key() {
        return key;
    }
}
