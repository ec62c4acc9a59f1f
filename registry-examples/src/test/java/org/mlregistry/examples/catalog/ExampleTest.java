package org.mlregistry.examples.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each example says where it is in the lab (part and step) and where its Java method is. */
class ExampleTest {

    private static Example example(String id) {
        return LabCatalog.select(List.of(id)).get(0);
    }

    @Test
    void knownStatementsSitUnderTheLabsPartAndStepHeadings() {
        assertThat(example("L1.P4.03").part().heading()).isEqualTo("Part 4: Read Operations");
        assertThat(example("L1.P4.03").step()).isEqualTo("Step 4.1: Create CRUD Operations File");
        assertThat(example("L1.P7.08").part().heading()).isEqualTo("Part 7: Transactions");
        assertThat(example("L1.P7.08").step()).isEqualTo("Step 7.1: Transaction Examples");
        assertThat(example("L1.P9.20").step()).isEqualTo("Challenge 3: Cleanup");
        assertThat(example("L1.V.03").part().heading()).isEqualTo("Verification & Testing");
        assertThat(example("L1.V.03").step()).isEqualTo("Step 2: Performance Testing");
        assertThat(example("L2.P3.101").part().heading()).isEqualTo("Part 3: Schema Implementation");
        assertThat(example("L2.P3.101").step()).isEqualTo("Step 3.2: Create Lookup Tables First");
        assertThat(example("L2.P7.01").part().heading()).isEqualTo("Part 7: Hands-On Challenges");
        assertThat(example("L2.P7.01").step()).isEqualTo("Challenge 2: Complex Query");
    }

    /** Steps of part n are numbered n.x, except the challenges and the verification's own steps. */
    @Test
    void everyStepBelongsToThePartOfItsIds() {
        List<String> misplaced = LabCatalog.all().stream().filter(e -> {
            String partCode = e.part().prefix().substring(3);
            boolean challenge = e.step().startsWith("Challenge ");
            return partCode.equals("V") ? !e.step().startsWith("Step ")
                    : !(e.step().startsWith("Step " + partCode.substring(1) + ".") || challenge);
        }).map(e -> e.id() + " " + e.step()).toList();

        assertThat(misplaced).isEmpty();
    }

    @Test
    void everyIdOfAnExampleIsInTheSamePart() {
        LabCatalog.all().forEach(e -> e.ids().forEach(id -> assertThat(LabPart.of(id)).as(id).isEqualTo(e.part())));
    }

    @Test
    void anIdOfAPartWithoutExamplesHasNoPart() {
        assertThatThrownBy(() -> LabPart.of("L2.P1.01"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("L2.P1.01");
    }

    @Test
    void javaMethodsAreNamedRelativeToTheExamplesPackage() {
        assertThat(example("L1.P4.01").javaMethod().name()).isEqualTo("lab01.ReadQueries#selectAllColumns");
        assertThat(example("L1.P4.01").javaMethod().sourcePath())
                .isEqualTo("src/main/java/org/mlregistry/examples/lab01/ReadQueries.java");
        assertThat(example("L1.P7.20").javaMethod().name()).isEqualTo("lab01.Transactions#savepointUndoesTheSecondInsert");
        assertThat(example("L2.P4.01").javaMethod().name()).isEqualTo("lab02.SchemaVerification#listTables");
    }

    @Test
    void everyJavaMethodsSourceFileExists() {
        List<String> missing = LabCatalog.all().stream().map(e -> e.javaMethod().sourcePath())
                .filter(path -> !Files.isRegularFile(Path.of(path))).distinct().toList();

        assertThat(missing).isEmpty();
    }

    /**
     * Statements whose ORDER BY leaves ties are still compared in order, as none documents its ties:
     * L1.P3.06, L1.P4.02, L1.P4.03, L1.P4.11, L1.P4.17, L1.P4.18, L1.P4.20, L1.P4.25, L1.P4.28,
     * L1.P4.30, L1.P4.33, L1.P4.37, L1.P4.39, L1.P4.40, L1.P4.44, L1.P8.08, L2.P5.01. Without a final
     * ORDER BY (L1.P3.07, L1.P4.01, L1.P4.32, L1.P8.09) rows are compared as a multiset.
     */
    @Test
    void statementsWithAFinalOrderByAreComparedInOrder() {
        List<String> ordered = List.of("L1.P3.06", "L1.P4.02", "L1.P4.03", "L1.P4.11", "L1.P4.17", "L1.P4.18", "L1.P4.20",
                "L1.P4.25", "L1.P4.28", "L1.P4.30", "L1.P4.33", "L1.P4.37", "L1.P4.39", "L1.P4.40", "L1.P4.44", "L1.P8.08",
                "L2.P5.01");
        List<String> unordered = List.of("L1.P3.07", "L1.P4.01", "L1.P4.32", "L1.P8.09");

        assertThat(LabCatalog.select(ordered)).allSatisfy(e -> assertThat(e.ordered()).as(e.id()).isTrue());
        assertThat(LabCatalog.select(unordered)).allSatisfy(e -> assertThat(e.ordered()).as(e.id()).isFalse());
    }
}
