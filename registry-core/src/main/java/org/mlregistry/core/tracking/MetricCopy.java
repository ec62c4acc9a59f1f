package org.mlregistry.core.tracking;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.mlregistry.core.internal.PooledCopy;
import org.mlregistry.core.internal.SchemaMapping;

/**
 * The bulk path of metric points: {@code COPY tracking.metric_points FROM STDIN} (PgJDBC's
 * CopyManager, on the transaction's connection), in chunks so that memory stays bounded whatever
 * the stream's length. Each point is checked before its chunk is sent; each chunk's months get
 * their partitions and its runs are checked first (a statement cannot run while a COPY is open on
 * the connection). The latest table is upserted once after the last chunk, in the same
 * transaction, from the latest point per run and metric kept in memory (one per pair). A refused
 * point or a failed chunk rolls the whole transaction back: nothing is written.
 */
final class MetricCopy {

    /** Points per COPY; a chunk is about 1 MB of text. */
    static final int CHUNK = 10_000;

    private static final String COPY = "COPY tracking.metric_points (run_id, metric, step, logged_at, value) FROM STDIN";

    private record Key(UUID runId, String name) {
    }

    private MetricCopy() {
    }

    static long copy(Runs runs, Stream<MetricPoint> points) {
        return runs.bulkTx(ctx -> {
            Map<Key, MetricPoint> latest = new LinkedHashMap<>();
            List<MetricPoint> chunk = new ArrayList<>(CHUNK);
            long index = 0;
            long copied = 0;
            for (Iterator<MetricPoint> it = points.iterator(); it.hasNext(); index++) {
                MetricPoint p = MetricWrites.checked("points[" + index + "]", it.next());
                chunk.add(p);
                latest.merge(new Key(p.runId(), p.name()), p, (old, now) -> now.step() >= old.step() ? now : old);
                if (chunk.size() == CHUNK) {
                    copied += send(ctx, chunk);
                    chunk.clear();
                }
            }
            if (!chunk.isEmpty()) {
                copied += send(ctx, chunk);
            }
            MetricWrites.upsertLatest(ctx, latest.values());
            return copied;
        });
    }

    private static long send(DSLContext ctx, List<MetricPoint> chunk) {
        MetricWrites.prepare(ctx, chunk);
        // text format: the metric rules admit no tab, newline or backslash, so no value needs escaping
        StringBuilder text = new StringBuilder(chunk.size() * 96);
        for (MetricPoint p : chunk) {
            text.append(p.runId()).append('\t').append(p.name()).append('\t').append(p.step()).append('\t')
                    .append(MetricWrites.TIMESTAMP.format(p.loggedAt())).append('\t').append(p.value()).append('\n');
        }
        String copy = SchemaMapping.sql(ctx, COPY);
        return ctx.connectionResult(c -> PooledCopy.copying(c, () -> {
            try {
                return PooledCopy.api(c).copyIn(copy, new StringReader(text.toString()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }));
    }
}
