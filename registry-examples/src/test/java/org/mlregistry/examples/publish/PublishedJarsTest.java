package org.mlregistry.examples.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.mlregistry.core.Registry;
import org.mlregistry.schema.RegistrySchema;
import org.mlregistry.spring.RegistryAutoConfiguration;
import org.mlregistry.testing.SampleData;
import org.junit.jupiter.api.Test;

/**
 * The library's jars as a service receives them: in the Maven build the examples' classpath holds
 * the packaged jars of the modules they depend on, so their manifests, their -sources and
 * -javadoc siblings and their packages can be read (an IDE that puts class folders there skips it).
 */
class PublishedJarsTest {

    private static final Map<Class<?>, String> MODULES = Map.of(
            RegistrySchema.class, "org.mlregistry.schema",
            Registry.class, "org.mlregistry.core",
            SampleData.class, "org.mlregistry.testing",
            RegistryAutoConfiguration.class, "org.mlregistry.spring");

    @Test
    void eachJarNamesItsModuleAndHasSourcesAndJavadocBesideIt() throws IOException {
        for (Map.Entry<Class<?>, String> module : MODULES.entrySet()) {
            Path jar = jarOf(module.getKey());
            try (JarFile file = new JarFile(jar.toFile())) {
                assertThat(file.getManifest().getMainAttributes().getValue("Automatic-Module-Name"))
                        .as(jar.toString()).isEqualTo(module.getValue());
            }
            String base = jar.getFileName().toString().replaceFirst("\\.jar$", "");
            assertThat(jar.resolveSibling(base + "-sources.jar")).exists();
            assertThat(jar.resolveSibling(base + "-javadoc.jar")).exists();
        }
    }

    @Test
    void noPackageIsInTwoJars() throws IOException {
        Set<String> seen = new TreeSet<>();
        for (Class<?> module : MODULES.keySet()) {
            Set<String> packages = packagesOf(jarOf(module));
            Set<String> shared = new TreeSet<>(packages);
            shared.retainAll(seen);
            assertThat(packages).as(module.getName()).isNotEmpty();
            assertThat(shared).as("packages of %s also in another jar", module.getName()).isEmpty();
            seen.addAll(packages);
        }
    }

    private static Path jarOf(Class<?> type) {
        Path location;
        try {
            location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        assumeTrue(Files.isRegularFile(location), "not run from packaged jars: " + location);
        return location;
    }

    private static Set<String> packagesOf(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(e -> e.getName())
                    .filter(name -> name.endsWith(".class") && name.contains("/"))
                    .map(name -> name.substring(0, name.lastIndexOf('/')).replace('/', '.'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
