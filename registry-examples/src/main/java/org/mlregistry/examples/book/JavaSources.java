package org.mlregistry.examples.book;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mlregistry.examples.catalog.MethodRef;

/**
 * The Java of an example method, cut out of its real source file: the build copies the lab classes'
 * sources into the jar under {@code book-sources/}, and JavaParser finds the method's declaration.
 * The text is the source as written, from the method's modifiers (after its annotations, which
 * repeat the lab SQL the book shows anyway) to its closing brace.
 */
final class JavaSources {

    static final String ROOT = "book-sources/";

    private final JavaParser parser = new JavaParser(
            new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));
    private final Map<String, String> sources = new HashMap<>();
    private final Map<String, CompilationUnit> units = new HashMap<>();

    /**
     * The method's source text.
     *
     * @throws IllegalStateException when the source is not in the jar or has no such method
     */
    String method(MethodRef ref) {
        String path = ROOT + ref.className().replace('.', '/') + ".java";
        String source = sources.computeIfAbsent(path, JavaSources::read);
        CompilationUnit unit = units.computeIfAbsent(path, key -> parser.parse(source).getResult()
                .orElseThrow(() -> new IllegalStateException(path + " does not parse as Java 17")));
        List<MethodDeclaration> methods = unit.findAll(MethodDeclaration.class,
                m -> m.getNameAsString().equals(ref.methodName()) && m.getParameters().size() == 1);
        if (methods.size() != 1) {
            throw new IllegalStateException(path + " has " + methods.size() + " methods " + ref.methodName() + "(one parameter)");
        }
        MethodDeclaration method = methods.get(0);
        int firstLine = method.getAnnotations().stream().map(AnnotationExpr::getEnd)
                .flatMap(java.util.Optional::stream).mapToInt(end -> end.line + 1).max()
                .orElse(method.getBegin().orElseThrow().line);
        int lastLine = method.getEnd().orElseThrow().line;
        List<String> lines = source.lines().toList().subList(firstLine - 1, lastLine);
        return dedent(lines);
    }

    private static String dedent(List<String> lines) {
        int indent = lines.stream().filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return text.toString().stripTrailing();
    }

    private static String read(String path) {
        try (InputStream in = JavaSources.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the class path (the build copies it there)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
