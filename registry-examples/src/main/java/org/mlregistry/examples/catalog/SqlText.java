package org.mlregistry.examples.catalog;

import java.util.Locale;

/** What the equivalence test needs to know of a statement's SQL text. */
final class SqlText {

    private SqlText() {
    }

    /**
     * Whether the last statement of sql ends in an {@code ORDER BY} of its own: one outside every
     * parenthesis (so not a window's or a subquery's), string literal and comment.
     */
    static boolean hasFinalOrderBy(String sql) {
        String last = lastStatement(sql);
        StringBuilder top = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < last.length(); i++) {
            char c = last.charAt(i);
            if (c == '\'') {
                i = last.indexOf('\'', i + 1);
                if (i < 0) {
                    break;
                }
                top.append(' ');
            } else if (c == '-' && i + 1 < last.length() && last.charAt(i + 1) == '-') {
                int end = last.indexOf('\n', i);
                i = end < 0 ? last.length() : end;
                top.append(' ');
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0) {
                top.append(c);
            }
        }
        return top.toString().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ").contains("ORDER BY");
    }

    private static String lastStatement(String sql) {
        String trimmed = sql.strip();
        if (trimmed.endsWith(";")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        int cut = trimmed.lastIndexOf(';');
        return cut < 0 ? trimmed : trimmed.substring(cut + 1);
    }
}
