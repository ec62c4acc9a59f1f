package org.mlregistry.examples.equivalence;

import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;

/**
 * Every row of both schemas, for comparing what two writes did. UUIDs that did not exist before
 * (new rows get random ones) are replaced by a marker, and rows are sorted, so two writes that
 * insert the same rows compare equal.
 */
public record Snapshot(Map<String, List<String>> tables) {

    public static Snapshot take(DSLContext ctx) {
        return take(ctx, null);
    }

    public static Snapshot take(DSLContext ctx, Snapshot before) {
        Set<String> known = before == null ? null : before.uuids();
        Map<String, List<String>> tables = new TreeMap<>();
        List<String> names = ctx.resultQuery("""
                SELECT table_schema || '.' || table_name FROM information_schema.tables
                 WHERE table_schema IN ('tracking', 'registry') AND table_type = 'BASE TABLE'
                   AND table_name NOT LIKE 'flyway%'
                """).fetch(0, String.class);
        for (String qualified : names) {
            String[] parts = qualified.split("\\.");
            Result<Record> rows = ctx.selectFrom(table(name(parts[0], parts[1]))).fetch();
            List<String> texts = new ArrayList<>();
            for (List<Object> row : Rows.values(rows)) {
                List<String> cells = new ArrayList<>();
                for (Object cell : row) {
                    String text = String.valueOf(cell);
                    cells.add(known != null && isUuid(text) && !known.contains(text) ? "<new uuid>" : text);
                }
                texts.add(String.join(" | ", cells));
            }
            texts.sort(null);
            tables.put(qualified, texts);
        }
        return new Snapshot(tables);
    }

    /** Rows found in one snapshot and not the other, per table; empty when both are equal. */
    public List<String> differences(Snapshot other) {
        List<String> differences = new ArrayList<>();
        Set<String> names = new java.util.TreeSet<>(tables.keySet());
        names.addAll(other.tables.keySet());
        for (String table : names) {
            List<String> mine = new ArrayList<>(tables.getOrDefault(table, List.of()));
            List<String> theirs = new ArrayList<>(other.tables.getOrDefault(table, List.of()));
            List<String> onlyMine = new ArrayList<>(mine);
            theirs.forEach(onlyMine::remove);
            mine.forEach(theirs::remove);
            onlyMine.forEach(row -> differences.add(table + " only here:  " + row));
            theirs.forEach(row -> differences.add(table + " only there: " + row));
        }
        return differences;
    }

    private Set<String> uuids() {
        Set<String> uuids = new HashSet<>();
        tables.values().forEach(rows -> rows.forEach(row -> {
            for (String cell : row.split(" \\| ")) {
                if (isUuid(cell)) {
                    uuids.add(cell);
                }
            }
        }));
        return uuids;
    }

    private static boolean isUuid(String text) {
        if (text.length() != 36) {
            return false;
        }
        try {
            UUID.fromString(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
