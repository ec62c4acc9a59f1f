package org.mlregistry.examples.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Part (b) small: claims, deploys, bulk archives, CSV imports and migrations while backends are
 * killed every 30–120 ms; every invariant holds afterwards, and every failure the workers caught
 * was transient.
 */
class FaultLoadTest {

    @Test
    void everyInvariantHoldsAfterKilledBackends() throws Exception {
        FaultLoad.Settings small = new FaultLoad.Settings(2, 200, 40, 4, 10, 4, 20, 4, 7);

        FaultLoad.Result result = FaultLoad.run(SuiteServer.databases(), "_test", small);

        assertThat(result.faults()).as("backends killed").isPositive();
        assertThat(result.failures().transientFailures()).as("transient failures the workers caught").isPositive();
        assertThat(result.failures().untyped()).as("other failures: " + result.failures().examples()).isZero();
        assertThat(result.violations()).isEmpty();
    }
}
