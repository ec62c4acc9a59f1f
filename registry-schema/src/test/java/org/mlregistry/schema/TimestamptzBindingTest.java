package org.mlregistry.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** timestamptz columns read through {@code TimestamptzBinding}: the same instant, in UTC, whatever the session's time zone. */
class TimestamptzBindingTest extends DatabaseTest {

    @Test
    void readsTheInstantPostgresStoresInUtcWhateverTheSessionTimeZone() {
        rolledBack(ctx -> {
            ctx.execute("SET LOCAL TimeZone = 'America/Los_Angeles'");
            var row = ctx.select(TRAINING_RUNS.CREATED_AT, DSL.field("extract(epoch from {0})", BigDecimal.class, TRAINING_RUNS.CREATED_AT))
                    .from(TRAINING_RUNS).orderBy(TRAINING_RUNS.CREATED_AT).limit(1).fetchSingle();

            BigDecimal epoch = row.value2();
            Instant expected = Instant.ofEpochSecond(epoch.longValue(), epoch.remainder(BigDecimal.ONE).movePointRight(9).longValue());
            assertThat(row.value1().toInstant()).isEqualTo(expected);
            assertThat(row.value1().getOffset()).isEqualTo(ZoneOffset.UTC);
        });
    }

    @Test
    void writesAndReadsBackMicroseconds() {
        OffsetDateTime written = OffsetDateTime.of(2026, 3, 1, 23, 30, 15, 123_456_000, ZoneOffset.ofHours(5));
        OffsetDateTime read = rolledBack(ctx -> {
            return ctx.update(TRAINING_RUNS).set(TRAINING_RUNS.CREATED_AT, written)
                    .where(TRAINING_RUNS.RUN_ID.eq(ctx.select(TRAINING_RUNS.RUN_ID).from(TRAINING_RUNS).limit(1)))
                    .returning(TRAINING_RUNS.CREATED_AT).fetchSingle().getCreatedAt();
        });

        assertThat(read).isEqualTo(written.withOffsetSameInstant(ZoneOffset.UTC));
    }

    @Test
    void readsInfinityAsTheExtremes() {
        Field<OffsetDateTime> typed = TRAINING_RUNS.CREATED_AT;
        var row = db().select(DSL.field("'infinity'::timestamptz", typed.getDataType()),
                DSL.field("'-infinity'::timestamptz", typed.getDataType()),
                DSL.field("NULL::timestamptz", typed.getDataType())).fetchSingle();

        assertThat(row.value1()).isEqualTo(OffsetDateTime.MAX);
        assertThat(row.value2()).isEqualTo(OffsetDateTime.MIN);
        assertThat(row.value3()).isNull();
    }
}
