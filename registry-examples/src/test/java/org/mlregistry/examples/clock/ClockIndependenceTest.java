package org.mlregistry.examples.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlregistry.examples.LabSamplesTest;
import org.mlregistry.examples.catalog.Example;
import org.mlregistry.examples.catalog.LabStatement.Check;
import org.mlregistry.examples.equivalence.EmptyOnTheSamplesTest;
import org.mlregistry.examples.equivalence.Equivalence;
import org.mlregistry.examples.equivalence.Undone;
import org.mlregistry.schema.RegistrySchema;
import org.mlregistry.testing.SampleData;

/**
 * The examples that read the clock give the same results whenever they run. On a PostgreSQL whose
 * clock is placed by libfaketime ({@link FakedClockPostgres}; the test fails, naming the library,
 * when it is missing) just after midnight on a Monday and just before midnight on a Sunday, in the
 * session and JVM time zones UTC+14 and UTC-12 (and UTC), a day or two after that server loaded its
 * samples, each such example returns or writes what its lab SQL does (LabEquivalenceTest's check),
 * "today" and "this week" find the run created now, and only the queries of
 * {@link EmptyOnTheSamplesTest#EXPECTED_EMPTY} come back empty.
 */
class ClockIndependenceTest extends LabSamplesTest {

    /** When the faked server loads its samples: Saturday noon UTC, 22 to 48 hours before every scenario. */
    private static final Instant SAMPLES_LOADED = Instant.parse("2026-12-05T12:00:00Z");
    private static final LocalDate SUNDAY = LocalDate.of(2026, 12, 6);
    private static final LocalDate MONDAY = SUNDAY.plusDays(1);
    private static final ZoneId FAR_EAST = ZoneId.of("Pacific/Kiritimati");
    private static final ZoneId FAR_WEST = ZoneId.of("Etc/GMT+12");

    private static FakedClockPostgres server;

    /** A wall-clock time in a time zone: where the database clock is placed, and the session's and JVM's zone. */
    record Scenario(LocalDateTime local, ZoneId zone) {

        Instant instant() {
            return local.atZone(zone).toInstant();
        }

        @Override
        public String toString() {
            return local.format(DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ROOT)) + " in " + zone
                    + " (UTC" + DateTimeFormatter.ofPattern("xxx").format(zone.getRules().getOffset(instant())) + ")";
        }
    }

    static Stream<Scenario> scenarios() {
        return Stream.of(
                new Scenario(MONDAY.atTime(0, 2), ZoneId.of("UTC")),
                new Scenario(MONDAY.atTime(0, 2), FAR_EAST),
                new Scenario(MONDAY.atTime(0, 2), FAR_WEST),
                new Scenario(SUNDAY.atTime(23, 58), FAR_EAST),
                new Scenario(SUNDAY.atTime(23, 58), FAR_WEST));
    }

    @BeforeAll
    static void startTheServerAndLoadItsSamples() {
        server = FakedClockPostgres.start(SAMPLES_LOADED);
        RegistrySchema.configure().dataSource(server.dataSource()).load().migrate();
        SampleData.load(server.dataSource());
    }

    @AfterAll
    static void stopTheServer() {
        if (server != null) {
            server.close();
        }
    }

    /** L1.P4.29 ("today") and L1.P4.30 ("this week") among the examples that read the clock, in each scenario. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void examplesThatReadTheClockGiveTheSameResults(Scenario scenario) {
        TimeZone jvmZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(scenario.zone()));
        try {
            server.placeClockAt(scenario.instant());
            rolledBackOn(server.dataSource(), ctx -> {
                assertTheClockReads(ctx, scenario);
                assertThat(queuedSampleAge(ctx)).as("the queued sample run, as loaded a day or two ago")
                        .isGreaterThan(Duration.ofHours(20));
                FreshSamples.reload(ctx);
                assertThat(queuedSampleAge(ctx)).as("the queued sample run, freshly loaded").isEqualTo(Duration.ofMinutes(15));

                List<Example> examples = TimeSensitive.examples().stream()
                        .filter(e -> e.check() != Check.DEDICATED_TEST)
                        .toList();
                Set<String> ids = examples.stream().map(Example::id).collect(Collectors.toSet());
                SoftAssertions.assertSoftly(softly -> {
                    softly.assertThat(differFromTheLabSql(ctx, examples)).as("examples that differ from their lab SQL").isEmpty();
                    softly.assertThat(EmptyOnTheSamplesTest.emptyAmong(ctx, examples)).as("queries that find nothing")
                            .containsExactlyInAnyOrderElementsOf(EmptyOnTheSamplesTest.EXPECTED_EMPTY.keySet().stream()
                                    .filter(ids::contains).toList());
                });
                return null;
            });
        } finally {
            TimeZone.setDefault(jvmZone);
        }
    }

    /** The session runs in the scenario's zone (PgJDBC takes the JVM's) and its clock shows the scenario's time. */
    private static void assertTheClockReads(DSLContext ctx, Scenario scenario) {
        assertThat(ctx.fetchValue("SHOW TimeZone")).as("session time zone").isEqualTo(scenario.zone().getId());
        LocalDateTime local = LocalDateTime.parse((String) ctx.fetchValue(
                "SELECT to_char(localtimestamp, 'YYYY-MM-DD\"T\"HH24:MI:SS')"));
        assertThat(local).as("the database clock in the session's zone (is libfaketime working?)")
                .isBetween(scenario.local(), scenario.local().plusMinutes(1));
    }

    private static Duration queuedSampleAge(DSLContext ctx) {
        OffsetDateTime now = ctx.select(currentOffsetDateTime()).fetchSingle().value1();
        OffsetDateTime created = ctx.select(TRAINING_RUNS.CREATED_AT).from(TRAINING_RUNS)
                .where(TRAINING_RUNS.MODEL_NAME.eq("reinforcement-learning-ppo")).fetchSingle().value1();
        return Duration.between(created, now);
    }

    /**
     * Each example checked against its lab SQL in a savepoint (with a run created now where the
     * calendar needs one, which "today" and "this week" must then find); id → what failed.
     */
    private static Map<String, String> differFromTheLabSql(DSLContext ctx, List<Example> examples) {
        Map<String, String> failures = new TreeMap<>();
        for (Example example : examples) {
            try {
                Undone.inSavepoint(ctx, c -> {
                    TimeSensitive.addWhatTheCalendarNeeds(c, example);
                    Result<? extends Record> java = Equivalence.assertEquivalent(c, example);
                    if (TimeSensitive.dependsOnTheCalendar(example)) {
                        assertThat(RunCreatedNow.isIn(java)).as("the run created now is found").isTrue();
                    }
                    return null;
                });
            } catch (AssertionError | RuntimeException e) {
                failures.put(example.id(), describe(e));
            }
        }
        return failures;
    }

    /** The failure's message, or for an exception the messages down to its cause (the database's error). */
    private static String describe(Throwable failure) {
        if (failure instanceof AssertionError) {
            return failure.getMessage();
        }
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(text.length() == 0 ? "" : " <- ").append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        return text.toString();
    }
}
