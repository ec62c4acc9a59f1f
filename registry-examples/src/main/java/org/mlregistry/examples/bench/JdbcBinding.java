package org.mlregistry.examples.bench;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.EnumType;
import org.jooq.JSONB;

/**
 * Binds a value jOOQ captured as jOOQ binds it for PostgreSQL, so a statement replayed over plain
 * JDBC shares the library's server-prepared statement and plan.
 */
public final class JdbcBinding {

    private JdbcBinding() {
    }

    /** Binds v to parameter p of ps. */
    public static void bind(PreparedStatement ps, int p, Object v) throws SQLException {
        if (v instanceof EnumType e) {
            ps.setString(p, e.getLiteral());
        } else if (v instanceof JSONB j) {
            ps.setString(p, j.data());
        } else if (v instanceof String s) {
            ps.setString(p, s);
        } else if (v instanceof UUID u) {
            ps.setObject(p, u);
        } else if (v instanceof Long l) {
            ps.setLong(p, l);
        } else if (v instanceof Integer n) {
            ps.setInt(p, n);
        } else if (v instanceof Double d) {
            ps.setDouble(p, d);
        } else if (v instanceof BigDecimal d) {
            ps.setBigDecimal(p, d);
        } else if (v instanceof OffsetDateTime t) {
            ps.setString(p, t.toString());
        } else {
            throw new IllegalStateException("no JDBC binding for bind value " + v + " (" + (v == null ? null : v.getClass()) + ")");
        }
    }
}
