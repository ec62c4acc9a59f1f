package org.mlregistry.testing.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Which PostgreSQL major the embedded server runs. By default the pinned major whose zonky binaries
 * are on the classpath (17); {@code -Dmlregistry.test.postgres-major=N} chooses another, read from the
 * binaries jar {@code postgres-N.jar} in the folder {@code -Dmlregistry.test.postgres-binaries} (the
 * build copies the jars of 14, 15, 16 and 18 into each database module's {@code target/postgres-binaries}).
 * A requested major is checked against the started server, so a test run never silently runs another one.
 */
final class EmbeddedBinaries {

    /** System property choosing the major, e.g. {@code 14}; empty means the pinned one. */
    static final String MAJOR_PROPERTY = "mlregistry.test.postgres-major";
    /** System property naming the folder holding {@code postgres-N.jar}. */
    static final String FOLDER_PROPERTY = "mlregistry.test.postgres-binaries";

    private final OptionalInt requestedMajor;
    private final Path jar;

    private EmbeddedBinaries(OptionalInt requestedMajor, Path jar) {
        this.requestedMajor = requestedMajor;
        this.jar = jar;
    }

    static EmbeddedBinaries fromSystemProperties() {
        String major = System.getProperty(MAJOR_PROPERTY, "").trim();
        if (major.isEmpty()) {
            return new EmbeddedBinaries(OptionalInt.empty(), null);
        }
        if (!major.matches("\\d{2}")) {
            throw new IllegalArgumentException(MAJOR_PROPERTY + " must be a PostgreSQL major such as 14, got '" + major + "'");
        }
        String folder = System.getProperty(FOLDER_PROPERTY, "").trim();
        Path jar = folder.isEmpty() ? null : Path.of(folder, "postgres-" + major + ".jar");
        return new EmbeddedBinaries(OptionalInt.of(Integer.parseInt(major)), jar != null && Files.isRegularFile(jar) ? jar : null);
    }

    /** The builder with the binaries of the requested major (the classpath's when none is requested or copied). */
    EmbeddedPostgres.Builder builder() {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        return jar == null ? builder : builder.setPgBinaryResolver(new JarBinaryResolver(jar));
    }

    /**
     * Refuses a server of another major than the requested one.
     *
     * @param serverVersionNum the started server's {@code server_version_num}
     */
    void check(int serverVersionNum) {
        int started = serverVersionNum / 10000;
        if (requestedMajor.isPresent() && requestedMajor.getAsInt() != started) {
            throw new IllegalStateException("PostgreSQL " + requestedMajor.getAsInt() + " was requested (-D" + MAJOR_PROPERTY
                    + ") but PostgreSQL " + started + " started: no postgres-" + requestedMajor.getAsInt() + ".jar in -D"
                    + FOLDER_PROPERTY + "='" + System.getProperty(FOLDER_PROPERTY, "") + "'");
        }
    }
}
