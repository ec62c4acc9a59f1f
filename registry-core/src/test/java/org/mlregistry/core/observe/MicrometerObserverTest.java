package org.mlregistry.core.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.mlregistry.core.Registry;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.schema.DatabaseTest;
import org.junit.jupiter.api.Test;

/** README, "Observability": the snippet as written, and the meters it leaves in a {@link SimpleMeterRegistry}. */
class MicrometerObserverTest extends DatabaseTest {

    @Test
    void aFindAndARefusedStartLeaveTimersTaggedWithOperationOutcomeAndException() {
        SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();
        DataSource dataSource = dataSource();

        Registry registry = Registry.configure().dataSource(dataSource)
                .observer(MicrometerObserver.of(meterRegistry))
                .load();

        UUID unknown = UUID.randomUUID();
        assertThat(registry.runs().find(unknown)).isEmpty();
        assertThatThrownBy(() -> registry.runs().start(unknown)).isInstanceOf(NotFoundException.class);

        Timer finds = meterRegistry.get("mlregistry.operation")
                .tags("operation", "runs.find", "outcome", "success", "exception", "none").timer();
        Timer starts = meterRegistry.get("mlregistry.operation")
                .tags("operation", "runs.start", "outcome", "refused", "exception", "NotFoundException").timer();
        DistributionSummary findStatements = meterRegistry.get("mlregistry.operation.statements")
                .tags("operation", "runs.find", "outcome", "success").summary();
        assertThat(finds.count()).isEqualTo(1);
        assertThat(finds.totalTime(TimeUnit.NANOSECONDS)).isPositive();
        assertThat(starts.count()).isEqualTo(1);
        assertThat(findStatements.count()).isEqualTo(1);
        assertThat(findStatements.totalAmount()).isEqualTo(1.0);
        assertThat(meterRegistry.find("mlregistry.operation").timers()).hasSize(2);
    }
}
