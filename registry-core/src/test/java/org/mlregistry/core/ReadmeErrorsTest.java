package org.mlregistry.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.tracking.Run;
import org.mlregistry.schema.TestDatabase;

/** README, "Errors, retries and timeouts": the snippet as written, and the timeouts it sets. */
class ReadmeErrorsTest {

    @Test
    void theReadmeSnippetRuns() {
        DataSource dataSource = TestDatabase.dataSource();
        UUID runId = UUID.randomUUID();

        Registry registry = Registry.configure().dataSource(dataSource)
                .statementTimeout(Duration.ofSeconds(30))   // the default
                .lockTimeout(Duration.ofSeconds(5))         // the default
                .retry(RetryPolicy.attempts(3).backoff(Duration.ofMillis(50), Duration.ofSeconds(1)))
                .load();
        Optional<Run> run = registry.retrying(() -> registry.runs().find(runId));

        assertThat(run).isEmpty();
        Object[] settings = registry.inTransaction(ctx -> ctx.fetchOne(
                "SELECT current_setting('statement_timeout'), current_setting('lock_timeout')").intoArray());
        assertThat(settings).containsExactly("30s", "5s");
    }
}
