package org.mlregistry.core.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * jOOQ prints its logo and a tip once per JVM, when it renders its first statement, so each case
 * runs in a JVM of its own (the test JVM has the switches set by the build), without any
 * {@code org.jooq.*} system property, and reads what it logged.
 */
class JooqBannerTest {

    @Test
    void aJvmWhoseFirstJooqStatementComesFromTheRegistryLogsNeitherLogoNorTip() throws Exception {
        String log = runJvm("registry-first");

        assertThat(log).contains("rendered: select 1");
        assertThat(log).doesNotContain("Thank you for using jOOQ").doesNotContain("jOOQ tip of the day");
    }

    @Test
    void aJvmThatRendersBeforeTouchingTheRegistryDoesLogThem() throws Exception {
        String log = runJvm("jooq-first");

        assertThat(log).contains("rendered: select 1");
        assertThat(log).contains("Thank you for using jOOQ").contains("jOOQ tip of the day");
    }

    private static String runJvm(String mode) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", FirstStatement.class.getName(), mode))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }
}
