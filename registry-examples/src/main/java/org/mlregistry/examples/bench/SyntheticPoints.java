package org.mlregistry.examples.bench;

import java.io.Reader;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.mlregistry.core.tracking.MetricPoint;

/**
 * Metric points as a training fleet logs them: step by step, each step every run's every metric
 * ({@code ingest_0}, {@code ingest_1}, …), point {@code i} logged {@code step} seconds after the
 * start. Generated on demand, as {@link MetricPoint}s for the library or as COPY text for raw
 * JDBC (the same rows, formatted as the library formats them): memory stays bounded at any count.
 */
final class SyntheticPoints {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final List<UUID> runs;
    private final int metrics;
    private final long count;
    private final OffsetDateTime start;
    private final String prefix;

    SyntheticPoints(List<UUID> runs, int metrics, long count, OffsetDateTime start, String prefix) {
        this.runs = List.copyOf(runs);
        this.metrics = metrics;
        this.count = count;
        this.start = start;
        this.prefix = prefix;
    }

    long count() {
        return count;
    }

    /** @return the last step logged */
    long lastStep() {
        return (count - 1) / ((long) runs.size() * metrics);
    }

    MetricPoint point(long i) {
        long step = i / ((long) runs.size() * metrics);
        int run = (int) (i / metrics % runs.size());
        int metric = (int) (i % metrics);
        return new MetricPoint(runs.get(run), prefix + metric, step, start.plusSeconds(step),
                1.0 / (1 + step) + metric * 0.01 + run % 10 * 0.001);
    }

    Stream<MetricPoint> stream() {
        return LongStream.range(0, count).mapToObj(this::point);
    }

    /** @return the points as COPY text (tab-separated), generated as they are read */
    Reader copyText() {
        return new Reader() {
            private long next;
            private String line = "";
            private int pos;

            @Override
            public int read(char[] buffer, int off, int len) {
                int n = 0;
                while (n < len) {
                    if (pos == line.length()) {
                        if (next == count) {
                            break;
                        }
                        MetricPoint p = point(next++);
                        line = p.runId() + "\t" + p.name() + "\t" + p.step() + "\t" + TIMESTAMP.format(p.loggedAt()) + "\t"
                                + p.value() + "\n";
                        pos = 0;
                    }
                    int chunk = Math.min(len - n, line.length() - pos);
                    line.getChars(pos, pos + chunk, buffer, off + n);
                    pos += chunk;
                    n += chunk;
                }
                return n == 0 && len > 0 ? -1 : n;
            }

            @Override
            public void close() {
            }
        };
    }
}
