package org.mlregistry.examples.equivalence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.jooq.Record;
import org.jooq.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlregistry.examples.LabSamplesTest;
import org.mlregistry.examples.catalog.Example;
import org.mlregistry.examples.catalog.LabCatalog;
import org.mlregistry.examples.catalog.LabStatement.Check;
import org.mlregistry.examples.clock.RunCreatedNow;
import org.mlregistry.examples.clock.TimeSensitive;

/**
 * Each example does what its lab statement does, on the same database snapshot: the same columns
 * and rows for a query; the same number of rows written and the same resulting tables for a write.
 * Everything runs in one transaction that is rolled back, so {@code now()} is the same for both.
 * An example that reads the clock is checked on fresh samples, and one that depends on the calendar
 * with a run created now, which it must find (see {@link TimeSensitive}).
 */
class LabEquivalenceTest extends LabSamplesTest {

    static Stream<Example> queries() {
        return LabCatalog.all().stream().filter(e -> e.check() == Check.SAME_ROWS);
    }

    static Stream<Example> writes() {
        return LabCatalog.all().stream().filter(e -> e.check() == Check.SAME_EFFECT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void returnsWhatTheLabSqlReturns(Example example) {
        rolledBack(ctx -> {
            assumeTrue(!CHECKED_ON_17.containsKey(example.id()) || ctx.connectionResult(c -> c.getMetaData().getDatabaseMajorVersion()) >= 17,
                    example.id() + "'s checkedSql is PostgreSQL 17's: " + CHECKED_ON_17.get(example.id()) + " proves it here");
            TimeSensitive.prepare(ctx, example);
            Result<? extends Record> java = Equivalence.assertSameRows(ctx, example);
            if (TimeSensitive.dependsOnTheCalendar(example)) {
                assertThat(RunCreatedNow.isIn(java)).as("the run created now is found").isTrue();
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void writesWhatTheLabSqlWrites(Example example) {
        rolledBack(ctx -> {
            TimeSensitive.prepare(ctx, example);
            int written = Equivalence.assertSameEffect(ctx, example).size();
            if (!WRITE_NOTHING_ON_THE_SAMPLES.containsKey(example.id())) {
                assertThat(written).as(example.id() + " rows written on the samples").isPositive();
            }
        });
    }

    /**
     * Examples whose {@code checkedSql} is what psql 17 asks a PostgreSQL 17 server, and which ask an
     * older server what psql asks it: id → the test that proves each on the server the tests run on.
     */
    static final Map<String, String> CHECKED_ON_17 = Map.of(
            "L1.P1.02", "lab01.SchemaVerificationTest#listDatabasesReadsWhatPsql17ReadsFromThisServersMajor");

    /** Writes that match no sample row: id → the test that proves each on rows it changes. */
    static final Map<String, String> WRITE_NOTHING_ON_THE_SAMPLES = Map.ofEntries(
            Map.entry("L1.P5.15", "AgedSampleWritesTest"),
            Map.entry("L1.P5.19", "AgedSampleWritesTest"),
            Map.entry("L1.P5.26", "UpdatesTest"),
            Map.entry("L1.P5.29", "UpdatesTest"),
            Map.entry("L1.P5.30", "UpdatesTest"),
            Map.entry("L1.P5.38", "AgedSampleWritesTest"),
            Map.entry("L1.P6.04", "AgedSampleWritesTest"),
            Map.entry("L1.P6.09", "AgedSampleWritesTest"),
            Map.entry("L1.P6.17", "AgedSampleWritesTest"),
            Map.entry("L1.P6.20", "AgedSampleWritesTest"),
            Map.entry("L1.P6.21", "AgedSampleWritesTest"),
            Map.entry("L1.P7.12", "TransactionsTest"),
            Map.entry("L1.P9.12", "ChallengesTest"),
            Map.entry("L1.P9.13", "ChallengesTest"),
            Map.entry("L1.P9.16", "AgedSampleWritesTest"),
            Map.entry("L1.P9.24", "ChallengesTest"));

    /** Each write that changes nothing here is proven on rows by the test named for it. */
    @Test
    void eachWriteThatChangesNothingHereIsProvenByANamedTest() {
        WRITE_NOTHING_ON_THE_SAMPLES.forEach((id, test) -> {
            assertThat(TestSources.source(test)).as(test + " mentions " + id).contains(id);
        });
    }

    /** Each example checked on 17 only is proven on the server the tests run on by the test named for it. */
    @Test
    void eachExampleCheckedOn17OnlyIsProvenOnEveryMajorByANamedTest() {
        CHECKED_ON_17.forEach((id, test) -> {
            String[] classAndMethod = test.split("#");
            assertThatCode(() -> Class.forName("org.mlregistry.examples." + classAndMethod[0]).getDeclaredMethod(classAndMethod[1]))
                    .as(test + " exists").doesNotThrowAnyException();
            assertThat(TestSources.findAll(classAndMethod[0].substring(classAndMethod[0].lastIndexOf('.') + 1)))
                    .as(test + " mentions " + id)
                    .anySatisfy(path -> assertThat(java.nio.file.Files.readString(path)).contains(id).contains(classAndMethod[1]));
        });
    }
}
