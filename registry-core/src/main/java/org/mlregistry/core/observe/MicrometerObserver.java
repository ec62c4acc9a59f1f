package org.mlregistry.core.observe;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;

/**
 * Records registry operations as Micrometer metrics:
 * <ul>
 *   <li>{@value #TIMER}, a {@link Timer} tagged {@code operation}, {@code outcome} and
 *       {@code exception} (see {@link OperationEvent});</li>
 *   <li>{@value #STATEMENTS}, a {@link DistributionSummary} of the statements each operation ran,
 *       tagged {@code operation} and {@code outcome}.</li>
 * </ul>
 * Micrometer is an optional dependency of mlregistry: a service that uses this class has
 * {@code io.micrometer:micrometer-core} on its classpath already (Spring Boot's actuator brings it).
 *
 * <pre>{@code
 * Registry registry = Registry.configure().dataSource(pool)
 *         .observer(MicrometerObserver.of(meterRegistry))
 *         .load();
 * }</pre>
 */
public final class MicrometerObserver implements RegistryObserver {

    /** Name of the timer of every operation. */
    public static final String TIMER = "mlregistry.operation";
    /** Name of the distribution of statements per operation. */
    public static final String STATEMENTS = "mlregistry.operation.statements";

    private final MeterRegistry meters;

    private MicrometerObserver(MeterRegistry meters) {
        this.meters = meters;
    }

    /**
     * An observer recording into the given registry.
     *
     * @param meters where the timers and summaries are registered
     * @return the observer
     */
    public static MicrometerObserver of(MeterRegistry meters) {
        return new MicrometerObserver(Objects.requireNonNull(meters, "meters"));
    }

    @Override
    public void operationFinished(OperationEvent event) {
        Timer.builder(TIMER)
                .description("mlregistry API calls, by operation and outcome")
                .tag("operation", event.operation())
                .tag("outcome", event.outcome().tag())
                .tag("exception", event.exception())
                .register(meters)
                .record(event.duration());
        DistributionSummary.builder(STATEMENTS)
                .description("SQL statements per mlregistry API call")
                .baseUnit("statements")
                .tag("operation", event.operation())
                .tag("outcome", event.outcome().tag())
                .register(meters)
                .record(event.statements());
    }
}
