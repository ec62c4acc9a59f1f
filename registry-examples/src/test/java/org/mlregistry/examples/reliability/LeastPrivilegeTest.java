package org.mlregistry.examples.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Part (d): a non-superuser owner migrates, a table-privileges role works, a read-only role cannot write. */
class LeastPrivilegeTest {

    /**
     * Writes of the read-only role that come back as a raw permission error (42501) today. Empty
     * once the error model (issue 13, engineer D) translates permission denied into a typed error.
     */
    static final List<String> KNOWN_UNTYPED = List.of(
            "reader submits", "reader claims", "reader creates a model", "reader imports CSV", "reader archives",
            "reader adds hours");

    @Test
    void ownerMigratesApplicationWorksReaderIsRefused() {
        LeastPrivilege.Result result = LeastPrivilege.run(SuiteServer.databases(), "_test");

        assertThat(result.violations()).isEmpty();
        assertThat(result.checks()).isEqualTo(17);
        assertThat(result.untyped()).map(u -> u.substring(0, u.indexOf(" → ")))
                .containsExactlyInAnyOrderElementsOf(KNOWN_UNTYPED);
    }
}
