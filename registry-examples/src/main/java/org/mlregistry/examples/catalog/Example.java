package org.mlregistry.examples.catalog;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;

/**
 * One catalogued example: a lab statement (or group) and the Java method that realizes it.
 *
 * @param ids        the lab's statement ids, the first one ordering the catalog
 * @param step       the lab's heading of the step the statements appear under
 * @param title      the lab's title for the statement
 * @param labSql     the lab's SQL, verbatim
 * @param checkedSql the SQL the equivalence test compares with (the lab's, unless it needed a fix)
 * @param check      how the example is proven equal to the lab SQL
 * @param ordered    whether the row order is compared too: the SQL has a final ORDER BY and no documented ties
 * @param ties       why rows tied by the final ORDER BY may come back in another order, or empty
 * @param test       for {@link LabStatement.Check#DEDICATED_TEST}, the proving test as annotated (may be empty)
 * @param method     the Java realization
 */
public record Example(List<String> ids, String step, String title, String labSql, String checkedSql,
                      LabStatement.Check check, boolean ordered, String ties, String test, Method method) {

    private static final String EQUIVALENCE_TEST = "org.mlregistry.examples.equivalence.LabEquivalenceTest";

    static Example of(Method method) {
        LabStatement statement = method.getAnnotation(LabStatement.class);
        String checked = statement.checkedSql().isBlank() ? statement.sql().strip() : statement.checkedSql().strip();
        String ties = statement.ties().strip();
        return new Example(List.of(statement.ids()), statement.step(), statement.title(), statement.sql().strip(),
                checked, statement.check(), ties.isEmpty() && SqlText.hasFinalOrderBy(checked), ties,
                statement.test().strip(), method);
    }

    /** The first id, which orders the catalog. */
    public String id() {
        return ids.get(0);
    }

    /** 1 or 2. */
    public int lab() {
        return id().charAt(1) - '0';
    }

    /** The lab part the statements belong to. */
    public LabPart part() {
        return LabPart.of(id());
    }

    /** The PostgreSQL schema the lab's unqualified names refer to. */
    public String schema() {
        return lab() == 1 ? "tracking" : "registry";
    }

    /** Whether any of its ids equals, or starts with, prefix followed by a dot (e.g. "L1.P8"). */
    public boolean matches(String prefix) {
        return ids.stream().anyMatch(id -> id.equals(prefix) || id.startsWith(prefix + "."));
    }

    /** The Java method that realizes the example, e.g. {@code lab01.ReadQueries#selectAllColumns}. */
    public MethodRef javaMethod() {
        return MethodRef.main(method.getDeclaringClass().getName(), method.getName());
    }

    /**
     * The test method that proves the example: the equivalence test's query or write check, or for
     * {@link LabStatement.Check#DEDICATED_TEST} the test its annotation names (empty when it names none).
     *
     * @throws IllegalStateException when the named test is not of the form {@code TestClass#method}
     */
    public Optional<MethodRef> provingTest() {
        return switch (check) {
            case SAME_ROWS -> Optional.of(MethodRef.test(EQUIVALENCE_TEST, "returnsWhatTheLabSqlReturns"));
            case SAME_EFFECT -> Optional.of(MethodRef.test(EQUIVALENCE_TEST, "writesWhatTheLabSqlWrites"));
            case DEDICATED_TEST -> test.isEmpty() ? Optional.empty() : Optional.of(dedicatedTest());
        };
    }

    private MethodRef dedicatedTest() {
        int hash = test.indexOf('#');
        if (hash <= 0 || hash == test.length() - 1 || test.indexOf('#', hash + 1) >= 0) {
            throw new IllegalStateException("Example " + id() + ": test '" + test + "' is not TestClass#method");
        }
        String testClass = test.substring(0, hash);
        String qualified = testClass.contains(".") ? testClass : method.getDeclaringClass().getPackageName() + "." + testClass;
        return MethodRef.test(qualified, test.substring(hash + 1));
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
