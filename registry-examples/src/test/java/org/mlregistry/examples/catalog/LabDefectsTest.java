package org.mlregistry.examples.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mlregistry.examples.catalog.LabDefects.Row;
import org.mlregistry.examples.catalog.LabDefects.TestRef;
import org.mlregistry.examples.catalog.LabStatement.Check;

/**
 * LAB-DEFECTS.md stays in step with the tests: each row names tests that exist and mention one of
 * its statement ids (rows proven by the equivalence test name examples it checks), every id is a
 * lab statement the project knows, and every figure of a row is asserted by one of its tests.
 */
class LabDefectsTest {

    private static final Path DOCUMENT = Path.of("LAB-DEFECTS.md");
    private static final String EQUIVALENCE = "LabEquivalenceTest";
    private static final Map<String, Check> EQUIVALENCE_METHODS = Map.of(
            "returnsWhatTheLabSqlReturns", Check.SAME_ROWS, "writesWhatTheLabSqlWrites", Check.SAME_EFFECT);

    private static String document() throws IOException {
        return Files.readString(DOCUMENT);
    }

    @Test
    void everyRowNamesTheTestsThatProveIt() throws IOException {
        List<Row> rows = LabDefects.rows(document());

        assertThat(rows).as("rows of the statement-id tables").hasSize(70);
        assertThat(rows).filteredOn(row -> row.tests().isEmpty()).extracting(Row::where).as("rows without a test").isEmpty();
    }

