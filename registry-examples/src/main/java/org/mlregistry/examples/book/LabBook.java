package org.mlregistry.examples.book;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Record;
import org.jooq.Result;
import org.mlregistry.examples.catalog.Example;
import org.mlregistry.examples.catalog.Execution;
import org.mlregistry.examples.catalog.LabIndex;
import org.mlregistry.examples.catalog.LabPart;
import org.mlregistry.examples.output.TextValue;

/**
 * The lab book: a static site, opened from the file system, with an index of every lab statement
 * (by lab, part and step, with its status and a filter) and one page per lab part showing, per
 * statement, the lab's SQL, the Java of the example, the SQL jOOQ rendered, the result, a chart
 * where the result is a series or a comparison, and the LAB-DEFECTS.md note where there is one.
 * Pages are Mustache templates; highlight.js (from its webjar) colours the code in the browser.
 */
public final class LabBook {

    /** The index page's file name. */
    public static final String INDEX = "index.html";
    /** Rows of a result shown; the row count is always given. */
    static final int SHOWN_ROWS = 10;
    private static final String TEMPLATES = "org/mlregistry/examples/book/";
    private static final String HIGHLIGHT = "META-INF/resources/webjars/highlightjs/11.10.0/";

    /** What was written: the index page and how many statements, examples, charts and notes the book holds. */
    public record Summary(Path index, int statements, int examples, int charts, int notes, int failures) {
    }

    private final BookFolder folder;
    private final MustacheFactory templates = new DefaultMustacheFactory(TEMPLATES);
    private final JavaSources sources = new JavaSources();
    private final DefectNotes defects = DefectNotes.load();

    private LabBook(BookFolder folder) {
        this.folder = folder;
    }

    /**
     * A book to be written into dir, checked now, before any example runs.
     *
     * @param overwrite whether a folder that holds files may be written into (only the book's files are replaced)
     * @throws LabBookException when dir holds files and overwrite is false, or dir cannot be written
     */
    public static LabBook at(Path dir, boolean overwrite) {
        return new LabBook(BookFolder.prepare(dir, overwrite));
    }

    /** The folder the book is written into. */
    public Path folder() {
        return folder.root();
    }

    /**
     * Writes the book of these runs (in lab order): the index, one page per part, the assets.
     *
     * @throws LabBookException when a file cannot be written
     */
    public Summary write(List<Execution> executions) {
        Map<LabPart, List<Views.Statement>> parts = new LinkedHashMap<>();
        Map<LabPart, List<Views.IndexRow>> rows = new LinkedHashMap<>();
        int charts = 0;
        int notes = 0;
        int statements = 0;
        int failures = 0;
        for (Execution execution : executions) {
            Views.Statement statement = statement(execution);
            parts.computeIfAbsent(execution.example().part(), key -> new ArrayList<>()).add(statement);
            rows.computeIfAbsent(execution.example().part(), key -> new ArrayList<>()).add(new Views.IndexRow(
                    statement.ids(), statement.title(), statement.step(), statement.statusCss(), statement.statusText(),
                    !statement.notes().isEmpty(), statement.chart() != null, statement.searchText()));
            charts += statement.chart() == null ? 0 : 1;
            notes += statement.notes().isEmpty() ? 0 : 1;
            statements += statement.ids().size();
            failures += execution.error() == null ? 0 : 1;
        }
        List<LabPart> order = new ArrayList<>(parts.keySet());
        for (int i = 0; i < order.size(); i++) {
            LabPart part = order.get(i);
            Views.PartPage page = new Views.PartPage(part.prefix() + " " + part.heading(), LabIndex.labTitle(lab(part)),
                    link(part), i == 0 ? null : link(order.get(i - 1)), i == order.size() - 1 ? null : link(order.get(i + 1)),
                    parts.get(part));
            folder.write(fileName(part), render("part.mustache", page));
        }
        List<Views.IndexLab> labs = new ArrayList<>();
        for (int lab : List.of(1, 2)) {
            List<Views.IndexPart> labParts = order.stream().filter(part -> lab(part) == lab)
                    .map(part -> new Views.IndexPart(link(part), rows.get(part))).toList();
            if (!labParts.isEmpty()) {
                labs.add(new Views.IndexLab(LabIndex.labTitle(lab), labParts));
            }
        }
        String generated = OffsetDateTime.now(ZoneOffset.UTC).withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        Views.IndexPage index = new Views.IndexPage("mlregistry lab book", generated, labs, statements, executions.size(),
                charts, notes, failures == 0 ? null : failures);
        Path indexFile = folder.write(INDEX, render("index.mustache", index));
        folder.copyResource(TEMPLATES + "book.css", "assets/book.css");
        folder.copyResource(TEMPLATES + "book.js", "assets/book.js");
        folder.copyResource(HIGHLIGHT + "highlight.min.js", "assets/highlight.min.js");
        folder.copyResource(HIGHLIGHT + "styles/github.min.css", "assets/highlight-github.min.css");
        return new Summary(indexFile, statements, executions.size(), charts, notes, failures);
    }

    private Views.Statement statement(Execution execution) {
        Example example = execution.example();
        List<DefectNotes.Note> notes = defects.of(example.ids());
        Status status = Status.of(example, notes);
        List<Views.IdLink> ids = example.ids().stream().map(id -> new Views.IdLink(id, href(id))).toList();
        String rendered = execution.sql().isEmpty() ? "-- no SQL was executed"
                : String.join(";\n\n", execution.sql()) + ";";
        Charts.Chart chart = Charts.of(execution).orElse(null);
        String search = String.join(" ", example.ids()) + " " + example.title() + " " + example.step() + " " + status.text();
        return new Views.Statement(example.id(), ids, String.join(", ", example.ids()), example.title(), example.step(),
                status.css(), status.text(), example.javaMethod().name(),
                example.provingTest().map(test -> test.name()).orElse(null), example.labSql(),
                sources.method(example.javaMethod()), rendered, table(execution.result()),
                execution.error() == null ? null : execution.errorMessage(), notes, chart, search);
    }

    private static Views.Table table(Result<? extends Record> result) {
        if (result == null) {
            return null;
        }
        List<String> columns = List.of(result.fields()).stream().map(field -> field.getName()).toList();
        List<Views.Row> rows = new ArrayList<>();
        for (Record record : result.subList(0, Math.min(SHOWN_ROWS, result.size()))) {
            List<Views.Cell> cells = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                Object value = record.get(i);
                cells.add(new Views.Cell(value == null ? "" : TextValue.of(value), TextValue.isNumber(value), value == null));
            }
            rows.add(new Views.Row(cells));
        }
        String count = "(" + result.size() + (result.size() == 1 ? " row" : " rows")
                + (result.size() > SHOWN_ROWS ? ", the first " + SHOWN_ROWS + " shown" : "") + ")";
        return new Views.Table(columns, rows, result.size(), result.size() > SHOWN_ROWS, count);
    }

    private String render(String template, Object scope) {
        Mustache mustache = templates.compile(template);
        StringWriter out = new StringWriter();
        mustache.execute(out, scope);
        return out.toString();
    }

    private static int lab(LabPart part) {
        return part.prefix().charAt(1) - '0';
    }

    /** The part's page, e.g. {@code L1.P4.html}. */
    static String fileName(LabPart part) {
        return part.prefix() + ".html";
    }

    /** The link to a statement: its part's page and the id as anchor. */
    static String href(String id) {
        return fileName(LabPart.of(id)) + "#" + id;
    }

    private static Views.PartLink link(LabPart part) {
        return new Views.PartLink(fileName(part), part.prefix(), part.heading());
    }
}
