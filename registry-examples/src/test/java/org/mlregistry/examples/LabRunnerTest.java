package org.mlregistry.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.mlregistry.examples.catalog.LabCatalog;
import org.mlregistry.examples.output.ResultFormat;
import org.mlregistry.schema.DatabaseTest;
import org.mlregistry.schema.TestDatabase;
import org.mlregistry.schema.database.PostgresServer;

class LabRunnerTest extends DatabaseTest {

    @Test
    void listInJsonNamesEveryCataloguedExample() {
        String out = run("--list", "--format", "json");

        assertThat(out).startsWith("[").endsWith("]\n");
        LabCatalog.all().forEach(example -> assertThat(out).contains("\"id\": \"" + example.id() + "\""));
    }

    @Test
    void onlyWithAPartPrefixRunsThatPartOnAnExistingDatabase() {
        PostgresServer server = TestDatabase.server();

        String out = run("--only", "L1.P3.02", "--format", "json", "--jdbc-url", server.jdbcUrl(),
                "--user", server.user(), "--password", server.password());

        assertThat(out).contains("{\"id\": \"L1.P3.02\", \"title\": \"Total count\", \"columns\": [\"total_runs\"], \"rows\": [[20]]}");
    }

    @Test
    void tableFormatShowsTheRenderedSqlAndAPsqlLikeTable() {
        PostgresServer server = TestDatabase.server();

        String out = run("--only", "L1.P3.02", "--jdbc-url", server.jdbcUrl(), "--user", server.user(),
                "--password", server.password());

        assertThat(out).contains("== L1.P3.02: Total count")
                .contains("select count(*) as \"total_runs\" from \"tracking\".\"training_runs\";")
                .contains(" total_runs\n------------\n         20\n(1 row)");
    }

    @Test
    void anUnknownIdIsAnErrorWithExitCode2() {
        RunnerOptions options = RunnerOptions.parse("--only", "L9.P1.01");

        assertThat(new LabRunner(options, new PrintStream(new ByteArrayOutputStream())).run()).isEqualTo(2);
    }

    @Test
    void anUnknownOptionOrFormatIsRefused() {
        assertThatThrownBy(() -> RunnerOptions.parse("--bogus"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--bogus");
        assertThatThrownBy(() -> RunnerOptions.parse("--format", "xml"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("xml");
        assertThatThrownBy(() -> RunnerOptions.parse("--only"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--only needs a value");
    }

    @Test
    void helpExplainsEveryOption() {
        String out = run("--help");

        assertThat(out).contains("--list", "--only", "--format", "--jdbc-url", "--user", "--password", "--reset-samples");
    }

    @Test
    void jsonEscapesQuotesAndControlCharacters() {
        assertThat(ResultFormat.quote("a\"b\\c\nd")).isEqualTo("\"a\\\"b\\\\c\\nd\"");
    }

    private static String run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = new LabRunner(RunnerOptions.parse(args), new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
        assertThat(exit).as("exit code").isZero();
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
