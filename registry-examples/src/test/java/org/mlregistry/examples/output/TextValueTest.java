package org.mlregistry.examples.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.jooq.types.DayToSecond;
import org.jooq.types.YearToMonth;
import org.jooq.types.YearToSecond;
import org.junit.jupiter.api.Test;

/** Intervals print as PostgreSQL prints them, and are no JSON numbers. */
class TextValueTest {

    @Test
    void intervalsLookLikePostgres() {
        assertThat(TextValue.of(new DayToSecond(1, 11, 45))).isEqualTo("1 day 11:45:00");
        assertThat(TextValue.of(new DayToSecond(0, 0, 15))).isEqualTo("00:15:00");
        assertThat(TextValue.of(new DayToSecond(3))).isEqualTo("3 days");
        assertThat(TextValue.of(new DayToSecond())).isEqualTo("00:00:00");
        assertThat(TextValue.of(new DayToSecond(0, 1, 0, 0).neg())).isEqualTo("-01:00:00");
        assertThat(TextValue.of(new YearToSecond(new YearToMonth(1, 2), new DayToSecond(2, 4, 0, 2, 537_858_000))))
                .isEqualTo("1 year 2 mons 2 days 04:00:02.537858");
        // Nanoseconds jOOQ parsed from PostgreSQL's microseconds round back to them.
        assertThat(TextValue.of(new DayToSecond(0, 0, 15, 2, 528_376_999))).isEqualTo("00:15:02.528377");
        assertThat(TextValue.of(YearToSecond.valueOf(Duration.ofMillis(500)))).isEqualTo("00:00:00.5");
    }

    @Test
    void intervalsAreNoJsonNumbers() {
        assertThat(TextValue.isNumber(new DayToSecond(1))).isFalse();
        assertThat(TextValue.isNumber(42)).isTrue();
    }
}
