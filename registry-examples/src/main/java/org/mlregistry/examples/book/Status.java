package org.mlregistry.examples.book;

import java.util.List;
import org.mlregistry.examples.catalog.Example;
import org.mlregistry.examples.catalog.LabStatement;

/**
 * How a statement's example stands to the lab's SQL, derived from the catalog and LAB-DEFECTS.md:
 * proven by a dedicated test, different from the lab (a LAB-DEFECTS.md note, or SQL checked against
 * a corrected form), or the same rows (or the same effect, for a write) as the lab's SQL.
 */
enum Status {
    SAME_ROWS("same", "same rows as the lab's SQL"),
    SAME_EFFECT("same", "same effect as the lab's SQL"),
    DIFFERS("differs", "differs, see note"),
    DEDICATED_TEST("test", "runs as a dedicated test");

    private final String css;
    private final String text;

    Status(String css, String text) {
        this.css = css;
        this.text = text;
    }

    static Status of(Example example, List<?> notes) {
        if (example.check() == LabStatement.Check.DEDICATED_TEST) {
            return DEDICATED_TEST;
        }
        if (!notes.isEmpty() || !example.checkedSql().equals(example.labSql())) {
            return DIFFERS;
        }
        return example.check() == LabStatement.Check.SAME_EFFECT ? SAME_EFFECT : SAME_ROWS;
    }

    String css() {
        return css;
    }

    String text() {
        return text;
    }
}
