package org.mlregistry.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.mlregistry.examples.catalog.LabCatalog;
import org.mlregistry.examples.output.ResultFormat;
import org.mlregistry.schema.DatabaseTest;
import org.mlregistry.schema.TestDatabase;
import org.mlregistry.testing.database.PostgresServer;
import org.postgresql.ds.PGSimpleDataSource;

class LabRunnerTest extends DatabaseTest {

    @Test
    void listInJsonNamesEveryCataloguedExample() {
        String out = run("--list", "--format", "json");

        assertThat(out).startsWith("[").endsWith("]\n");
        LabCatalog.all().forEach(example -> assertThat(out).contains("\"id\": \"" + example.id() + "\""));
    }

    @Test
    void listPrintsIdsTitleAndJavaMethodOfEveryExample() {
        String out = run("--list");

        assertThat(out.lines()).hasSize(172).contains(
                "L1.P4.01\tQuery 1: Select all columns (development only!)\tlab01.ReadQueries#selectAllColumns",
                "L1.P7.18,L1.P7.20,L1.P7.22\tCreate a test run\tlab01.Transactions#savepointUndoesTheSecondInsert",
                "L2.P4.01\tList all tables\tlab02.SchemaVerification#listTables");
    }

    @Test
    void listInJsonAlsoNamesPartStepJavaMethodAndProvingTest() {
        String out = run("--list", "--format", "json");

        assertThat(out).contains("{\"id\": \"L1.P7.18\", \"ids\": [\"L1.P7.18\", \"L1.P7.20\", \"L1.P7.22\"],"
                        + " \"title\": \"Create a test run\", \"part\": \"Part 7: Transactions\","
                        + " \"step\": \"Step 7.1: Transaction Examples\","
                        + " \"method\": \"lab01.Transactions#savepointUndoesTheSecondInsert\","
                        + " \"test\": \"lab01.TransactionsTest#savepointKeepsOnlyTheFirstInsert\"}")
                .contains("{\"id\": \"L1.P4.01\", \"ids\": [\"L1.P4.01\"],"
                        + " \"title\": \"Query 1: Select all columns (development only!)\","
                        + " \"part\": \"Part 4: Read Operations\", \"step\": \"Step 4.1: Create CRUD Operations File\","
                        + " \"method\": \"lab01.ReadQueries#selectAllColumns\","
                        + " \"test\": \"equivalence.LabEquivalenceTest#returnsWhatTheLabSqlReturns\"}");
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
    void listInJsonCoversEveryExampleStatementOfBothLabs() {
        String out = run("--list", "--format", "json");

        long ids = Pattern.compile("\"L[12]\\.[A-Z0-9]+\\.\\d+\"").matcher(
                out.substring(out.indexOf("\"ids\""))).results().map(m -> m.group()).distinct().count();
        assertThat(ids).isEqualTo(147 + 34);
    }

    @Test
    void aDatabaseWhoseSchemasMlregistryDidNotCreateIsRefused() {
        PostgresServer server = TestDatabase.server();
        DataSource foreign = TestDatabase.freshDatabase();
        DSL.using(foreign, SQLDialect.POSTGRES).execute("CREATE SCHEMA tracking; CREATE TABLE tracking.training_runs (id int)");
        String url = server.jdbcUrl().replaceFirst("/postgres(\\?|$)", "/" + databaseName(foreign) + "$1");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream previousErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = new LabRunner(RunnerOptions.parse("--only", "L1.P3.02", "--jdbc-url", url, "--user", server.user(),
                    "--password", server.password()), new PrintStream(bytes)).run();
        } finally {
            System.setErr(previousErr);
        }

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("tracking.training_runs").contains("did not create");
    }

    private static String databaseName(DataSource dataSource) {
        return ((PGSimpleDataSource) dataSource).getDatabaseName();
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