    @Test
    void everyNamedTestIsATestMethodThatMentionsOneOfTheRowsIds() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Row row : LabDefects.rows(document())) {
            problems.addAll(testProblems(row, TestMethodSource::of));
        }

        assertThat(problems).isEmpty();
    }

    @Test
    void rowsProvenByTheEquivalenceTestNameExamplesItChecks() throws IOException {
        Map<String, Check> checks = new HashMap<>();
        LabCatalog.all().forEach(example -> example.ids().forEach(id -> checks.put(id, example.check())));
        List<String> problems = new ArrayList<>();
        for (Row row : LabDefects.rows(document())) {
            Set<Check> proven = EnumSet.noneOf(Check.class);
            row.tests().stream().filter(test -> test.simpleName().equals(EQUIVALENCE))
                    .filter(test -> EQUIVALENCE_METHODS.containsKey(test.method())).forEach(test -> proven.add(EQUIVALENCE_METHODS.get(test.method())));
            if (!proven.isEmpty()) {
                row.ids().stream().filter(id -> !proven.contains(checks.get(id)))
                        .forEach(id -> problems.add(row.where() + ": " + id + " is " + checks.get(id) + ", not checked by "
                                + EQUIVALENCE));
            }
        }

        assertThat(problems).isEmpty();
    }

    @Test
    void everyStatementIdOfTheDocumentIsALabStatementTheProjectKnows() throws IOException {
        Set<String> known = knownIds();

        assertThat(known).as("known ids").contains("L1.P2.02", "L1.P2.18", "L2.P3.99", "L1.P4.01", "L2.P7.01");
        assertThat(LabDefects.ids(document())).filteredOn(id -> !known.contains(id)).as("unknown statement ids").isEmpty();
    }

    @Test
    void everyFigureOfARowIsAssertedByOneOfItsTests() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Row row : LabDefects.rows(document())) {
            problems.addAll(figureProblems(row, TestMethodSource::of));
        }

        assertThat(problems).isEmpty();
    }

    /** Why the row's tests do not prove it: a name that is no test method, or a test not mentioning the row's ids. */
    static List<String> testProblems(Row row, Function<TestRef, TestMethodSource> sources) {
        List<String> problems = new ArrayList<>();
        for (TestRef test : row.tests()) {
            try {
                TestMethodSource source = sources.apply(test);
                if (!test.simpleName().equals(EQUIVALENCE) && row.ids().stream().noneMatch(source::mentions)) {
                    problems.add(row.where() + ": " + test.name() + " mentions none of " + row.ids());
                }
            } catch (TestMethodSource.NotFound e) {
                problems.add(row.where() + ": " + e.getMessage());
            }
        }
        return problems;
    }

    /** The row's figures that no assertion of its tests (the equivalence test asserts none) states. */
    static List<String> figureProblems(Row row, Function<TestRef, TestMethodSource> sources) {
        Set<Integer> asserted = new HashSet<>();
        row.tests().stream().filter(test -> !test.simpleName().equals(EQUIVALENCE))
                .forEach(test -> asserted.addAll(sources.apply(test).assertedNumbers()));
        return row.figures().stream().filter(figure -> !asserted.contains(figure))
                .map(figure -> row.where() + ": " + figure + " is asserted by none of " + row.tests().stream().map(TestRef::name).toList())
                .toList();
    }

    // ------------------------------------------------------------------ the parser and the checks, on a sample

    private static final String SAMPLE = """
            | Statement id | What the lab says | What PostgreSQL does | What mlregistry does | Proven by |
            |---|---|---|---|---|
            | L1.P3.02–05 | `a \\| b` | 12 rows: 11 CHECK constraints and 1 key | 96 kB, 57 `idx_*` indexes, 3 runs | `FooTest#counts`, `lab02.BarTest#other` |

            | gap | lab 01 | lab 02 | what the migration does |
            |---|---|---|---|
            | framework | 10 rows | 12 rows | not a statement table |
            """;

    private static final TestMethodSource COUNTS = TestMethodSource.in("""
            class FooTest {
                private static final int N = 3;

                /**
                 * L1.P3.04: the counts.
                 */
                @Test
                void counts() {
                    rolledBack(ctx -> {
                        assertThat(ctx.fetch("x")).hasSize(12);
                        assertThat(kinds).isEqualTo(Map.of("c", 11L, "idx", 50 + 7));
                        assertThat(size).isEqualTo("96 kB");
                        assertThat(keys).isEqualTo(1);
                        int ignored = 3;
                    });
                }

                void helper() {
                }
            }
            """, "counts").orElseThrow();

    @Test
    void theParserReadsStatementTablesOnly() {
        List<Row> rows = LabDefects.rows(SAMPLE);

        assertThat(rows).hasSize(1);
        Row row = rows.get(0);
        assertThat(row.line()).isEqualTo(3);
        assertThat(row.cells()).hasSize(5).element(1).isEqualTo("`a \\| b`");
        assertThat(row.ids()).containsExactly("L1.P3.02", "L1.P3.03", "L1.P3.04", "L1.P3.05");
        assertThat(row.figures()).containsExactly(12, 11, 1, 96, 57);
        assertThat(row.tests()).containsExactly(new TestRef("", "FooTest", "counts"), new TestRef("lab02", "BarTest", "other"));
    }

    @Test
    void rangesOfIdsAreExpandedWithOrWithoutTheirPrefix() {
        assertThat(LabDefects.ids("L2.P3.01–L2.P3.03, L1.V.02-04 and L1.P2.03 .. L1.P2.04; L2.P3.100"))
                .containsExactly("L2.P3.01", "L2.P3.02", "L2.P3.03", "L1.V.02", "L1.V.03", "L1.V.04", "L1.P2.03", "L1.P2.04",
                        "L2.P3.100");
    }

    @Test
    void aStatementTableWithoutProvenByOrWithAMissingCellIsRefused() {
        assertThatThrownBy(() -> LabDefects.rows("| Statement id | a | b |\n|---|---|---|\n| L1.P2.01 | x | y |\n"))
                .isInstanceOf(IllegalStateException.class).hasMessage("line 1: the table's last column is not 'Proven by'");
        assertThatThrownBy(() -> LabDefects.rows("| Statement id | a | Proven by |\n|---|---|---|\n| L1.P2.01 | x |\n"))
                .isInstanceOf(IllegalStateException.class).hasMessage("line 3: 2 cells, the header has 3");
    }

    @Test
    void aTestMethodsSourceIsItsJavadocAnnotationsAndBody() {
        assertThat(COUNTS.isTest()).isTrue();
        assertThat(COUNTS.mentions("L1.P3.04")).isTrue();
        assertThat(COUNTS.mentions("N = 3")).as("a field before the method").isFalse();
        assertThat(COUNTS.mentions("helper")).as("the next method").isFalse();
        assertThat(COUNTS.assertedNumbers()).containsExactlyInAnyOrder(12, 11, 50, 7, 57, 96, 1);
        assertThat(TestMethodSource.in("class A {\n    void helper() {\n    }\n}", "helper").orElseThrow().isTest()).isFalse();
        assertThat(TestMethodSource.in("class A {\n}", "counts")).isEmpty();
    }

    @Test
    void aChangedFigureOrAMissingMentionIsAProblem() {
        Row row = LabDefects.rows(SAMPLE).get(0);
        Function<TestRef, TestMethodSource> sources = test -> COUNTS;

        assertThat(figureProblems(row, sources)).isEmpty();
        assertThat(testProblems(row, sources)).isEmpty();

        Row changed = LabDefects.rows(SAMPLE.replace("96 kB", "95 kB").replace("L1.P3.02–05", "L1.P3.05")).get(0);
        assertThat(figureProblems(changed, sources)).containsExactly(
                "line 3 (L1.P3.05): 95 is asserted by none of [FooTest#counts, lab02.BarTest#other]");
        assertThat(testProblems(changed, sources)).containsExactly(
                "line 3 (L1.P3.05): FooTest#counts mentions none of [L1.P3.05]",
                "line 3 (L1.P3.05): lab02.BarTest#other mentions none of [L1.P3.05]");
    }

    @Test
    void aNameThatIsNoTestMethodIsAProblem() {
        assertThatThrownBy(() -> TestMethodSource.of(new TestRef("", "NoSuchTest", "x")))
                .isInstanceOf(TestMethodSource.NotFound.class).hasMessage("NoSuchTest#x: no test class NoSuchTest");
        assertThatThrownBy(() -> TestMethodSource.of(new TestRef("", "SchemaVerificationTest", "x")))
                .isInstanceOf(TestMethodSource.NotFound.class).hasMessageStartingWith("SchemaVerificationTest#x: ambiguous");
        assertThatThrownBy(() -> TestMethodSource.of(new TestRef("lab01", "TransactionsTest", "runsNamed")))
                .isInstanceOf(TestMethodSource.NotFound.class)
                .hasMessage("lab01.TransactionsTest#runsNamed: not a @Test or @ParameterizedTest method");
        assertThatThrownBy(() -> TestMethodSource.of(new TestRef("lab01", "TransactionsTest", "noSuchMethod")))
                .isInstanceOf(TestMethodSource.NotFound.class).hasMessage("lab01.TransactionsTest#noSuchMethod: no method noSuchMethod");
        assertThat(TestMethodSource.of(new TestRef("lab01", "SchemaVerificationTest", "constraintsAreElevenChecksAndThePrimaryKey"))
                .mentions("L1.P2.20")).isTrue();
    }

    /** Where the migrations and the samples are, relative to this module. */
    private static final List<Path> SQL_ROOTS = List.of(Path.of("../registry-schema/src/main/resources"),
            Path.of("../registry-testing/src/main/resources"));

    /**
     * The statement ids the project knows: the catalog's examples and the ids named in {@code --}
     * comments of the migrations and samples (the statements they realize).
     */
    private static Set<String> knownIds() {
        Set<String> known = new TreeSet<>();
        LabCatalog.all().forEach(example -> known.addAll(example.ids()));
        for (Path root : SQL_ROOTS) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                    Files.readAllLines(file).stream().filter(line -> line.strip().startsWith("--"))
                            .forEach(line -> known.addAll(LabDefects.ids(line)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return known;
    }
}
