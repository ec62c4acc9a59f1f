package org.mlregistry.examples.catalog;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;

/** One catalogued example: a lab statement (or group) and the Java method that realizes it. */
public record Example(List<String> ids, String title, String labSql, String checkedSql,
                      LabStatement.Check check, boolean ordered, Method method) {

    static Example of(Method method) {
        LabStatement statement = method.getAnnotation(LabStatement.class);
        return new Example(List.of(statement.ids()), statement.title(), statement.sql().strip(),
                statement.checkedSql().isBlank() ? statement.sql().strip() : statement.checkedSql().strip(),
                statement.check(), statement.ordered(), method);
    }

    /** The first id, which orders the catalog. */
    public String id() {
        return ids.get(0);
    }

    /** 1 or 2. */
    public int lab() {
        return id().charAt(1) - '0';
    }

    /** The PostgreSQL schema the lab's unqualified names refer to. */
    public String schema() {
        return lab() == 1 ? "tracking" : "registry";
    }

    /** Whether any of its ids equals, or starts with, prefix followed by a dot (e.g. "L1.P8"). */
    public boolean matches(String prefix) {
        return ids.stream().anyMatch(id -> id.equals(prefix) || id.startsWith(prefix + "."));
    }

    /** Runs the Java realization. */
    public Result<? extends Record> run(DSLContext ctx) {
        try {
            return (Result<? extends Record>) method.invoke(null, ctx);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return String.join(",", ids) + " " + title;
    }
}
