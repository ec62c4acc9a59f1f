package org.mlregistry.examples.equivalence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The project's test sources, found by a test class's simple name, for checks that a document or
 * list naming a test names one that exists and covers what it is said to cover. Test sources are
 * read from {@code src/test/java} of this module and of registry-schema and registry-core (Maven
 * runs the tests from the module's folder).
 */
public final class TestSources {

    private static final List<Path> ROOTS = List.of(Path.of("src/test/java"),
            Path.of("../registry-schema/src/test/java"), Path.of("../registry-core/src/test/java"));

    private TestSources() {
    }

    /** The source files of every test class with this simple name, in the order of the source roots. */
    public static List<Path> findAll(String simpleName) {
        List<Path> all = new java.util.ArrayList<>();
        for (Path root : ROOTS) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(f -> f.getFileName().toString().equals(simpleName + ".java")).sorted().forEach(all::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all;
    }

    /** The source file of the test class with this simple name, if there is one. */
    public static Optional<Path> find(String simpleName) {
        for (Path root : ROOTS) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                Optional<Path> found = files.filter(f -> f.getFileName().toString().equals(simpleName + ".java")).findFirst();
                if (found.isPresent()) {
                    return found;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Optional.empty();
    }

    /** The source text of the test class with this simple name, or "" when there is none. */
    public static String source(String simpleName) {
        return find(simpleName).map(path -> {
            try {
                return Files.readString(path);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElse("");
    }
}
