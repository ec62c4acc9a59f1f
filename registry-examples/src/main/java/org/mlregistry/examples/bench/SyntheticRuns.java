package org.mlregistry.examples.bench;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Synthetic training runs with a realistic skew, as CSV for COPY or as column values for INSERT.
 * Run {@code i} of a generator is created {@code i} minutes before its base time, so 1M runs span
 * about 694 days. Skew: status 80% succeeded, 10% failed, 5% cancelled, 3% timeout, 1.5% running,
 * 0.5% queued; framework 60% pytorch, 25% tensorflow, 10% sklearn, 2% xgboost, 2% jax, 1% mxnet;
 * optimizer 70% adam, 25% sgd, 5% adamw; 1% of runs have {@code "lora_r": 8}; ten compute targets.
 */
final class SyntheticRuns {

    /** The columns generated, in order; the others take their defaults. */
    static final List<String> COLUMNS = List.of("model_name", "framework", "experiment_name", "dataset",
            "compute_target", "status", "accuracy", "gpu_hours", "parameters", "created_at", "started_at", "completed_at");

    private static final String[] OPTIMIZERS = {"adam", "sgd", "adamw"};

    private final String prefix;
    private final OffsetDateTime base;

    /**
     * @param prefix distinguishes the experiment names of separate sets (one run per model, experiment, dataset and day)
     * @param base creation time of run 0
     */
    SyntheticRuns(String prefix, OffsetDateTime base) {
        this.prefix = prefix;
        this.base = base;
    }

    /** @return run i's values in {@link #COLUMNS} order; null for SQL NULL */
    String[] values(int i) {
        int h = (int) ((i * 2654435761L) % 1000);
        String status = h < 800 ? "succeeded" : h < 900 ? "failed" : h < 950 ? "cancelled"
                : h < 980 ? "timeout" : h < 995 ? "running" : "queued";
        int f = (int) ((i * 40503L) % 100);
        String framework = f < 60 ? "pytorch" : f < 85 ? "tensorflow" : f < 95 ? "sklearn"
                : f < 97 ? "xgboost" : f < 99 ? "jax" : "mxnet";
        int o = (int) ((i * 7919L) % 100);
        String optimizer = OPTIMIZERS[o < 70 ? 0 : o < 95 ? 1 : 2];
        String params = "{\"batch_size\": " + (16 << (i % 6)) + ", \"optimizer\": \"" + optimizer + "\""
                + (i % 100 == 7 ? ", \"lora_r\": 8" : "") + "}";
        OffsetDateTime created = base.minusMinutes(i);
        String startedAt = status.equals("queued") ? null : created.plusMinutes(1).toString();
        String completedAt = status.equals("queued") || status.equals("running") ? null : created.plusMinutes(30).toString();
        String accuracy = status.equals("succeeded") ? "0." + (5000 + i % 5000) : null;
        return new String[] {"model-" + (i % 2000), framework, prefix + i, "ds-" + (i % 50), "target-" + (i % 10),
            status, accuracy, (i % 40) + "." + (i % 100), params, created.toString(), startedAt, completedAt};
    }

    /** @return run i as one CSV line (empty unquoted field = NULL) */
    String csvLine(int i) {
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

    static String header() {
        return String.join(",", COLUMNS) + "\n";
    }

    /** @return runs [0, n) as CSV with a header, in memory */
    byte[] csv(int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(n * 220 + 200);
        out.writeBytes(header().getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < n; i++) {
            out.writeBytes(csvLine(i).getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** @return runs [0, n) as a CSV stream with a header, generated as it is read */
    InputStream stream(int n) {
        return new InputStream() {
            private int next = -1;
            private byte[] line = header().getBytes(StandardCharsets.UTF_8);
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
                if (++next >= n) {
                    return false;
                }
                line = csvLine(next).getBytes(StandardCharsets.UTF_8);
                pos = 0;
                return true;
            }
        };
    }
}
