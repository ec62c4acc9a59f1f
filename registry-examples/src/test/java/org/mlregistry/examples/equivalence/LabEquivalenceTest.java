package org.mlregistry.examples.equivalence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.jooq.Record;
import org.jooq.Result;
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
            Equivalence.assertSameEffect(ctx, example);
        });
    }
}
