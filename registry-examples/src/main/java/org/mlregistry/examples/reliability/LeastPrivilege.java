package org.mlregistry.examples.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.mlregistry.core.Registry;
import org.mlregistry.core.models.Model;
import org.mlregistry.core.models.ModelVersion;
import org.mlregistry.core.models.NewDeployment;
import org.mlregistry.core.models.NewModel;
import org.mlregistry.core.models.NewVersion;
import org.mlregistry.core.tracking.Lease;
import org.mlregistry.core.tracking.Metrics;
import org.mlregistry.core.tracking.NewRun;
import org.mlregistry.core.tracking.RunFilter;
import org.mlregistry.schema.RegistrySchema;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.ModelFramework;

/**
 * Part (d): a non-superuser owner role migrates a database it owns; an application role with
 * table privileges only (SELECT, INSERT, UPDATE, DELETE on the tables, USAGE on schemas and
 * sequences) works through the API; a read-only role reads, and its writes must be refused typed
 * (a {@code RefusedException}: retrying will not grant the privilege).
 */
final class LeastPrivilege {

    /**
     * @param violations what the roles could not do that they should, or did that they should not
     * @param untyped the read-only role's writes that failed other than with a {@code RefusedException}
     * @param checks operations tried
     */
    record Result(List<String> violations, List<String> untyped, int checks) {
    }

    private static final String PASSWORD = "reliability";

    private final List<String> violations = new ArrayList<>();
    private final List<String> untyped = new ArrayList<>();
    private int checks;

    private LeastPrivilege() {
    }

    static Result run(SuiteDatabases databases, String suffix) {
        String database = "reliability_roles" + suffix;
        String owner = "rel_owner" + suffix;
        String app = "rel_app" + suffix;
        String reader = "rel_reader" + suffix;
        databases.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        for (String role : List.of(owner, app, reader)) {
            databases.execute("DROP ROLE IF EXISTS " + role,
                    "CREATE ROLE " + role + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '" + PASSWORD + "'");
        }
        databases.fresh(database, owner);
        LeastPrivilege run = new LeastPrivilege();
        DataSource asOwner = databases.as(database, owner, PASSWORD);
        if (!run.expectWorks("owner migrates", () -> RegistrySchema.configure().dataSource(asOwner).load().migrate())) {
            return run.result();
        }
        SuiteDatabases.execute(asOwner, grants(app, "SELECT, INSERT, UPDATE, DELETE").toArray(String[]::new));
        SuiteDatabases.execute(asOwner, grants(reader, "SELECT").toArray(String[]::new));
        run.asApplication(Registry.configure().dataSource(databases.as(database, app, PASSWORD)).load());
        run.asReader(Registry.configure().dataSource(databases.as(database, reader, PASSWORD)).load());
        return run.result();
    }

    private static List<String> grants(String role, String tablePrivileges) {
        List<String> grants = new ArrayList<>();
        for (String schema : List.of("tracking", "registry")) {
            grants.add("GRANT USAGE ON SCHEMA " + schema + " TO " + role);
            grants.add("GRANT " + tablePrivileges + " ON ALL TABLES IN SCHEMA " + schema + " TO " + role);
            grants.add("GRANT USAGE ON ALL SEQUENCES IN SCHEMA " + schema + " TO " + role);
        }
        return grants;
    }

    private void asApplication(Registry registry) {
        var runs = registry.runs();
        var models = registry.models().actor("rel_app");
        expectWorks("app submits a run", () -> runs.submit(run("app")));
        expectWorks("app claims and finishes it", () -> {
            var claimed = runs.leases().claimNext("rel-roles", Lease.of("app", ClaimWorker.LEASE)).orElseThrow();
            return runs.succeed(claimed.run().runId(), Metrics.none().withAccuracy(0.9));
        });
        expectWorks("app searches", () -> runs.where(RunFilter.modelName().eq("rel-roles")).count());
        expectWorks("app imports CSV", () -> runs.csv().importFrom(org.mlregistry.testing.SyntheticRuns.of(5, 1)
                .experimentPrefix("roles").csvStream(), org.mlregistry.testing.SyntheticRuns.COLUMNS));
        expectWorks("app exports CSV", () -> runs.where(RunFilter.any()).exportCsv(new java.io.StringWriter()));
        expectWorks("app bulk-archives", () -> runs.where(RunFilter.experimentName().like("roles%")).bulk().preview(0).archive());
        expectWorks("app creates, registers, validates and deploys", () -> {
            Model m = models.catalog().createModel(NewModel.of("roles-model", "Roles"));
            ModelVersion v = models.versions().register(NewVersion.of(m.modelId(), "1.0.0", "s3://roles", ModelFramework.PYTORCH));
            models.versions().validate(v.versionId(), "ok");
            return models.deployments().deploy(NewDeployment.of(v.versionId(), "canary", 50));
        });
        expectWorks("app migrates lab 01 runs into lab 02", () -> registry.migrations().flatRunsToRegistry().actor("rel_app").run());
    }

    private void asReader(Registry registry) {
        var runs = registry.runs();
        expectWorks("reader searches", () -> runs.where(RunFilter.any()).count());
        expectWorks("reader reads the audit trail", () -> registry.models().catalog().model("roles-model").orElseThrow());
        expectRefused("reader submits", () -> runs.submit(run("reader")));
        expectRefused("reader claims", () -> runs.leases().claimNext("rel-roles", Lease.of("reader", ClaimWorker.LEASE)));
        expectRefused("reader creates a model", () -> registry.models().actor("rel_reader").catalog()
                .createModel(NewModel.of("reader-model", "Reader")));
        expectRefused("reader imports CSV", () -> runs.csv().importFrom(org.mlregistry.testing.SyntheticRuns.of(5, 2)
                .experimentPrefix("reader").csvStream(), org.mlregistry.testing.SyntheticRuns.COLUMNS));
        expectRefused("reader archives", () -> runs.where(RunFilter.any()).bulk().preview(0).archive());
        expectRefused("reader adds hours", () -> runs.addHours(UUID.randomUUID(), 1, 1));
    }

    private static NewRun run(String who) {
        return NewRun.builder().model("rel-roles").framework(Framework.PYTORCH).experiment("roles-" + who)
                .dataset("ds").computeTarget("rel-roles").build();
    }

    private boolean expectWorks(String what, Callable<?> call) {
        checks++;
        try {
            call.call();
            return true;
        } catch (Throwable t) {
            violations.add(what + ": " + Failures.describe(t));
            return false;
        }
    }

    private void expectRefused(String what, Callable<?> call) {
        checks++;
        try {
            call.call();
            violations.add(what + ": was allowed");
        } catch (Throwable t) {
            if (t instanceof Error || Failures.classify(t) != Failures.Kind.REFUSED) {
                untyped.add(what + " → " + Failures.describe(t));
            }
        }
    }

    private Result result() {
        return new Result(violations, untyped, checks);
    }
}
