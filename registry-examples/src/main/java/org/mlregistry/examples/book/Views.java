package org.mlregistry.examples.book;

import java.util.List;

/** What the templates show: plain records, read by Mustache through their accessors. */
final class Views {

    private Views() {
    }

    /** A link to a part page. */
    record PartLink(String href, String prefix, String heading) {
    }

    /** One statement id of an example, with the page and anchor it has. */
    record IdLink(String id, String href) {
    }

    /** A result table: its columns, its first rows, the row count. */
    record Table(List<String> columns, List<Row> rows, int count, boolean truncated, String countText) {
    }

    /** One row of a result table. */
    record Row(List<Cell> cells) {
    }

    /** One value of a result: its text (null as the empty cell) and whether it is a number. */
    record Cell(String text, boolean number, boolean isNull) {
    }

    /** One example of a part page. */
    record Statement(String anchor, List<IdLink> ids, String idsText, String title, String step, String statusCss,
                     String statusText, String javaMethod, String provingTest, String labSql, String java,
                     String renderedSql, Table result, String error, List<DefectNotes.Note> notes,
                     Charts.Chart chart, String searchText) {
    }

    /** A part page. */
    record PartPage(String title, String lab, PartLink part, PartLink previous, PartLink next,
                    List<Statement> statements) {
    }

    /** One row of the index. */
    record IndexRow(List<IdLink> ids, String title, String step, String statusCss, String statusText,
                    boolean hasNote, boolean hasChart, String searchText) {
    }

    /** One lab part on the index, with its rows. */
    record IndexPart(PartLink part, List<IndexRow> rows) {
    }

    /** One lab on the index. */
    record IndexLab(String title, List<IndexPart> parts) {
    }

    /** The index page; failures is null when every example ran. */
    record IndexPage(String title, String generated, List<IndexLab> labs, int statements, int examples,
                     int charts, int notes, Integer failures) {
    }
}
