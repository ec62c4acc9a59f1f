package org.mlregistry.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mlregistry.examples.output.ResultFormat;

/** The runner's command line. */
record RunnerOptions(boolean help, boolean list, List<String> only, ResultFormat format,
                     String jdbcUrl, String user, String password, boolean resetSamples, Path html, boolean overwrite) {

    /**
     * The system property naming the folder of the lab book written when no {@code --html} is given
     * (registry-examples' pom sets it to target/lab-book for exec:java); unset, no book is written.
     */
    static final String DEFAULT_BOOK_PROPERTY = "mlregistry.labbook.dir";

    static final String HELP = """
            mlregistry lab runner: every SQL statement of the two labs, as jOOQ Java, run on PostgreSQL.

            Without options it starts an embedded PostgreSQL, applies mlregistry's migrations, loads
            the sample data and runs every example in lab order, printing for each its statement
            id(s), title, the SQL jOOQ rendered and the result.

            Options:
              --help                     this text
              --list                     list the examples without running them, one line each:
                                         id(s) TAB title TAB Java method (Class#method, the class
                                         relative to org.mlregistry.examples); with --format json
                                         one array of {"id", "ids", "title", "part", "step",
                                         "method", "test"}: also the lab's part and step headings
                                         and the test that proves the example.
                                         registry-examples/LAB-INDEX.md lists the same, linked
                                         to the sources
              --only ID[,ID...]          run only these statements; an ID may be a part prefix
                                         such as L1.P8 (all of lab 01 part 8) or L2
              --format table|json|csv    output format (default table). json prints one array of
                                         {"id", "title", "columns": [...], "rows": [[...]]}; values
                                         are PostgreSQL's text form, numbers as JSON numbers,
                                         timestamps ISO-8601 with offset, NULL as null
              --jdbc-url URL             use this existing PostgreSQL instead of the embedded one;
                                         it is migrated first, and refused if its tracking/registry
                                         schemas exist but were not created by mlregistry
              --user U, --password P     credentials for --jdbc-url
              --reset-samples            delete all runs, teams, models, datasets and reload the
                                         samples first (otherwise samples load only into an empty
                                         registry)
              --html DIR                 also write the lab book, a static site, into DIR: an
                                         index.html of every statement (filter by id or word) and
                                         a page per lab part with the lab's SQL, the Java, the SQL
                                         jOOQ rendered, the result, charts and LAB-DEFECTS.md notes.
                                         DIR must be new or empty unless --overwrite is given.
                                         Without --html, the README's exec:java command writes it
                                         to registry-examples/target/lab-book (table format only)
              --overwrite                with --html: write into a folder that holds files,
                                         replacing only the book's own files (none is deleted)

            Exit codes: 0 all examples ran; 1 an example or the database failed; 2 bad option or id,
            or a --html folder that is not empty (without --overwrite) or cannot be written.
            """;

    static RunnerOptions parse(String... args) {
        boolean help = false;
        boolean list = false;
        boolean reset = false;
        List<String> only = new ArrayList<>();
        ResultFormat format = ResultFormat.TABLE;
        String url = null;
        String user = null;
        String password = null;
        Path html = null;
        boolean overwrite = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> help = true;
                case "--list" -> list = true;
                case "--reset-samples" -> reset = true;
                case "--only" -> only.addAll(Arrays.stream(value(args, ++i, arg).split(","))
                        .map(String::trim).filter(s -> !s.isEmpty()).toList());
                case "--format" -> format = ResultFormat.parse(value(args, ++i, arg));
                case "--jdbc-url" -> url = value(args, ++i, arg);
                case "--user" -> user = value(args, ++i, arg);
                case "--password" -> password = value(args, ++i, arg);
                case "--html" -> html = Path.of(value(args, ++i, arg));
                case "--overwrite" -> overwrite = true;
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
        }
        if (url == null && (user != null || password != null)) {
            throw new IllegalArgumentException("--user and --password need --jdbc-url");
        }
        if (overwrite && html == null) {
            throw new IllegalArgumentException("--overwrite needs --html");
        }
        return new RunnerOptions(help, list, List.copyOf(only), format, url, user, password, reset, html, overwrite);
    }

    /**
     * Where to write the lab book, if anywhere: {@code --html}, or else (for the default table output
     * of a run) the folder the {@link #DEFAULT_BOOK_PROPERTY} property names, which the runner owns.
     */
    Path bookFolder() {
        if (html != null || list || help) {
            return html;
        }
        String fallback = System.getProperty(DEFAULT_BOOK_PROPERTY);
        return fallback == null || fallback.isBlank() || format != ResultFormat.TABLE ? null : Path.of(fallback);
    }

    /** Whether the book may be written into a folder that holds files: --overwrite, or the default folder. */
    boolean bookOverwrite() {
        return html == null || overwrite;
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }
}
