package org.mlregistry.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlregistry.core.tracking.RunFilter.modelName;
import static org.mlregistry.core.tracking.RunFilter.notes;

import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.mlregistry.schema.types.RunStatus;
import org.postgresql.PGConnection;

/**
 * CSV export is safe by construction: the search runs as a bound SELECT, so no value of a filter
 * ever becomes SQL text, whatever the server's string syntax; and its CSV is byte for byte what
 * PostgreSQL's own COPY writes.
 */
class CsvExportSafetyTest extends TrackingTestSupport {

    /** A backslash-quote: with standard_conforming_strings off it escapes the quote jOOQ doubles, and the string runs on. */
    private static final String BACKSLASH_QUOTE = "x\\'";
    /** Read as SQL once the first literal has swallowed the text up to this literal's opening quote: it closes the COPY. */
    private static final String SQL_TEXT = " OR true)) TO STDOUT WITH (FORMAT csv, HEADER true) --";

    @Test
    void withStandardConformingStringsOffACraftedFilterExportsExactlyWhatCountFinds() {
        withRollback(registry -> {
            DSLContext ctx = registry.dsl();
            ctx.execute("SET standard_conforming_strings = off");
            ctx.execute("SET escape_string_warning = off");
            java.util.UUID newest = registry.runs().search().fetch().get(0).runId();
            registry.runs().where(RunFilter.runId().eq(newest)).bulk().preview(1).archive();
            RunSearch crafted = registry.runs().where(modelName().eq(BACKSLASH_QUOTE).and(notes().eq(SQL_TEXT)));

            // the statement the old export built, values inlined, returns every row, the archived one too: the values are an attack
            String inlined = "COPY (" + ctx.renderInlined(crafted.orderBy(RunOrder.NEWEST_FIRST).asSelect())
                    + ") TO STDOUT WITH (FORMAT csv, HEADER true)";
            ByteArrayOutputStream leaked = new ByteArrayOutputStream();
            long leakedRows = ctx.connectionResult(c -> c.unwrap(PGConnection.class).getCopyAPI().copyOut(inlined, leaked));
            assertThat(leakedRows).isEqualTo(ctx.fetchCount(Runs.T)).isPositive();

            StringWriter csv = new StringWriter();
            long exported = crafted.exportCsv(csv);
            assertThat(crafted.count()).isZero();
            assertThat(crafted.fetch()).isEmpty();
            assertThat(exported).isZero();
            assertThat(csv.toString()).isEqualTo(String.join(",", RunCsv.COLUMNS) + "\n");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            assertThat(registry.runs().csv().export(crafted, bytes)).isZero();
            assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(csv.toString());
            return null;
        });
    }

    @Test
    void exportIsByteForByteWhatCopyWrites() {
        withRollback(registry -> {
            Runs runs = registry.runs();
            Run tricky = runs.submit(newRun("csv-quoting"));
            runs.appendNote(tricky.runId(), "comma, \"quote\", line\nbreak\r\nand \\. ünïcødé 🚀");
            runs.submit(NewRun.builder().model("csv-empty").framework(org.mlregistry.schema.types.Framework.JAX)
                    .experiment("e").dataset("d").computeTarget("t").notes("").build());
            ByteArrayOutputStream ours = new ByteArrayOutputStream();
            long rows = runs.csv().export(runs.search(), ours);

            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            registry.dsl().connection(c -> c.unwrap(PGConnection.class).getCopyAPI().copyOut(
                    "COPY (SELECT * FROM tracking.training_runs WHERE archived_at IS NULL "
                            + "ORDER BY created_at DESC NULLS LAST, run_id DESC) TO STDOUT WITH (FORMAT csv, HEADER true)", copy));
            assertThat(rows).isEqualTo(runs.search().count()).isGreaterThan(2);
            assertThat(ours.toString(StandardCharsets.UTF_8)).contains("\"comma, \"\"quote\"\", line\nbreak\r\nand \\. ünïcødé 🚀\"")
                    .contains(",\"\",");
            assertThat(ours.toByteArray()).isEqualTo(copy.toByteArray());

            StringWriter running = new StringWriter();
            RunSearch queued = runs.where(RunFilter.status().eq(RunStatus.QUEUED));
            assertThat(queued.exportCsv(running)).isEqualTo(queued.count());
            return null;
        });
    }
}
