package org.mlregistry.examples.book;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.mlregistry.examples.catalog.LabDefects;

/**
 * The rows of LAB-DEFECTS.md (copied into the jar by the build) by statement id, each cell's
 * Markdown rendered to HTML by commonmark.
 */
final class DefectNotes {

    static final String RESOURCE = JavaSources.ROOT + "LAB-DEFECTS.md";

    /** One cell of a note: the column's heading and the cell as HTML. */
    record Cell(String heading, String html) {
    }

    /** One row of the document, as shown beside a statement. */
    record Note(int line, List<Cell> cells) {
    }

    private final Map<String, List<LabDefects.Row>> rowsById;
    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().escapeHtml(true).build();

    private DefectNotes(Map<String, List<LabDefects.Row>> rowsById) {
        this.rowsById = rowsById;
    }

    static DefectNotes load() {
        try (InputStream in = DefectNotes.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path (the build copies it there)");
            }
            return new DefectNotes(LabDefects.rowsById(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The notes of any of the ids, each row once, in document order. */
    List<Note> of(List<String> ids) {
        List<LabDefects.Row> rows = new ArrayList<>();
        ids.stream().flatMap(id -> rowsById.getOrDefault(id, List.of()).stream())
                .filter(row -> !rows.contains(row)).forEach(rows::add);
        rows.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return rows.stream().map(this::note).toList();
    }

    private Note note(LabDefects.Row row) {
        List<Cell> cells = new ArrayList<>();
        for (int i = 0; i < row.cells().size(); i++) {
            cells.add(new Cell(row.header().get(i), renderer.render(parser.parse(row.cells().get(i))).strip()));
        }
        return new Note(row.line(), cells);
    }
}
