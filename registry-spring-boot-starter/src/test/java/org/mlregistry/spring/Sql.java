package org.mlregistry.spring;

import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.mlregistry.schema.TestDatabase;

/** Fresh databases for the starter's tests and hand-written counts on them, outside any Spring transaction. */
public final class Sql {

    private Sql() {
    }

    /** A new, empty database on the test server: the starter's migration has everything to do. */
    public static DataSource freshDatabase() {
        return TestDatabase.freshDatabase();
    }

    /** The test server's migrated database (the starter's migration finds nothing to do there). */
    public static DataSource sharedDatabase() {
        return TestDatabase.dataSource();
    }

    /** The one number a hand-written {@code SELECT count(*) …} returns, on a connection of its own. */
    public static long count(DataSource dataSource, String sql, Object... bindings) {
        return DSL.using(dataSource, SQLDialect.POSTGRES).fetchValue(sql, bindings) instanceof Number n
                ? n.longValue() : -1;
    }
}
