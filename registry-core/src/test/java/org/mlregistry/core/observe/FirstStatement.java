package org.mlregistry.core.observe;

import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.mlregistry.core.Registry;

/** Main class of {@link JooqBannerTest}'s JVMs: renders jOOQ's first statement, after or before loading the registry. */
final class FirstStatement {

    private FirstStatement() {
    }

    public static void main(String[] args) {
        if (args[0].equals("registry-first")) {
            Registry.configure().dsl(DSL.using(SQLDialect.POSTGRES)).load();
        }
        System.out.println("rendered: " + DSL.using(SQLDialect.POSTGRES).render(DSL.select(DSL.inline(1))));
    }
}
