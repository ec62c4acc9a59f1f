package org.mlregistry.examples.equivalence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.mlregistry.examples.LabSamplesTest;
import org.mlregistry.examples.catalog.Example;
import org.mlregistry.examples.catalog.LabCatalog;
import org.mlregistry.examples.catalog.LabStatement.Check;
import org.mlregistry.examples.clock.TimeSensitive;

/**
 * Two empty results are equal, so an equivalence test of a query that finds nothing proves little;
 * nor does one whose only row is a count of 0.
 * On the samples, only the queries below find nothing, each for a reason of the lab's data; any
 * other query that comes back empty means the samples or the example broke. The queries run on
 * fresh samples, each query on the state it is proven on (a run created now for "today" and "this
 * week"), so the list holds at any hour, on any day and in any time zone.
 */
public class EmptyOnTheSamplesTest extends LabSamplesTest {

    /** Query id → why it finds nothing on the samples (see LAB-DEFECTS.md). */
    public static final Map<String, String> EXPECTED_EMPTY = Map.ofEntries(
            Map.entry("L1.P5.18",
                    "no sample run has precision and recall but no F1; AgedSampleWritesTest makes one"),
            Map.entry("L1.P5.25",
                    "the only queued run is 15 minutes old (fresh samples: never older); AgedSampleWritesTest ages it"),
            Map.entry("L1.P5.37",
                    "every run is younger than 90 days; AgedSampleWritesTest ages them"),
            Map.entry("L1.P6.03",
                    "every run is younger than 120 days; AgedSampleWritesTest ages them"),
            Map.entry("L1.P7.05",
                    "it verifies that a rolled-back insert left nothing behind; TransactionsTest sees the insert before the rollback"),
            Map.entry("L1.P9.06",
                    "every sample run has an experiment of its own; ChallengesTest adds a second attempt"),
            Map.entry("L1.P9.11",
                    "the SDXL run exists only after L1.P9.08 inserts it; ChallengesTest runs them in order"),
            Map.entry("L1.P9.20",
                    "no run has been queued for 30 days; ChallengesTest adds one"),
            Map.entry("L1.P5.36",
                    "a count of 0: no failed run is older than 90 days; AgedSampleWritesTest ages them"),
            Map.entry("L1.P5.39",
                    "a count of 0: no run is archived before L1.P5.38; SafeUpdatesTest archives one"),
            Map.entry("L1.P6.02",
                    "a count of 0: no run is older than 120 days; AgedSampleWritesTest ages them"),
            Map.entry("L1.P6.08",
                    "a count of 0: nothing to clean up on the samples; AgedSampleWritesTest ages them"),
            Map.entry("L1.P9.21",
                    "a count of 0: no run has been queued for 30 days; ChallengesTest adds one"),
            Map.entry("L1.P9.25",
                    "a count of 0: nothing auto-cancelled before L1.P9.24; ChallengesTest cancels one"),
            Map.entry("L2.P6.04",
                    "a count of 0: no version without its model; ProductionChecksTest breaks integrity on purpose"),
            Map.entry("L2.P6.06",
                    "a count of 0: no active deployment without environment; ProductionChecksTest breaks integrity on purpose"),
            Map.entry("L2.P6.07",
                    "every sample model has a version; ProductionChecksTest breaks integrity on purpose"));

    /**
     * The ids of the queries among examples that find nothing, each run in a savepoint of ctx's
     * transaction (which holds fresh samples) on the state it is proven on.
     */
    public static List<String> emptyAmong(DSLContext ctx, List<Example> examples) {
        return examples.stream()
                .filter(e -> e.check() == Check.SAME_ROWS)
                .filter(e -> Undone.inSavepoint(ctx, c -> {
                    TimeSensitive.addWhatTheCalendarNeeds(c, e);
                    return Rows.isEmptyOrZero(e.run(c));
                }))
                .map(Example::id)
                .toList();
    }

    /** Each query known to find nothing on the samples is proven on rows by the test its reason names. */
    @Test
    void eachQueryThatFindsNothingHereIsProvenOnRowsByANamedTest() {
        EXPECTED_EMPTY.forEach((id, reason) -> {
            Matcher test = Pattern.compile("\\b(\\w+Test)\\b").matcher(reason);
            assertThat(test.find()).as(id + ": the reason names a test").isTrue();
            assertThat(TestSources.find(test.group(1)).isPresent()).as(id + ": " + test.group(1) + " exists").isTrue();
            assertThat(TestSources.source(test.group(1))).as(test.group(1) + " mentions " + id).contains(id);
        });
    }

    @Test
    void onlyTheQueriesKnownToFindNothingOnTheSamplesComeBackEmpty() {
        List<String> empty = onFreshSamples(ctx -> {
            return emptyAmong(ctx, LabCatalog.all());
        });

        assertThat(empty).containsExactlyInAnyOrderElementsOf(EXPECTED_EMPTY.keySet());
    }
}
