package org.mlregistry.examples.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlregistry.examples.catalog.Example;
import org.mlregistry.examples.catalog.LabCatalog;

/** Which examples count as reading the clock, checked against statements read by hand. */
class TimeSensitiveTest {

    private static List<String> ids(List<Example> examples) {
        return examples.stream().map(Example::id).toList();
    }

    @Test
    void statementsCallingNowCurrentDateOrAgeReadTheClock() {
        assertThat(ids(TimeSensitive.examples())).contains(
                "L1.P4.28",  // created_at > NOW() - INTERVAL '7 days'
                "L1.P4.29",  // DATE(created_at) = CURRENT_DATE
                "L1.P4.30",  // created_at > DATE_TRUNC('week', NOW())
                "L1.P4.33",  // AGE(NOW(), created_at)
                "L1.P5.25",  // created_at < NOW() - INTERVAL '1 hour'
                "L1.P8.06",  // (NOW() - INTERVAL '30 days')::date … WHERE date < CURRENT_DATE
                "L1.P9.20");  // created_at < NOW() - INTERVAL '30 days'
    }

    @Test
    void durationsBetweenStoredTimestampsDoNotReadTheClock() {
        assertThat(ids(TimeSensitive.examples())).doesNotContain(
                "L1.P4.31",  // completed_at - started_at
                "L1.P9.03",  // (completed_at - started_at) > INTERVAL '1 day'
                "L1.P3.02");  // SELECT COUNT(*)
    }

    @Test
    void everyCalendarDependentExampleExistsAndReadsTheClock() {
        assertThat(TimeSensitive.ON_THE_CALENDAR.keySet()).allSatisfy(id ->
                assertThat(TimeSensitive.readsTheClock(LabCatalog.select(List.of(id)).get(0))).as(id).isTrue());
    }
}
