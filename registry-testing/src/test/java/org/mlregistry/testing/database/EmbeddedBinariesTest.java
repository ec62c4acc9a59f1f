package org.mlregistry.testing.database;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The choice of the embedded server's major: a requested major is the major that must run, so a
 * missing binaries jar cannot silently test the pinned one instead.
 */
class EmbeddedBinariesTest {

    private final String major = System.getProperty(EmbeddedBinaries.MAJOR_PROPERTY);
    private final String folder = System.getProperty(EmbeddedBinaries.FOLDER_PROPERTY);

    @AfterEach
    void restoreProperties() {
        restore(EmbeddedBinaries.MAJOR_PROPERTY, major);
        restore(EmbeddedBinaries.FOLDER_PROPERTY, folder);
    }

    @Test
    void withoutARequestedMajorAnyServerIsAccepted() {
        System.setProperty(EmbeddedBinaries.MAJOR_PROPERTY, "");
        assertThatCode(() -> EmbeddedBinaries.fromSystemProperties().check(170011)).doesNotThrowAnyException();
    }

    @Test
    void aServerOfAnotherMajorThanTheRequestedOneIsRefused() {
        System.setProperty(EmbeddedBinaries.MAJOR_PROPERTY, "14");
        System.setProperty(EmbeddedBinaries.FOLDER_PROPERTY, "/nowhere");
        EmbeddedBinaries binaries = EmbeddedBinaries.fromSystemProperties();

        assertThatCode(() -> binaries.check(140024)).doesNotThrowAnyException();
        assertThatThrownBy(() -> binaries.check(170011))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PostgreSQL 14 was requested")
                .hasMessageContaining("PostgreSQL 17 started")
                .hasMessageContaining("postgres-14.jar");
    }

    @Test
    void aMajorMustBeTwoDigits() {
        System.setProperty(EmbeddedBinaries.MAJOR_PROPERTY, "14.2");
        assertThatThrownBy(EmbeddedBinaries::fromSystemProperties)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mlregistry.test.postgres-major");
    }

    private static void restore(String name, String value) {
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
    }
}
