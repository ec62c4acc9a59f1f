package org.mlregistry.examples.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Part (c): every hostile input at every entry point is refused typed or stored verbatim. */
class HostileInputsTest {

    @Test
    void everyHostileInputIsRefusedTypedOrStoredVerbatim() {
        HostileInputs.Result result = HostileInputs.run(SuiteServer.databases().migrated("reliability_inputs_test"));

        assertThat(result.inputs()).isGreaterThanOrEqualTo(150);
        assertThat(result.others()).isEmpty();
        assertThat(result.untyped()).isZero();
    }
}
