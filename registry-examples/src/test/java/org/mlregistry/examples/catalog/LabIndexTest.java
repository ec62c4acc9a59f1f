package org.mlregistry.examples.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The committed LAB-INDEX.md is what the catalog generates, and it indexes every example id. */
class LabIndexTest {

    private static final Path COMMITTED = Path.of(LabIndex.FILE_NAME);

    private static String committed() throws IOException {
        return Files.readString(COMMITTED, StandardCharsets.UTF_8);
    }

    /** The table rows of the committed index. */
    private static List<String> rows() throws IOException {
        return committed().lines().filter(line -> line.startsWith("| L")).toList();
    }

    @Test
    void theCommittedIndexIsWhatTheCatalogGenerates() throws IOException {
        List<String> generated = LabIndex.markdown(LabCatalog.all()).lines().toList();
        List<String> committed = committed().lines().toList();

        for (int i = 0; i < Math.max(generated.size(), committed.size()); i++) {
            String expected = i < generated.size() ? generated.get(i) : "(end of file)";
            String actual = i < committed.size() ? committed.get(i) : "(end of file)";
            if (!expected.equals(actual)) {
                fail(LabIndex.FILE_NAME + " is stale: run " + LabIndex.REGENERATE + " from the repository root."
                        + "\nFirst difference at line " + (i + 1) + ":\n  committed: " + actual + "\n  generated: " + expected);
            }
        }
    }

    @Test
    void everyExampleIdOfBothLabsHasARow() throws IOException {
        List<String> ids = rows().stream()
                .flatMap(row -> Arrays.stream(row.substring(2, row.indexOf(" |")).split(", ")))
                .toList();

        assertThat(ids).doesNotHaveDuplicates().hasSize(147 + 34);
        assertThat(ids.stream().filter(id -> id.startsWith("L2."))).hasSize(34);
        assertThat(ids).startsWith("L1.P1.02").endsWith("L2.P7.01");
    }

    /** The row whose id column starts with the given id. */
    private static String row(String firstId) throws IOException {
        return rows().stream().filter(row -> row.startsWith("| " + firstId + " ") || row.startsWith("| " + firstId + ","))
                .findFirst().orElseThrow(() -> new AssertionError("no row for " + firstId));
    }

    @Test
    void knownRowsAreExact() throws IOException {
        assertThat(row("L1.P4.01")).isEqualTo(
                "| L1.P4.01 | Step 4.1: Create CRUD Operations File | Query 1: Select all columns (development only!)"
                        + " | [lab01.ReadQueries#selectAllColumns](src/main/java/org/mlregistry/examples/lab01/ReadQueries.java)"
                        + " | [equivalence.LabEquivalenceTest#returnsWhatTheLabSqlReturns]"
                        + "(src/test/java/org/mlregistry/examples/equivalence/LabEquivalenceTest.java) |");
        assertThat(row("L1.P7.18")).isEqualTo(
                "| L1.P7.18, L1.P7.20, L1.P7.22 | Step 7.1: Transaction Examples | Create a test run"
                        + " | [lab01.Transactions#savepointUndoesTheSecondInsert](src/main/java/org/mlregistry/examples/lab01/Transactions.java)"
                        + " | [lab01.TransactionsTest#savepointKeepsOnlyTheFirstInsert]"
                        + "(src/test/java/org/mlregistry/examples/lab01/TransactionsTest.java) |");
    }

    @Test
    void theIndexIsOrderedByLabAndPartUnderTheLabsHeadings() throws IOException {
        List<String> headings = committed().lines().filter(line -> line.startsWith("## ") || line.startsWith("### ")).toList();

        assertThat(headings).containsExactly(
                "## Lab 01: SQL Fundamentals & CRUD Operations",
                "### Part 1: Environment Setup", "### Part 2: Schema Creation", "### Part 3: Seed Data",
                "### Part 4: Read Operations", "### Part 5: Update Operations", "### Part 6: Delete Operations",
                "### Part 7: Transactions", "### Part 8: Advanced Queries", "### Part 9: Challenge Solutions",
                "### Verification & Testing",
                "## Lab 02: Database Design for ML Model Registry",
                "### Part 3: Schema Implementation", "### Part 4: Testing the Schema",
                "### Part 5: Complex Queries Across Relationships",
                "### Part 6: Best Practices and Production Considerations", "### Part 7: Hands-On Challenges");
    }

    @Test
    void everyLinkPointsToAFileOfTheModule() throws IOException {
        List<String> targets = Pattern.compile("\\]\\(([^)]+)\\)").matcher(committed()).results()
                .map(match -> match.group(1)).distinct().toList();

        assertThat(targets).isNotEmpty().allSatisfy(target -> assertThat(Path.of(target)).isRegularFile());
    }
}
