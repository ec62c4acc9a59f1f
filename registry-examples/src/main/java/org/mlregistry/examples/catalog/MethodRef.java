package org.mlregistry.examples.catalog;

/**
 * A method in this module's sources, named for readers: its class relative to
 * {@code org.mlregistry.examples}, then {@code #} and the method, e.g.
 * {@code lab01.ReadQueries#selectAllColumns}.
 *
 * @param className  the class's fully qualified name
 * @param methodName the method's name
 * @param sourceRoot the module-relative source folder, {@code src/main/java} or {@code src/test/java}
 */
public record MethodRef(String className, String methodName, String sourceRoot) {

    private static final String BASE_PACKAGE = "org.mlregistry.examples.";

    /** A method of the main sources. */
    static MethodRef main(String className, String methodName) {
        return new MethodRef(className, methodName, "src/main/java");
    }

    /** A method of the test sources. */
    static MethodRef test(String className, String methodName) {
        return new MethodRef(className, methodName, "src/test/java");
    }

    /** {@code Class#method}, the class relative to {@code org.mlregistry.examples} when inside it. */
    public String name() {
        String shortClass = className.startsWith(BASE_PACKAGE) ? className.substring(BASE_PACKAGE.length()) : className;
        return shortClass + "#" + methodName;
    }

    /** The class's source file, relative to the module, e.g. {@code src/main/java/org/…/ReadQueries.java}. */
    public String sourcePath() {
        return sourceRoot + "/" + className.replace('.', '/') + ".java";
    }

    @Override
    public String toString() {
        return name();
    }
}
