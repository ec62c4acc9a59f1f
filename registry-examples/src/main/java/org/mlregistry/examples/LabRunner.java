package org.mlregistry.examples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.mlregistry.examples.book.LabBook;
import org.mlregistry.examples.book.LabBookException;
import org.mlregistry.examples.catalog.Example;
import org.mlregistry.examples.catalog.Execution;
import org.mlregistry.examples.catalog.LabCatalog;
import org.mlregistry.examples.output.ResultFormat;
import org.mlregistry.schema.RegistrySchema;
import org.mlregistry.schema.SchemaMigrationException;
import org.mlregistry.testing.SampleData;
import org.mlregistry.testing.database.PostgresServer;
import org.mlregistry.testing.database.PostgresServers;

/**
 * Runs the lab examples: migrates the database, loads the samples, and for each example prints
 * its id, title, the SQL jOOQ rendered and the result; with {@code --html} it also writes the lab
 * book ({@link LabBook}). See {@link RunnerOptions#HELP}.
 */
public final class LabRunner {

    private final RunnerOptions options;
    private final PrintStream out;

    LabRunner(RunnerOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        RunnerOptions options;
        try {
            options = RunnerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("Try --help.");
            System.exit(2);
            return;
        }
        System.exit(new LabRunner(options, System.out).run());
    }

    /** Runs as the options say and returns the process exit code. */
    int run() {
        if (options.help()) {
            out.println(RunnerOptions.HELP);
            return 0;
        }
        List<Example> examples;
        try {
            examples = options.only().isEmpty() ? LabCatalog.all() : LabCatalog.select(options.only());
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        if (options.list()) {
            list(examples);
            return 0;
        }
        LabBook book = null;
        if (options.bookFolder() != null) {
            try {
                book = LabBook.at(options.bookFolder(), options.bookOverwrite());
            } catch (LabBookException e) {
                System.err.println("error: " + e.getMessage());
                return 2;
            }
        }
        try (PostgresServer server = options.jdbcUrl() == null
                ? PostgresServers.embedded()
                : PostgresServers.existing(options.jdbcUrl(), options.user(), options.password())) {
            DataSource dataSource = server.dataSource();
            prepare(server, dataSource);
            List<Execution> executions = runAll(examples, dataSource);
            int failures = (int) executions.stream().filter(execution -> execution.error() != null).count();
            if (book != null && !writeBook(book, executions)) {
                return 2;
            }
            return failures == 0 ? 0 : 1;
        } catch (SchemaMigrationException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private void prepare(PostgresServer server, DataSource dataSource) {
        if (options.format() == ResultFormat.TABLE) {
            out.println("-- database: " + server.description());
        }
        int applied = RegistrySchema.configure().dataSource(dataSource).load().migrate();
        DSLContext ctx = DSL.using(dataSource, SQLDialect.POSTGRES);
        boolean empty = ctx.fetchCount(DSL.table(DSL.name("tracking", "training_runs"))) == 0
                && ctx.fetchCount(DSL.table(DSL.name("registry", "models"))) == 0;
        if (options.resetSamples()) {
            SampleData.reset(dataSource);
        } else if (empty) {
            SampleData.load(dataSource);
        }
        if (options.format() == ResultFormat.TABLE) {
            out.println("-- migrations applied: " + applied + "; samples: "
                    + (options.resetSamples() ? "reset" : empty ? "loaded" : "kept as found (use --reset-samples to reload)"));
        }
    }

    private List<Execution> runAll(List<Example> examples, DataSource dataSource) {
        List<Execution> executions = new ArrayList<>();
        if (options.format() == ResultFormat.JSON) {
            out.println("[");
        }
        for (int i = 0; i < examples.size(); i++) {
            Example example = examples.get(i);
            Execution execution = Execution.of(example, dataSource);
            executions.add(execution);
            if (execution.error() == null) {
                print(example, execution.sql(), execution.result(), i == examples.size() - 1);
            } else {
                System.err.println("error in " + example.id() + ": " + execution.errorMessage());
            }
        }
        if (options.format() == ResultFormat.JSON) {
            out.println("]");
        }
        return executions;
    }

    /** Writes the book and says where it is; false (after saying why) when it cannot be written. */
    private boolean writeBook(LabBook book, List<Execution> executions) {
        try {
            LabBook.Summary summary = book.write(executions);
            PrintStream where = options.format() == ResultFormat.TABLE ? out : System.err;
            where.println();
            where.println("-- lab book: " + summary.index() + " (" + summary.statements() + " statements, "
                    + summary.charts() + " charts, " + summary.notes() + " with a LAB-DEFECTS.md note); open it in a browser: "
                    + summary.index().toUri());
            return true;
        } catch (LabBookException e) {
            System.err.println("error: " + e.getMessage());
            return false;
        }
    }

    private void print(Example example, List<String> sql, Result<? extends Record> result, boolean last) {
        switch (options.format()) {
            case TABLE -> {
                out.println();
                out.println("== " + String.join(", ", example.ids()) + ": " + example.title());
                sql.forEach(statement -> out.println(statement + ";"));
                out.println(ResultFormat.table(result));
            }
            case JSON -> out.println("  " + ResultFormat.json(example.id(), example.title(), result) + (last ? "" : ","));
            case CSV -> {
                out.println("# " + String.join(",", example.ids()) + " " + example.title());
                out.print(ResultFormat.csv(result));
            }
        }
    }

    private void list(List<Example> examples) {
        if (options.format() == ResultFormat.JSON) {
            out.println("[");
            for (int i = 0; i < examples.size(); i++) {
                out.println("  " + listEntry(examples.get(i)) + (i == examples.size() - 1 ? "" : ","));
            }
            out.println("]");
        } else {
            examples.forEach(e -> out.println(String.join(",", e.ids()) + "\t" + e.title() + "\t" + e.javaMethod()));
        }
    }

    /** One example of {@code --list --format json}: where it is in the lab, its Java method, its test. */
    private static String listEntry(Example e) {
        return "{\"id\": " + ResultFormat.quote(e.id())
                + ", \"ids\": [" + String.join(", ", e.ids().stream().map(ResultFormat::quote).toList()) + "]"
                + ", \"title\": " + ResultFormat.quote(e.title())
                + ", \"part\": " + ResultFormat.quote(e.part().heading())
                + ", \"step\": " + ResultFormat.quote(e.step())
                + ", \"method\": " + ResultFormat.quote(e.javaMethod().name())
                + ", \"test\": " + e.provingTest().map(test -> ResultFormat.quote(test.name())).orElse("null") + "}";
    }
}
