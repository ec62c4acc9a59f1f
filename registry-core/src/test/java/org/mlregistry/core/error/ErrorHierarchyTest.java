package org.mlregistry.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every public exception is either refused or transient, so a caller can always tell whether to retry. */
class ErrorHierarchyTest {

    @Test
    void everyRegistryExceptionIsRefusedOrTransient() {
        List<JavaClass> exceptions = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.mlregistry.core").stream()
                .filter(c -> c.isAssignableTo(RegistryException.class))
                .filter(c -> !c.isEquivalentTo(RegistryException.class))
                .toList();
        assertThat(exceptions).hasSizeGreaterThan(20);
        assertThat(exceptions).allSatisfy(c -> assertThat(c.isAssignableTo(RefusedException.class) ^ c.isAssignableTo(TransientException.class))
                .as(c.getName() + " is refused xor transient").isTrue());
    }

    @Test
    void theOldRefusalsAreRefused() {
        for (Class<?> refused : List.of(InvalidValueException.class, ConstraintViolationException.class, NotFoundException.class,
                InvalidTransitionException.class, UnsupportedIsolationLevelException.class, LeaseLostException.class,
                PermissionDeniedException.class, DatabaseRefusedException.class)) {
            assertThat(RefusedException.class).isAssignableFrom(refused);
        }
        for (Class<?> transientFailure : List.of(ConnectionLostException.class, CommitOutcomeUnknownException.class,
                StatementTimeoutException.class, QueryCancelledException.class, LockNotAvailableException.class,
                SerializationFailureException.class, DeadlockDetectedException.class, ResourcesExhaustedException.class)) {
            assertThat(TransientException.class).isAssignableFrom(transientFailure);
        }
    }

    @Test
    void anUnknownValueIsNotReportedAsGotNull() {
        assertThat(new InvalidValueException("accuracy", null, "is refused: numeric field overflow").getMessage())
                .isEqualTo("accuracy is refused: numeric field overflow");
        assertThat(new InvalidValueException("notes", "x".repeat(1000), "is too long").getMessage())
                .isEqualTo("notes is too long, got '" + "x".repeat(64) + "…(1000 chars)'");
    }
}
