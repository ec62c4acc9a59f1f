package org.mlregistry.examples.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Part (d): a non-superuser owner migrates, a table-privileges role works, a read-only role cannot write. */
class LeastPrivilegeTest {

    @Test
    void ownerMigratesApplicationWorksReaderIsRefused() {
        LeastPrivilege.Result result = LeastPrivilege.run(SuiteServer.databases(), "_test");

        assertThat(result.violations()).isEmpty();
        assertThat(result.checks()).isEqualTo(17);
        assertThat(result.untyped()).isEmpty();
    }
}
