package org.mlregistry.examples.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.mlregistry.examples.catalog.LabStatement.Check;
import org.mlregistry.examples.lab01.Transactions;

/**
 * Every example names the test that proves it, and that test is a test method on the test
 * classpath: a renamed or deleted test fails here instead of leaving LAB-INDEX.md pointing nowhere.
 */
class ProvingTestsTest {

    private static Example example(String id) {
        return LabCatalog.select(List.of(id)).get(0);
    }

    /** Why the named test cannot prove anything, or empty when it is a test method that exists. */
    static Optional<String> problem(MethodRef test) {
        Class<?> testClass;
        try {
            testClass = Class.forName(test.className(), false, ProvingTestsTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return Optional.of("no class " + test.className() + " on the test classpath");
        }
        boolean isTest = Arrays.stream(testClass.getDeclaredMethods())
                .anyMatch(method -> method.getName().equals(test.methodName())
                        && (method.isAnnotationPresent(Test.class) || method.isAnnotationPresent(ParameterizedTest.class)));
        return isTest ? Optional.empty() : Optional.of(test.className() + " has no @Test method " + test.methodName());
    }

    @Test
    void everyDedicatedTestExampleNamesItsTest() {
        List<String> unnamed = LabCatalog.all().stream()
                .filter(e -> e.check() == Check.DEDICATED_TEST && e.provingTest().isEmpty())
                .map(Example::id).toList();

        assertThat(unnamed).as("DEDICATED_TEST examples whose @LabStatement has no test = \"Class#method\"").isEmpty();
    }

    @Test
    void onlyDedicatedTestExamplesNameATest() {
        List<String> named = LabCatalog.all().stream()
                .filter(e -> e.check() != Check.DEDICATED_TEST && !e.test().isEmpty())
                .map(Example::id).toList();

        assertThat(named).as("examples the equivalence test proves, yet naming a test").isEmpty();
    }

    @Test
    void everyNamedTestIsATestMethodOnTheTestClasspath() {
        List<String> problems = LabCatalog.all().stream()
                .flatMap(e -> e.provingTest().flatMap(ProvingTestsTest::problem).map(p -> e.id() + ": " + p).stream())
                .toList();

        assertThat(problems).isEmpty();
    }

    @Test
    void theCheckFindsAMissingClassAMissingMethodAndAHelperThatIsNoTest() {
        String transactionsTest = "org.mlregistry.examples.lab01.TransactionsTest";

        assertThat(problem(MethodRef.test("org.mlregistry.examples.lab01.NoSuchTest", "anything")))
                .hasValue("no class org.mlregistry.examples.lab01.NoSuchTest on the test classpath");
        assertThat(problem(MethodRef.test(transactionsTest, "noSuchMethod")))
                .hasValue(transactionsTest + " has no @Test method noSuchMethod");
        assertThat(problem(MethodRef.test(transactionsTest, "runsNamed")))
                .hasValue(transactionsTest + " has no @Test method runsNamed");
        assertThat(problem(MethodRef.test(transactionsTest, "savepointKeepsOnlyTheFirstInsert"))).isEmpty();
    }

    @Test
    void knownExamplesNameTheTestsThatProveThem() {
        assertThat(example("L1.P7.20").provingTest()).map(MethodRef::name)
                .hasValue("lab01.TransactionsTest#savepointKeepsOnlyTheFirstInsert");
        assertThat(example("L2.P4.02").provingTest()).map(MethodRef::name)
                .hasValue("lab02.SchemaVerificationTest#describeModelsShowsColumnsNullabilityDefaultsAndComments");
        assertThat(example("L2.P4.02").provingTest()).map(MethodRef::sourcePath)
                .hasValue("src/test/java/org/mlregistry/examples/lab02/SchemaVerificationTest.java");
        assertThat(example("L1.P4.01").provingTest()).map(MethodRef::name)
                .hasValue("equivalence.LabEquivalenceTest#returnsWhatTheLabSqlReturns");
        assertThat(example("L1.P7.12").provingTest()).map(MethodRef::name)
                .hasValue("equivalence.LabEquivalenceTest#writesWhatTheLabSqlWrites");
    }

    @Test
    void aSimpleTestClassNameIsResolvedInTheExamplesPackageAQualifiedOneAsGiven() throws NoSuchMethodException {
        assertThat(dedicated("TransactionsTest#aTest").provingTest()).map(MethodRef::className)
                .hasValue("org.mlregistry.examples.lab01.TransactionsTest");
        assertThat(dedicated("org.mlregistry.examples.lab02.SchemaVerificationTest#aTest").provingTest())
                .map(MethodRef::className).hasValue("org.mlregistry.examples.lab02.SchemaVerificationTest");
        assertThat(dedicated("").provingTest()).isEmpty();
        assertThatThrownBy(() -> dedicated("TransactionsTest").provingTest())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is not TestClass#method");
    }

    /** A DEDICATED_TEST example of a lab01 method, naming the given test. */
    private static Example dedicated(String test) throws NoSuchMethodException {
        Method method = Transactions.class.getMethod("insertOrReportError", DSLContext.class);
        return new Example(List.of("L1.P7.30"), "Step 7.1: Transaction Examples", "a title", "SELECT 1", "SELECT 1",
                Check.DEDICATED_TEST, false, "", test, method);
    }
}
