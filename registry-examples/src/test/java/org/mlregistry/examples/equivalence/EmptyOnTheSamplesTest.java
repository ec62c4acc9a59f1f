package org.mlregistry.examples.equivalence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.mlregistry.examples.LabSamplesTest;
import org.mlregistry.examples.catalog.Example;
import org.mlregistry.examples.catalog.LabCatalog;
import org.mlregistry.examples.catalog.LabStatement.Check;
import org.mlregistry.examples.clock.TimeSensitive;

/**
 * Two empty results are equal, so an equivalence test of a query that finds nothing proves little.
 * On the samples, only the queries below find nothing, each for a reason of the lab's data; any
 * other query that comes back empty means the samples or the example broke. The queries run on
 * fresh samples, each query on the state it is proven on (a run created now for "today" and "this
 * week"), so the list holds at any hour, on any day and in any time zone.
 */
public class EmptyOnTheSamplesTest extends LabSamplesTest {

    /** Query id → why it finds nothing on the samples (see LAB-DEFECTS.md). */
    public static final Map<String, String> EXPECTED_EMPTY = Map.of(
            "L1.P5.18", "no sample run has precision and recall but no F1; AgedSampleWritesTest makes one",
            "L1.P5.25", "the only queued run is 15 minutes old (fresh samples: never older); AgedSampleWritesTest ages it",
            "L1.P5.37", "every run is younger than 90 days; AgedSampleWritesTest ages them",
            "L1.P6.03", "every run is younger than 120 days; AgedSampleWritesTest ages them",
            "L1.P7.05", "it verifies that a rolled-back insert left nothing behind",
            "L1.P9.06", "every sample run has an experiment of its own",
            "L1.P9.11", "the SDXL run exists only after L1.P9.08 inserts it; ChallengesTest runs them in order",
            "L1.P9.20", "no run has been queued for 30 days; ChallengesTest adds one",
            "L2.P6.07", "every sample model has a version: the integrity check passes");

    /**
     * The ids of the queries among examples that find nothing, each run in a savepoint of ctx's
     * transaction (which holds fresh samples) on the state it is proven on.
     */
    public static List<String> emptyAmong(DSLContext ctx, List<Example> examples) {
        return examples.stream()
                .filter(e -> e.check() == Check.SAME_ROWS)
                .filter(e -> Undone.inSavepoint(ctx, c -> {
                    TimeSensitive.addWhatTheCalendarNeeds(c, e);
                    return e.run(c).isEmpty();
                }))
                .map(Example::id)
                .toList();
    }

    @Test
    void onlyTheQueriesKnownToFindNothingOnTheSamplesComeBackEmpty() {
        List<String> empty = onFreshSamples(ctx -> {
            return emptyAmong(ctx, LabCatalog.all());
        });

        assertThat(empty).containsExactlyInAnyOrderElementsOf(EXPECTED_EMPTY.keySet());
    }
}
