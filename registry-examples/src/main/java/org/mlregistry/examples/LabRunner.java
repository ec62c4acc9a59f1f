package org.mlregistry.examples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.mlregistry.examples.catalog.Example;
import org.mlregistry.examples.catalog.LabCatalog;
import org.mlregistry.examples.output.ResultFormat;
import org.mlregistry.schema.RegistrySchema;
import org.mlregistry.schema.SchemaMigrationException;
import org.mlregistry.testing.SampleData;
import org.mlregistry.testing.database.PostgresServer;
import org.mlregistry.testing.database.PostgresServers;

/**
 * Runs the lab examples: migrates the database, loads the samples, and for each example prints
 * its id, title, the SQL jOOQ rendered and the result. See {@link RunnerOptions#HELP}.
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
        try (PostgresServer server = options.jdbcUrl() == null
                ? PostgresServers.embedded()
                : PostgresServers.existing(options.jdbcUrl(), options.user(), options.password())) {
            DataSource dataSource = server.dataSource();
            prepare(server, dataSource);
            return runAll(examples, dataSource);
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

    private int runAll(List<Example> examples, DataSource dataSource) {
        int failures = 0;
        if (options.format() == ResultFormat.JSON) {
            out.println("[");
        }
        for (int i = 0; i < examples.size(); i++) {
            Example example = examples.get(i);
            List<String> sql = new ArrayList<>();
            DSLContext ctx = DSL.using(dataSource, SQLDialect.POSTGRES);
            ctx.configuration().set(new DefaultExecuteListenerProvider(new ExecuteListener() {
                @Override
                public void executeStart(ExecuteContext context) {
                    sql.add(context.query() != null ? context.dsl().renderInlined(context.query()) : context.sql());
                }
            }));
            try {
                // As in psql: each statement commits on its own; examples that need a transaction open one.
                Result<? extends Record> result = example.run(ctx);
                print(example, sql, result, i == examples.size() - 1);
            } catch (RuntimeException e) {
                failures++;
                System.err.println("error in " + example.id() + ": " + rootMessage(e));
            }
        }
        if (options.format() == ResultFormat.JSON) {
            out.println("]");
        }
        return failures == 0 ? 0 : 1;
    }

    /** The innermost message: jOOQ wraps the driver's error in generic ones. */
    private static String rootMessage(Throwable thrown) {
        Throwable root = thrown;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == thrown ? thrown.getMessage() : thrown.getMessage() + ": " + root.getMessage();
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
