package org.mlregistry.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlregistry.examples.book.LabBook;

/** --html refuses a folder that holds files (unless --overwrite) and a path that cannot be written, before anything runs. */
class LabBookOptionsTest {

    @TempDir
    Path dir;

    @Test
    void aFolderThatHoldsFilesIsRefusedWithoutOverwriteAndKeptAsItWas() throws IOException {
        Path mine = Files.writeString(dir.resolve("my-notes.txt"), "mine");

        Outcome outcome = run("--html", dir.toString());

        assertThat(outcome.exit()).isEqualTo(2);
        assertThat(outcome.err()).contains("error: the folder " + dir.toAbsolutePath().normalize() + " exists and is not empty")
                .contains("--overwrite");
        try (var entries = Files.list(dir)) {
            assertThat(entries.toList()).containsExactly(mine);
        }
        assertThat(Files.readString(mine)).isEqualTo("mine");
    }

    @Test
    void withOverwriteOnlyTheBooksFilesAreWrittenAndTheUsersFilesKept() throws IOException {
        Path mine = Files.writeString(dir.resolve("my-notes.txt"), "mine");
        Path staleIndex = Files.writeString(dir.resolve(LabBook.INDEX), "an older book");

        LabBook.Summary summary = LabBook.at(dir, true).write(List.of());

        assertThat(Files.readString(mine)).isEqualTo("mine");
        assertThat(summary.index()).isEqualTo(staleIndex.toAbsolutePath().normalize());
        assertThat(Files.readString(staleIndex)).contains("<title>mlregistry lab book</title>");
        assertThat(dir.resolve("assets/highlight.min.js")).isRegularFile();
    }

    @Test
    void aPathThatCannotBeWrittenIsAClearErrorWithExitCode2() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        Path below = file.resolve("book");

        Outcome outcome = run("--html", below.toString());

        assertThat(outcome.exit()).isEqualTo(2);
        assertThat(outcome.err()).startsWith("error: cannot write the lab book to " + below.toAbsolutePath().normalize() + ": ");
        assertThat(Files.readString(file)).isEqualTo("not a folder");
    }

    @Test
    void aFileGivenAsTheFolderIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("index.html"), "mine");

        Outcome outcome = run("--html", file.toString(), "--overwrite");

        assertThat(outcome.exit()).isEqualTo(2);
        assertThat(outcome.err()).contains("it is a file, not a folder");
        assertThat(Files.readString(file)).isEqualTo("mine");
    }

    @Test
    void overwriteWithoutHtmlIsRefused() {
        assertThatThrownBy(() -> RunnerOptions.parse("--overwrite"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--overwrite needs --html");
        assertThatThrownBy(() -> RunnerOptions.parse("--html"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--html needs a value");
    }

    @Test
    void helpExplainsHtmlAndOverwrite() {
        assertThat(RunnerOptions.HELP).contains("--html DIR", "--overwrite", "or cannot be written");
    }

    private record Outcome(int exit, String err) {
    }

    private static Outcome run(String... args) {
        PrintStream previousErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = new LabRunner(RunnerOptions.parse(args), new PrintStream(new ByteArrayOutputStream())).run();
            return new Outcome(exit, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(previousErr);
        }
    }
}
