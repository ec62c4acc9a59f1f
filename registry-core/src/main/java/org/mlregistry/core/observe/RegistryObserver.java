package org.mlregistry.core.observe;

import java.util.List;
import java.util.Objects;

/**
 * Told about every registry operation once it finished; set with
 * {@code Registry.configure().observer(...)}. {@link MicrometerObserver} records them as
 * Micrometer metrics; a service may write its own (tracing, a log line per slow call).
 *
 * <p>Called on the thread that ran the operation, after its transaction ended, so it must be
 * quick and thread-safe. An exception it throws is logged and otherwise ignored: observing never
 * changes what the operation returns or throws. Without an observer the registry does none of
 * this work.
 */
@FunctionalInterface
public interface RegistryObserver {

    /**
     * An operation finished.
     *
     * @param event its name, outcome, duration and statement count
     */
    void operationFinished(OperationEvent event);

    /**
     * Tells each of the given observers, in order.
     *
     * @param observers the observers
     * @return one observer telling all of them
     */
    static RegistryObserver all(RegistryObserver... observers) {
        List<RegistryObserver> each = List.of(observers);
        each.forEach(o -> Objects.requireNonNull(o, "observer"));
        return event -> each.forEach(o -> o.operationFinished(event));
    }
}
