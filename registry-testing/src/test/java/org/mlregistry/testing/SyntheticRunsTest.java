package org.mlregistry.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The synthetic runs keep the skew that IndexPlansAtScaleTest's assertions and TrackingBenchmarkTest's
 * expected row counts rely on: exact shares for any seed, and seed 0 byte for byte the runs both used before.
 */
class SyntheticRunsTest {

    private static final OffsetDateTime NEWEST = OffsetDateTime.parse("2026-06-01T12:00:00Z");
    private static final int COLUMN_STATUS = SyntheticRuns.COLUMNS.indexOf("status");
    private static final int COLUMN_FRAMEWORK = SyntheticRuns.COLUMNS.indexOf("framework");
    private static final int COLUMN_PARAMETERS = SyntheticRuns.COLUMNS.indexOf("parameters");

    /**
     * SHA-256 of 10,000 runs (header included, newest 2026-06-01T12:00Z, prefix exp-) from the two generators
     * this one replaces (IndexPlansAtScaleTest.SyntheticRuns and examples' bench.SyntheticRuns), which agreed.
     */
    private static final String PREVIOUS_GENERATORS_10K = "cc16e65fa338062886e8f73d880149439e789dc0c65cee693390978bbd231938";

    @Test
    void seedZeroIsTheSetThePlanTestAndTheBenchmarkUsedBefore() throws NoSuchAlgorithmException {
        byte[] csv = SyntheticRuns.of(10_000, 0).newestCreatedAt(NEWEST).csv();

        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(csv)))
                .isEqualTo(PREVIOUS_GENERATORS_10K);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 7, 999, 123_456_789, -42})
    void everySeedHasTheExactShares(long seed) {
        SyntheticRuns runs = SyntheticRuns.of(10_000, seed);

        assertThat(count(runs, v -> v[COLUMN_STATUS])).isEqualTo(Map.of("succeeded", 8_000, "failed", 1_000,
                "cancelled", 500, "timeout", 300, "running", 150, "queued", 50));
        assertThat(count(runs, v -> v[COLUMN_FRAMEWORK])).isEqualTo(Map.of("pytorch", 6_000, "tensorflow", 2_500,
                "sklearn", 1_000, "xgboost", 200, "jax", 200, "mxnet", 100));
        assertThat(count(runs, v -> optimizer(v[COLUMN_PARAMETERS]))).isEqualTo(Map.of("adam", 7_000, "sgd", 2_500,
                "adamw", 500));
        assertThat(count(runs, v -> String.valueOf(v[COLUMN_PARAMETERS].contains("\"lora_r\": 8"))))
                .isEqualTo(Map.of("true", 100, "false", 9_900));
        assertThat(count(runs, v -> v[SyntheticRuns.COLUMNS.indexOf("compute_target")])).hasSize(10)
                .allSatisfy((target, n) -> assertThat(n).isEqualTo(1_000));
    }

    @Test
    void theSeedChangesWhichRunGetsWhichAttributesNotWhenOrWhere() {
        String[] seed0 = SyntheticRuns.of(10, 0).newestCreatedAt(NEWEST).values(3);
        String[] seed5 = SyntheticRuns.of(10, 5).newestCreatedAt(NEWEST).values(3);
        String[] seed0Run8 = SyntheticRuns.of(10, 0).newestCreatedAt(NEWEST).values(8);

        assertThat(seed5[COLUMN_STATUS]).isEqualTo(seed0Run8[COLUMN_STATUS]);
        assertThat(seed5[COLUMN_PARAMETERS]).isEqualTo(seed0Run8[COLUMN_PARAMETERS]);
        assertThat(seed5[SyntheticRuns.COLUMNS.indexOf("experiment_name")]).isEqualTo("exp-3");
        assertThat(seed5[SyntheticRuns.COLUMNS.indexOf("created_at")])
                .isEqualTo(seed0[SyntheticRuns.COLUMNS.indexOf("created_at")]).isEqualTo("2026-06-01T11:57Z");
    }

    @Test
    void queuedRunsHaveNoStartRunningRunsNoEndOnlySucceededRunsAnAccuracy() {
        SyntheticRuns runs = SyntheticRuns.of(2_000, 0);
        for (int i = 0; i < runs.rows(); i++) {
            String[] v = runs.values(i);
            String status = v[COLUMN_STATUS];
            assertThat(v[SyntheticRuns.COLUMNS.indexOf("started_at")] == null).isEqualTo(status.equals("queued"));
            assertThat(v[SyntheticRuns.COLUMNS.indexOf("completed_at")] == null)
                    .isEqualTo(status.equals("queued") || status.equals("running"));
            assertThat(v[SyntheticRuns.COLUMNS.indexOf("accuracy")] == null).isEqualTo(!status.equals("succeeded"));
        }
    }

    @Test
    void theStreamReadsTheSameBytesAsTheCsvInMemory() throws IOException {
        SyntheticRuns runs = SyntheticRuns.of(3_001, 11).experimentPrefix("imp-").newestCreatedAt(NEWEST);

        assertThat(readInOddChunks(runs.csvStream())).isEqualTo(runs.csv());
        assertThat(new String(runs.csv(), StandardCharsets.UTF_8))
                .startsWith(SyntheticRuns.csvHeader()).contains(",imp-3000,").hasLineCount(3_002);
    }

    @Test
    void refusesANegativeNumberOfRows() {
        assertThatThrownBy(() -> SyntheticRuns.of(-1, 0)).hasMessage("rows must not be negative, got -1");
    }

    private static Map<String, Integer> count(SyntheticRuns runs, Function<String[], String> key) {
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < runs.rows(); i++) {
            counts.merge(key.apply(runs.values(i)), 1, Integer::sum);
        }
        return counts;
    }

    private static String optimizer(String parameters) {
        return parameters.replaceAll(".*\"optimizer\": \"([a-z]+)\".*", "$1");
    }

    /** Single bytes and chunks of 1,000 in turn, so both read methods cross line boundaries. */
    private static byte[] readInOddChunks(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[1_000];
        while (true) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            out.write(b);
            int n = in.read(chunk, 0, chunk.length);
            if (n < 0) {
                break;
            }
            out.write(chunk, 0, n);
        }
        assertThat(in.read()).isEqualTo(-1);
        return out.toByteArray();
    }
}
