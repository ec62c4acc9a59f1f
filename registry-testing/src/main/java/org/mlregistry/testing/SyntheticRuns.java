package org.mlregistry.testing;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Synthetic rows of {@code tracking.training_runs} with a realistic skew, as CSV for {@code COPY}
 * (streamed or in memory) or as column values for {@code INSERT}.
 *
 * <p>Skew: status 80% succeeded, 10% failed, 5% cancelled, 3% timeout, 1.5% running, 0.5% queued;
 * framework 60% pytorch, 25% tensorflow, 10% sklearn, 2% xgboost, 2% jax, 1% mxnet; optimizer 70%
 * adam, 25% sgd, 5% adamw; 1% of runs have {@code "lora_r": 8}; ten compute targets, 2,000 models,
 * 50 datasets. The shares are exact, not sampled: every 1,000 consecutive runs hold exactly 800
 * succeeded runs, every 100 exactly 60 pytorch runs and one with {@code lora_r}, and so on.
 *
 * <p>Run {@code i} is created {@code i} minutes before the newest run (1M runs span about 694
 * days) in experiment {@code prefix + i}, so no two runs share (model, experiment, dataset, day).
 * The seed decides which run gets which attributes (run {@code i} of seed {@code s} has those of
 * run {@code s + i} of seed 0); every seed has the same exact shares, and seed 0 gives the runs
 * the plan test and the benchmark have always used.
 */
public final class SyntheticRuns {

    /** The columns generated, in order; the others take their defaults. */
    public static final List<String> COLUMNS = List.of("model_name", "framework", "experiment_name", "dataset",
            "compute_target", "status", "accuracy", "gpu_hours", "parameters", "created_at", "started_at", "completed_at");

    private static final String[] OPTIMIZERS = {"adam", "sgd", "adamw"};

    private final int rows;
    private final long seed;
    private final String experimentPrefix;
    private final OffsetDateTime newest;

    private SyntheticRuns(int rows, long seed, String experimentPrefix, OffsetDateTime newest) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must not be negative, got " + rows);
        }
        this.rows = rows;
        this.seed = seed;
        this.experimentPrefix = experimentPrefix;
        this.newest = newest;
    }

    /**
     * Runs in experiments {@code exp-0, exp-1, …}, the newest created a minute ago (whole seconds).
     *
     * @param rows how many runs
     * @param seed which run gets which attributes; 0 for the usual set
     * @return the generator
     */
    public static SyntheticRuns of(int rows, long seed) {
        return new SyntheticRuns(rows, seed, "exp-",
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).minusMinutes(1));
    }

    /**
     * The same runs in other experiments, so that they can join a table that holds this set already.
     *
     * @param prefix experiment names are this plus the run's number
     * @return a new generator
     */
    public SyntheticRuns experimentPrefix(String prefix) {
        return new SyntheticRuns(rows, seed, prefix, newest);
    }

    /**
     * The same runs, created up to another time.
     *
     * @param createdAt creation time of run 0; run {@code i} is {@code i} minutes older
     * @return a new generator
     */
    public SyntheticRuns newestCreatedAt(OffsetDateTime createdAt) {
        return new SyntheticRuns(rows, seed, experimentPrefix, createdAt);
    }

    /**
     * How many runs the CSV holds.
     *
     * @return the number of runs
     */
    public int rows() {
        return rows;
    }

    /**
     * One run's values, as PostgreSQL reads them from text.
     *
     * @param i the run's number, from 0
     * @return its values in {@link #COLUMNS} order; null for SQL NULL
     */
    public String[] values(int i) {
        long draw = seed + i;
        long h = Math.floorMod(draw, 1000L) * 2654435761L % 1000;
        String status = h < 800 ? "succeeded" : h < 900 ? "failed" : h < 950 ? "cancelled"
                : h < 980 ? "timeout" : h < 995 ? "running" : "queued";
        long f = Math.floorMod(draw, 100L) * 40503L % 100;
        String framework = f < 60 ? "pytorch" : f < 85 ? "tensorflow" : f < 95 ? "sklearn"
                : f < 97 ? "xgboost" : f < 99 ? "jax" : "mxnet";
        long o = Math.floorMod(draw, 100L) * 7919L % 100;
        String optimizer = OPTIMIZERS[o < 70 ? 0 : o < 95 ? 1 : 2];
        String params = "{\"batch_size\": " + (16 << Math.floorMod(draw, 6L)) + ", \"optimizer\": \"" + optimizer + "\""
                + (Math.floorMod(draw, 100L) == 7 ? ", \"lora_r\": 8" : "") + "}";
        OffsetDateTime created = newest.minusMinutes(i);
        String startedAt = status.equals("queued") ? null : created.plusMinutes(1).toString();
        String completedAt = status.equals("queued") || status.equals("running") ? null : created.plusMinutes(30).toString();
        String accuracy = status.equals("succeeded") ? "0." + (5000 + Math.floorMod(draw, 5000L)) : null;
        return new String[] {"model-" + Math.floorMod(draw, 2000L), framework, experimentPrefix + i,
            "ds-" + Math.floorMod(draw, 50L), "target-" + Math.floorMod(draw, 10L), status, accuracy,
            Math.floorMod(draw, 40L) + "." + Math.floorMod(draw, 100L), params, created.toString(), startedAt, completedAt};
    }

    /**
     * One run as a CSV line.
     *
     * @param i the run's number, from 0
     * @return the line, newline included; an empty unquoted field is NULL
     */
    public String csvLine(int i) {
        String[] v = values(i);
        StringBuilder line = new StringBuilder(256);
        for (int c = 0; c < v.length; c++) {
            if (c > 0) {
                line.append(',');
            }
            if (v[c] != null) {
                if (v[c].indexOf(',') >= 0 || v[c].indexOf('"') >= 0) {
                    line.append('"').append(v[c].replace("\"", "\"\"")).append('"');
                } else {
                    line.append(v[c]);
                }
            }
        }
        return line.append('\n').toString();
    }

    /**
     * The CSV header.
     *
     * @return {@link #COLUMNS} as a CSV line, newline included
     */
    public static String csvHeader() {
        return String.join(",", COLUMNS) + "\n";
    }

    /**
     * All runs in memory, e.g. to time a {@code COPY} without timing the generator.
     *
     * @return the header and every run as CSV, UTF-8
     */
    public byte[] csv() {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, rows * 220L + 200));
        out.writeBytes(csvHeader().getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < rows; i++) {
            out.writeBytes(csvLine(i).getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /**
     * All runs, generated as they are read: a million runs never sit in memory.
     *
     * @return the header and every run as CSV, UTF-8
     */
    public InputStream csvStream() {
        return new InputStream() {
            private int next = -1;
            private byte[] line = csvHeader().getBytes(StandardCharsets.UTF_8);
            private int pos;

            @Override
            public int read() {
                return fill() ? line[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (len == 0) {
                    return 0;
                }
                int count = 0;
                while (count < len && fill()) {
                    int chunk = Math.min(len - count, line.length - pos);
                    System.arraycopy(line, pos, b, off + count, chunk);
                    pos += chunk;
                    count += chunk;
                }
                return count == 0 ? -1 : count;
            }

            private boolean fill() {
                if (pos < line.length) {
                    return true;
                }
                if (++next >= rows) {
                    return false;
                }
                line = csvLine(next).getBytes(StandardCharsets.UTF_8);
                pos = 0;
                return true;
            }
        };
    }
}
