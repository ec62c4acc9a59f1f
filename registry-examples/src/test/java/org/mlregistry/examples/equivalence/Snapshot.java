package org.mlregistry.examples.equivalence;

import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.ArrayList;
import java.util.HashMap;
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
 * Every row of both schemas, for comparing what two writes did. New rows get random UUIDs, so a
 * UUID that did not exist before is shown by what it identifies: a new row's own key as
 * {@code <new row>}, a reference to a new row as {@code → table(the new row's other values)}; rows
 * are sorted. Two writes that insert the same rows, pointing at the same rows, compare equal; a
 * foreign key to the wrong new row does not.
 */
public record Snapshot(Map<String, List<String>> tables) {

    private static final String NEW = "<new uuid>";

    public static Snapshot take(DSLContext ctx) {
        return take(ctx, null);
    }

    public static Snapshot take(DSLContext ctx, Snapshot before) {
        Set<String> known = before == null ? null : before.uuids();
        Map<String, String> keys = primaryKeys(ctx);
        Map<String, List<List<String>>> raw = new TreeMap<>();
        Map<String, Integer> keyColumns = new HashMap<>();
        Map<String, String> newRows = new HashMap<>();
        for (Map.Entry<String, String> table : keys.entrySet()) {
            String[] parts = table.getKey().split("\\.");
            Result<Record> rows = ctx.selectFrom(table(name(parts[0], parts[1]))).fetch();
            int key = rows.fieldsRow().indexOf(table.getValue());
            keyColumns.put(table.getKey(), key);
            List<List<String>> texts = new ArrayList<>();
            for (List<Object> row : Rows.values(rows)) {
                List<String> cells = row.stream().map(String::valueOf).toList();
                texts.add(cells);
                if (known != null && key >= 0 && isNew(cells.get(key), known)) {
                    List<String> others = new ArrayList<>();
                    for (int i = 0; i < cells.size(); i++) {
                        if (i != key) {
                            others.add(isNew(cells.get(i), known) ? NEW : cells.get(i));
                        }
                    }
                    newRows.put(cells.get(key), table.getKey() + "(" + String.join(", ", others) + ")");
                }
            }
            raw.put(table.getKey(), texts);
        }
        Map<String, List<String>> tables = new TreeMap<>();
        raw.forEach((table, rows) -> {
            int key = keyColumns.get(table);
            List<String> texts = new ArrayList<>();
            for (List<String> row : rows) {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < row.size(); i++) {
                    String cell = row.get(i);
                    cells.add(known == null || !isNew(cell, known) ? cell
                            : i == key && newRows.containsKey(cell) ? "<new row>"
                            : "→ " + newRows.getOrDefault(cell, NEW));
                }
                texts.add(String.join(" | ", cells));
            }
            texts.sort(null);
            tables.put(table, texts);
        });
        return new Snapshot(tables);
    }

    /** Every base table of both schemas (Flyway's history aside) → its single-column primary key, or "". */
    private static Map<String, String> primaryKeys(DSLContext ctx) {
        Map<String, String> keys = new TreeMap<>();
        ctx.resultQuery("""
                SELECT t.table_schema || '.' || t.table_name,
                       coalesce((SELECT min(k.column_name)
                                   FROM information_schema.table_constraints c
                                   JOIN information_schema.key_column_usage k USING (constraint_schema, constraint_name)
                                  WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name
                                    AND c.constraint_type = 'PRIMARY KEY'
                                 HAVING count(*) = 1), '')
                  FROM information_schema.tables t
                 WHERE t.table_schema IN ('tracking', 'registry') AND t.table_type = 'BASE TABLE'
                   AND t.table_name NOT LIKE 'flyway%'
                """).fetch().forEach(r -> keys.put(r.get(0, String.class), r.get(1, String.class)));
        return keys;
    }

    private static boolean isNew(String cell, Set<String> known) {
        return isUuid(cell) && !known.contains(cell);
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
