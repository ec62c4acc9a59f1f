package org.mlregistry.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.error.RegistryException;
import org.mlregistry.core.internal.Session;

/** The shape of registry-core, enforced: a failing rule names the classes that break it. */
class ArchitectureTest {

    private static final String GENERATED = "org.mlregistry.schema.jooq";

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.mlregistry.core");

    @Test
    void noGeneratedJooqTypeInAPublicSignatureExceptWhereCallersComposeJooqQueries() {
        codeUnits().that().arePublic().and().areDeclaredInClassesThat().arePublic()
                .and().areDeclaredInClassesThat().resideOutsideOfPackage("org.mlregistry.core.internal..")
                .and(DescribedPredicate.not(composingWithJooq()))
                .should(notMentionGeneratedTypes())
                .check(CORE);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("org.mlregistry.core.(*)..").should().beFreeOfCycles().check(CORE);
    }

    @Test
    void noSubApiRefersBackToTheRegistry() {
        noClasses().that().resideInAPackage("org.mlregistry.core.*..")
                .should().dependOnClassesThat().resideInAPackage("org.mlregistry.core")
                .check(CORE);
    }

    @Test
    void everyExceptionLivesInTheErrorPackageUnderOneRoot() {
        classes().that().areAssignableTo(Throwable.class).and().arePublic()
                .should().resideInAPackage("org.mlregistry.core.error")
                .andShould().beAssignableTo(RegistryException.class)
                .check(CORE);
    }

    @Test
    void subApisAreNotConstructedByCallers() {
        classes().that().areNotRecords().and(holdTheSession())
                .should(haveNoPublicConstructor())
                .check(CORE);
    }

    /** {@code asSelect()} hands out the builder's jOOQ query; {@code Run.from} maps its rows back. */
    private static DescribedPredicate<JavaCodeUnit> composingWithJooq() {
        return DescribedPredicate.describe("asSelect() or Run.from(record)", unit ->
                unit.getName().equals("asSelect")
                        || unit.getOwner().getName().equals("org.mlregistry.core.tracking.Run") && unit.getName().equals("from"));
    }

    private static ArchCondition<JavaCodeUnit> notMentionGeneratedTypes() {
        return new ArchCondition<>("not mention a generated jOOQ type (" + GENERATED + ")") {
            @Override
            public void check(JavaCodeUnit unit, ConditionEvents events) {
                Executable executable = unit.reflect() instanceof Executable e ? e : null;
                if (executable == null) {
                    return;
                }
                String signature = executable instanceof Method m
                        ? m.toGenericString()
                        : ((Constructor<?>) executable).toGenericString();
                if (signature.contains(GENERATED)) {
                    events.add(SimpleConditionEvent.violated(unit, unit.getFullName() + " exposes " + signature));
                }
            }
        };
    }

    private static DescribedPredicate<JavaClass> holdTheSession() {
        return DescribedPredicate.describe("hold the registry's session", c -> c.getAllFields().stream()
                .anyMatch(f -> f.getRawType().isEquivalentTo(Session.class)
                        || f.getRawType().getName().equals("org.mlregistry.core.models.Scope")));
    }

    private static ArchCondition<JavaClass> haveNoPublicConstructor() {
        return new ArchCondition<>("have no public constructor") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                Stream.of(c.getConstructors().toArray(new com.tngtech.archunit.core.domain.JavaConstructor[0]))
                        .filter(k -> k.getModifiers().contains(JavaModifier.PUBLIC))
                        .forEach(k -> events.add(SimpleConditionEvent.violated(c, k.getFullName() + " is public")));
            }
        };
    }
}
