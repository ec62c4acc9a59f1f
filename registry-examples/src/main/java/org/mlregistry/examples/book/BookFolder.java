package org.mlregistry.examples.book;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The folder the book is written into. It is checked before anything runs: a folder that exists
 * and holds files is refused unless overwriting was asked for, and even then only the book's own
 * files are replaced (nothing is ever deleted); a folder that cannot be created or written is
 * refused with the reason.
 */
final class BookFolder {

    private final Path root;

    private BookFolder(Path root) {
        this.root = root;
    }

    /**
     * Checks and creates the folder.
     *
     * @throws LabBookException when the folder is not empty and overwrite is false, or cannot be written
     */
    static BookFolder prepare(Path dir, boolean overwrite) {
        Path root = dir.toAbsolutePath().normalize();
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new LabBookException("cannot write the lab book to " + root + ": it is a file, not a folder");
        }
        if (!overwrite && Files.isDirectory(root) && !isEmpty(root)) {
            throw new LabBookException("the folder " + root + " exists and is not empty; give --overwrite to replace"
                    + " the book's files in it (other files are kept) or choose an empty or new folder");
        }
        try {
            Files.createDirectories(root);
            Path probe = Files.createTempFile(root, ".lab-book-", ".probe");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new LabBookException("cannot write the lab book to " + root + ": " + reason(e), e);
        }
        return new BookFolder(root);
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new LabBookException("cannot read the folder " + dir + ": " + reason(e), e);
        }
    }

    private static String reason(Exception e) {
        String type = e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
        return e.getMessage() == null ? type : type + " (" + e.getMessage() + ")";
    }

    Path root() {
        return root;
    }

    /** Writes (or replaces) one of the book's files, relative to the folder. */
    Path write(String relative, String text) {
        return write(relative, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes (or replaces) one of the book's files, relative to the folder. */
    Path write(String relative, byte[] bytes) {
        Path file = root.resolve(relative).normalize();
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new LabBookException("cannot write " + file + ": " + reason(e), e);
        }
    }

    /** Copies a class-path resource into the book. */
    void copyResource(String resource, String relative) {
        try (InputStream in = BookFolder.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is not on the class path");
            }
            write(relative, in.readAllBytes());
        } catch (IOException e) {
            throw new LabBookException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }
}
