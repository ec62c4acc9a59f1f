package org.mlregistry.examples.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rows of LAB-DEFECTS.md: every table whose header starts with "Statement id" and ends with
 * "Proven by". A row's statement ids are in its first cell (ranges such as {@code L1.P3.02–05} or
 * {@code L2.P3.01–L2.P3.12} stand for every id between); its figures are the counts written
 * <i>number [word] unit</i> (rows, indexes, tables, keys, constraints, kB) in the PostgreSQL and
 * mlregistry columns; its tests are the {@code `Class#method`} names of its last cell.
 * {@code LabDefectsTest} keeps the document in step with the tests; the lab book shows each row
 * beside the statements it names.
 */
public final class LabDefects {

    private static final Pattern ID_OR_RANGE = Pattern.compile(
            "(L[12]\\.(?:P\\d+|V)\\.)(\\d+)(?:\\s*(?:[–-]|\\.\\.)\\s*(?:L[12]\\.(?:P\\d+|V)\\.)?(\\d+))?");
    private static final Pattern FIGURE = Pattern.compile(
            "(?<![\\w.])(\\d+) (?:[\\w`*-]+ )?(?:rows?|indexes|index|tables?|keys?|kB|constraints?)\\b");
    private static final Pattern TEST = Pattern.compile("`((?:\\w+\\.)*\\w+)#(\\w+)`");
    private static final Pattern CELL_SEPARATOR = Pattern.compile("(?<!\\\\)\\|");

    private LabDefects() {
    }

    /** A named test: the class's simple name, optionally after its package relative to the module's base package. */
    record TestRef(String qualifier, String simpleName, String method) {
        String name() {
            return (qualifier.isEmpty() ? "" : qualifier + ".") + simpleName + "#" + method;
        }
    }

    /**
     * One table row, with its line number in the document and its table's header.
     *
     * @param line   the row's line number in the document
     * @param header the table's column headings
     * @param cells  the row's cells, as Markdown
     */
    public record Row(int line, List<String> header, List<String> cells) {
        /** The statement ids of the first cell, ranges expanded. */
        public List<String> ids() {
            return LabDefects.ids(cells.get(0));
        }

        /** The counts stated in the PostgreSQL and mlregistry columns (the lab's own claims are not checked). */
        List<Integer> figures() {
            List<Integer> figures = new ArrayList<>();
            for (String cell : cells.subList(2, 4)) {
                Matcher m = FIGURE.matcher(cell);
                while (m.find()) {
                    figures.add(Integer.parseInt(m.group(1)));
                }
            }
            return figures;
        }

        List<TestRef> tests() {
            List<TestRef> tests = new ArrayList<>();
            Matcher m = TEST.matcher(cells.get(cells.size() - 1));
            while (m.find()) {
                String qualified = m.group(1);
                int dot = qualified.lastIndexOf('.');
                tests.add(new TestRef(dot < 0 ? "" : qualified.substring(0, dot), qualified.substring(dot + 1), m.group(2)));
            }
            return tests;
        }

        /** Where the row is, for messages: its line and first id. */
        String where() {
            return "line " + line + " (" + cells.get(0) + ")";
        }
    }

    /** The rows of every statement-id table of the document. */
    public static List<Row> rows(String markdown) {
        List<String> lines = markdown.lines().toList();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            List<String> header = lines.get(i).startsWith("|") ? cells(lines.get(i)) : List.of();
            if (header.isEmpty() || !header.get(0).equalsIgnoreCase("Statement id")) {
                continue;
            }
            if (!header.get(header.size() - 1).equalsIgnoreCase("Proven by")) {
                throw new IllegalStateException("line " + (i + 1) + ": the table's last column is not 'Proven by'");
            }
            for (i += 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
                List<String> cells = cells(lines.get(i));
                if (cells.size() != header.size()) {
                    throw new IllegalStateException("line " + (i + 1) + ": " + cells.size() + " cells, the header has " + header.size());
                }
                rows.add(new Row(i + 1, header, cells));
            }
        }
        return rows;
    }

    /** The rows naming each statement id, in document order. */
    public static Map<String, List<Row>> rowsById(String markdown) {
        Map<String, List<Row>> byId = new LinkedHashMap<>();
        for (Row row : rows(markdown)) {
            row.ids().forEach(id -> byId.computeIfAbsent(id, key -> new ArrayList<>()).add(row));
        }
        return byId;
    }

    /** Every statement id written in text, ranges expanded. */
    static List<String> ids(String text) {
        List<String> ids = new ArrayList<>();
        Matcher m = ID_OR_RANGE.matcher(text);
        while (m.find()) {
            String first = m.group(2);
            int last = m.group(3) == null ? Integer.parseInt(first) : Integer.parseInt(m.group(3));
            for (int n = Integer.parseInt(first); n <= last; n++) {
                ids.add(m.group(1) + String.format("%0" + first.length() + "d", n));
            }
        }
        return ids;
    }

    private static List<String> cells(String line) {
        String[] parts = CELL_SEPARATOR.split(line.strip(), -1);
        List<String> cells = new ArrayList<>();
        for (int i = 1; i < parts.length - 1; i++) {
            cells.add(parts[i].strip());
        }
        return cells;
    }
}
