package org.mlregistry.examples.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes LAB-INDEX.md: every example of the catalog by statement id, in lab order, with its lab
 * part and step, title, Java method and proving test, each linked to its source file.
 */
public final class LabIndex {

    /** The generated file, relative to the registry-examples module. */
    public static final String FILE_NAME = "LAB-INDEX.md";

    /** The command that regenerates the file, run from the repository root. */
    public static final String REGENERATE = "./mvnw -q package -DskipTests exec:java"
            + " -Dexec.mainClass=" + LabIndex.class.getName();

    private static final Map<Integer, String> LAB_TITLES = Map.of(
            1, "Lab 01: SQL Fundamentals & CRUD Operations",
            2, "Lab 02: Database Design for ML Model Registry");

    private LabIndex() {
    }

    /** The lab's title, e.g. "Lab 01: SQL Fundamentals & CRUD Operations" for 1. */
    public static String labTitle(int lab) {
        return LAB_TITLES.get(lab);
    }

    /**
     * Writes the index of {@link LabCatalog#all()}.
     *
     * @param args optionally the file to write; by default {@code registry-examples/LAB-INDEX.md}
     *             under the working directory (the repository root), or {@code LAB-INDEX.md} when
     *             the working directory has no registry-examples folder
     * @throws IOException when the file cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path target;
        if (args.length > 0) {
            target = Path.of(args[0]);
        } else {
            Path module = Path.of("registry-examples");
            target = Files.isDirectory(module) ? module.resolve(FILE_NAME) : Path.of(FILE_NAME);
        }
        Files.writeString(target, markdown(LabCatalog.all()), StandardCharsets.UTF_8);
        System.out.println("wrote " + target.toAbsolutePath().normalize());
    }

    /** The index of the given examples (in the order given), as Markdown with module-relative links. */
    public static String markdown(List<Example> examples) {
        StringBuilder md = new StringBuilder();
        long ids = examples.stream().mapToLong(example -> example.ids().size()).sum();
        md.append("# Lab index\n\n")
                .append("<!-- Generated from the example catalog by ").append(LabIndex.class.getName())
                .append("; do not edit. Regenerate from the repository root with: ").append(REGENERATE).append(" -->\n\n")
                .append("Every lab statement that has a Java example, by id, in lab order: ").append(ids)
                .append(" statements, realized by ").append(examples.size())
                .append(" methods (a method may realize a group of statements the lab runs together). Per example:")
                .append(" the lab's step heading, the statement's title, the Java method and the test that proves it.")
                .append(" `LabEquivalenceTest` runs the example and the lab's SQL on the same data and compares the rows")
                .append(" returned (`returnsWhatTheLabSqlReturns`) or the tables written (`writesWhatTheLabSqlWrites`);")
                .append(" statements that a comparison of rows cannot prove (psql commands, transactions, plans,")
                .append(" inserts meant to fail) have a test of their own. `LabRunner --list` prints the same list;")
                .append(" `LabRunner --only ID` runs one example.\n");
        int lab = 0;
        LabPart part = null;
        for (Example example : examples) {
            if (example.lab() != lab) {
                lab = example.lab();
                md.append("\n## ").append(LAB_TITLES.get(lab)).append('\n');
            }
            if (example.part() != part) {
                part = example.part();
                md.append("\n### ").append(part.heading()).append("\n\n")
                        .append("| id | step | title | Java method | proved by |\n")
                        .append("| --- | --- | --- | --- | --- |\n");
            }
            md.append(row(example));
        }
        return md.toString();
    }

    private static String row(Example example) {
        String test = example.provingTest().map(LabIndex::link).orElse("none named");
        return "| " + String.join(", ", example.ids()) + " | " + cell(example.step()) + " | " + cell(example.title())
                + " | " + link(example.javaMethod()) + " | " + test + " |\n";
    }

    private static String link(MethodRef method) {
        return "[" + method.name() + "](" + method.sourcePath() + ")";
    }

    /** Text that stays inside its table cell. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
