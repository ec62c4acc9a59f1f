package org.mlregistry.testing.database;

import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Hands zonky the PostgreSQL archive ({@code postgres-linux-x86_64.txz}) of one zonky binaries jar
 * that is not on the classpath, so that one test JVM can run another major than the pinned one.
 */
final class JarBinaryResolver implements PgBinaryResolver {

    private final Path jar;

    JarBinaryResolver(Path jar) {
        this.jar = jar;
    }

    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
        String name = String.format("postgres-%s-%s.txz", system, machineHardware).toLowerCase(Locale.ROOT);
        ZipFile zip = new ZipFile(jar.toFile());
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            zip.close();
            throw new IOException(jar + " holds no " + name + ": binaries of another platform?");
        }
        return new FilterInputStream(zip.getInputStream(entry)) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    zip.close();
                }
            }
        };
    }
}
