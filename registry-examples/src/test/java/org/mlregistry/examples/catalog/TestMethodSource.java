package org.mlregistry.examples.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mlregistry.examples.catalog.LabDefects.TestRef;
import org.mlregistry.examples.equivalence.TestSources;

/**
 * The source of one test method: what precedes it (javadoc, comments, annotations) and its body.
 *
 * @param head the lines between the previous member and the method's declaration
 * @param body the declaration and the body, up to its closing brace
 */
record TestMethodSource(String head, String body) {

    private static final Pattern TEST_ANNOTATION = Pattern.compile("(?m)^\\s*@(Test|ParameterizedTest)\\b");
    private static final Pattern NUMBER_OR_SUM = Pattern.compile("(?<![\\w.])\\d+[lL]?(?:\\s*\\+\\s*\\d+[lL]?)*(?![\\w.])");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    /** Thrown when a name does not lead to exactly one test method. */
    static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message, null, false, false);
        }
    }

    /** The named test method's source; throws {@link NotFound} saying why there is none. */
    static TestMethodSource of(TestRef test) {
        String suffix = "/" + (test.qualifier().isEmpty() ? "" : test.qualifier().replace('.', '/') + "/")
                + test.simpleName() + ".java";
        List<Path> files = TestSources.findAll(test.simpleName()).stream()
                .filter(path -> path.toString().replace('\\', '/').endsWith(suffix)).toList();
        if (files.size() != 1) {
            throw new NotFound(test.name() + ": " + (files.isEmpty() ? "no test class " : "ambiguous, name its package: ")
                    + test.simpleName() + (files.isEmpty() ? "" : " " + files));
        }
        TestMethodSource method = in(read(files.get(0)), test.method())
                .orElseThrow(() -> new NotFound(test.name() + ": no method " + test.method()));
        if (!method.isTest()) {
            throw new NotFound(test.name() + ": not a @Test or @ParameterizedTest method");
        }
        return method;
    }

    /** The method of that name in a class's source, if it declares exactly one. */
    static Optional<TestMethodSource> in(String source, String name) {
        List<String> lines = source.lines().toList();
        Pattern declaration = Pattern.compile("^    (?!return\\b)[\\w<>\\[\\],.? ]*\\b" + Pattern.quote(name) + "\\(");
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (declaration.matcher(lines.get(i)).find()) {
                found.add(i);
            }
        }
        if (found.size() != 1) {
            return Optional.empty();
        }
        int at = found.get(0);
        int start = at;
        while (start > 0 && !endsAMember(lines.get(start - 1))) {
            start--;
        }
        String rest = String.join("\n", lines.subList(at, lines.size()));
        int depth = 0;
        int end = rest.indexOf('{');
        for (int i = end; i < rest.length(); i++) {
            depth += rest.charAt(i) == '{' ? 1 : rest.charAt(i) == '}' ? -1 : 0;
            if (depth == 0) {
                end = i;
                break;
            }
        }
        return Optional.of(new TestMethodSource(String.join("\n", lines.subList(start, at)), rest.substring(0, end + 1)));
    }

    /** A line that ends the previous member or opens the class (members are indented by 4 spaces). */
    private static boolean endsAMember(String line) {
        String s = line.strip();
        if (s.isEmpty()) {
            return false;
        }
        boolean memberLevel = line.startsWith("    ") && !Character.isWhitespace(line.charAt(4));
        boolean commentOrAnnotation = s.startsWith("@") || s.startsWith("/") || s.startsWith("*");
        return line.equals("    }") || !line.startsWith(" ")
                || memberLevel && !commentOrAnnotation && (s.endsWith(";") || s.endsWith("{"));
    }

    boolean isTest() {
        return TEST_ANNOTATION.matcher(head).find();
    }

    /** Whether the javadoc, comments, annotations or body mention the text. */
    boolean mentions(String text) {
        return head.contains(text) || body.contains(text);
    }

    /**
     * The numbers of the body's assertion statements: each integer, each sum of integers written
     * {@code a + b + c} (and the sum itself), and 0 for {@code isZero()} or {@code isEmpty()}.
     */
    Set<Integer> assertedNumbers() {
        Set<Integer> numbers = new HashSet<>();
        for (String statement : body.split(";")) {
            if (!statement.contains("assert")) {
                continue;
            }
            if (statement.contains("isZero()") || statement.contains("isEmpty()")) {
                numbers.add(0);
            }
            Matcher m = NUMBER_OR_SUM.matcher(statement);
            while (m.find()) {
                int sum = 0;
                Matcher digits = DIGITS.matcher(m.group());
                while (digits.find()) {
                    int n = Integer.parseInt(digits.group());
                    numbers.add(n);
                    sum += n;
                }
                numbers.add(sum);
            }
        }
        return numbers;
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
