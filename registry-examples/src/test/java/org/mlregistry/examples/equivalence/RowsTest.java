package org.mlregistry.examples.equivalence;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.types.DayToSecond;
import org.junit.jupiter.api.Test;
import org.mlregistry.schema.types.RunStatus;

/** What the equivalence test treats as the same value, and what it does not. */
class RowsTest {

    @Test
    void integersOfAnyWidthAreEqualButNotTheirText() {
        assertThat(Rows.normalize(5)).isEqualTo(Rows.normalize(5L)).isNotEqualTo(Rows.normalize("5"));
    }

    @Test
    void aNumericKeepsItsScaleAndIsNoDouble() {
        assertThat(Rows.normalize(new BigDecimal("0.9500"))).isNotEqualTo(Rows.normalize(new BigDecimal("0.95")))
                .isNotEqualTo(Rows.normalize(0.95d));
    }

    @Test
    void anEnumIsItsStoredLiteral() {
        assertThat(Rows.normalize(RunStatus.SUCCEEDED)).isEqualTo("succeeded");
    }

    @Test
    void aTimestampWithTimeZoneIsTheInstantWhateverItsOffset() {
        OffsetDateTime utc = OffsetDateTime.of(2026, 12, 2, 0, 5, 0, 0, ZoneOffset.UTC);
        assertThat(Rows.normalize(utc)).isEqualTo(Rows.normalize(utc.withOffsetSameInstant(ZoneOffset.ofHours(9))));
    }

    /** L1.P5.25, L1.P9.03: an interval is compared as its duration, not as the Number jOOQ's interval types also are. */
    @Test
    void anIntervalIsItsDurationNotANumber() {
        DayToSecond twoHours = DayToSecond.valueOf(Duration.ofHours(2));

        assertThat(Rows.normalize(twoHours)).isEqualTo(Duration.ofHours(2)).isNotEqualTo(Rows.normalize(twoHours.longValue()));
    }
}
