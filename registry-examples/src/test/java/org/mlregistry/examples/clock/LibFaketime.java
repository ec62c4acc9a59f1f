package org.mlregistry.examples.clock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds libfaketime, the preload library of Debian's {@code faketime} package that makes a process
 * read a clock other than the machine's. Its absence is an error, never a reason to skip: a clock
 * test that does not run proves nothing.
 */
final class LibFaketime {

    /** System property naming the library where it is installed elsewhere. */
    static final String PROPERTY = "libfaketime";

    private static final String FILE = "faketime/libfaketime.so.1";

    private LibFaketime() {
    }

    /** The library's path; throws with what to install when it is missing. */
    static Path locate() {
        List<Path> candidates = candidates();
        for (Path candidate : candidates) {
            if (Files.isReadable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("libfaketime is missing: the clock tests run a PostgreSQL server with its clock "
                + "placed by libfaketime (LD_PRELOAD). Install it (Debian/Ubuntu: apt-get install faketime) or name it "
                + "with -D" + PROPERTY + "=/path/to/libfaketime.so.1. Looked for: " + candidates);
    }

    private static List<Path> candidates() {
        List<Path> candidates = new ArrayList<>();
        String named = System.getProperty(PROPERTY);
        if (named != null && !named.isBlank()) {
            candidates.add(Path.of(named.trim()));
        }
        // Debian and Ubuntu: /usr/lib/<multiarch triplet>/faketime/
        Path lib = Path.of("/usr/lib");
        if (Files.isDirectory(lib)) {
            try (DirectoryStream<Path> triplets = Files.newDirectoryStream(lib, "*-linux-gnu*")) {
                triplets.forEach(triplet -> candidates.add(triplet.resolve(FILE)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        candidates.add(lib.resolve(FILE));
        candidates.add(Path.of("/usr/lib64").resolve(FILE));
        candidates.add(Path.of("/usr/local/lib").resolve(FILE));
        return candidates;
    }
}
