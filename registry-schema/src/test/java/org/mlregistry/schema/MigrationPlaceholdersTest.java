package org.mlregistry.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The migrations never name the library's schemas literally: a service may place them under other
 * names ({@link RegistrySchema.Configuration#schemas}), so every reference goes through a Flyway
 * placeholder, in statements, function bodies, format() strings, regclass casts and comments alike.
 */
class MigrationPlaceholdersTest {

    /** {@code tracking.x}, {@code registry.x}, also quoted ({@code "tracking".x}); not {@code ${tracking_schema}.x}. */
    private static final Pattern LITERAL_SCHEMA = Pattern.compile("(?<![{$])\"?\\b(tracking|registry)\\b\"?\\.");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    @Test
    void noMigrationNamesASchemaLiterally() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path migration : migrations()) {
            List<String> lines = Files.readAllLines(migration, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = LITERAL_SCHEMA.matcher(lines.get(i));
                while (m.find()) {
                    found.add(migration.getFileName() + " line " + (i + 1) + ": '" + m.group() + "' names the schema literally;"
                            + " write ${" + m.group(1) + "_schema}. instead (e.g. " + m.group(1) + ".x becomes ${"
                            + m.group(1) + "_schema}.x, also inside function bodies, format() strings, regclass casts"
                            + " and comments)");
                }
            }
        }

        assertThat(found).as("every migration names the schemas as ${tracking_schema}. and ${registry_schema}.").isEmpty();
    }

    @Test
    void migrationsUseNoOtherPlaceholder() throws IOException {
        List<String> unknown = new ArrayList<>();
        for (Path migration : migrations()) {
            Matcher m = PLACEHOLDER.matcher(Files.readString(migration, StandardCharsets.UTF_8));
            while (m.find()) {
                if (!SchemaNames.DEFAULT.placeholders().containsKey(m.group(1))) {
                    unknown.add(migration.getFileName() + ": ${" + m.group(1) + "}");
                }
            }
        }

        assertThat(unknown).isEmpty();
    }

    @Test
    void thePatternFindsWhatItForbids() {
        assertThat(LITERAL_SCHEMA.matcher("CREATE TABLE tracking.metric_points (").find()).isTrue();
        assertThat(LITERAL_SCHEMA.matcher("REFERENCES \"registry\".models").find()).isTrue();
        assertThat(LITERAL_SCHEMA.matcher("format('tracking.%I', name)").find()).isTrue();
        assertThat(LITERAL_SCHEMA.matcher("CREATE TABLE ${tracking_schema}.metric_points (").find()).isFalse();
        assertThat(LITERAL_SCHEMA.matcher("-- mlregistry.migration and tracking_runs.x").find()).isFalse();
    }

    private static List<Path> migrations() throws IOException {
        Path directory;
        try {
            directory = Path.of(Objects.requireNonNull(RegistrySchema.class.getClassLoader()
                    .getResource(RegistrySchema.MIGRATIONS_LOCATION.substring("classpath:".length()))).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> sql = files.filter(f -> f.toString().endsWith(".sql")).sorted().toList();
            assertThat(sql).isNotEmpty();
            return sql;
        }
    }
}
