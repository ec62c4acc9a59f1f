package org.mlregistry.examples.book;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlregistry.examples.catalog.Example;
import org.mlregistry.examples.catalog.LabCatalog;

/** The book's pieces that need no database: the Java cut out of the sources, the notes, the statuses. */
class LabBookPartsTest {

    private static Example example(String id) {
        return LabCatalog.all().stream().filter(e -> e.ids().contains(id)).findFirst().orElseThrow();
    }

    @Test
    void theJavaIsTheMethodAsWrittenInItsSourceWithoutItsAnnotation() {
        String java = new JavaSources().method(example("L1.P4.01").javaMethod());

        assertThat(java).isEqualTo("""
                public static Result<TrainingRunsRecord> selectAllColumns(DSLContext ctx) {
                    return ctx.selectFrom(TRAINING_RUNS)
                            .limit(3)
                            .fetch();
                }""");
    }

    @Test
    void aStatementNamedInLabDefectsGetsItsRowWithTheTablesHeadings() {
        List<DefectNotes.Note> notes = DefectNotes.load().of(List.of("L1.P2.20"));

        assertThat(notes).hasSize(1);
        assertThat(notes.get(0).line()).isEqualTo(39);
        assertThat(notes.get(0).cells()).extracting(DefectNotes.Cell::heading).containsExactly(
                "Statement id", "What the lab says", "What PostgreSQL does", "What mlregistry does", "Proven by");
        assertThat(notes.get(0).cells().get(1).html()).isEqualTo("<p><code>WHERE conrelid = 'training_runs'::regclass</code></p>");
    }

    @Test
    void theStatusFollowsTheCheckAndTheNotes() {
        DefectNotes defects = DefectNotes.load();

        assertThat(Status.of(example("L1.P4.04"), defects.of(List.of("L1.P4.04")))).isEqualTo(Status.SAME_ROWS);
        assertThat(Status.of(example("L1.P2.20"), defects.of(List.of("L1.P2.20")))).isEqualTo(Status.DIFFERS);
        assertThat(Status.of(example("L1.P3.08"), defects.of(List.of("L1.P3.08")))).isEqualTo(Status.DEDICATED_TEST);
    }
}
