package org.mlregistry.examples.reliability;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Set;
import org.mlregistry.examples.bench.BenchDatabase;
import org.mlregistry.examples.bench.BenchOptions;

/**
 * The reliability suite: (a) workers claim and finish runs, beside plain JDBC on the same SQL;
 * (b) the same kinds of work while their backends are killed, then every invariant checked with
 * SQL; (c) hostile inputs at every public entry point; (d) least-privilege roles. Each part works
 * in a fresh database of its own. Prints its findings, and last one summary line:
 *
 * <pre>
 * reliability: claims=10000 double=0 lost=0 stuck=0 faults=… violations=0 inputs=… untyped=0
 * </pre>
 *
 * Run it (an embedded PostgreSQL unless {@code --jdbc-url} names a server, whose user must be
 * allowed to create databases and roles):
 *
 * <pre>
 * ./mvnw -q package -DskipTests exec:java \
 *     -Dexec.mainClass=org.mlregistry.examples.reliability.ReliabilitySuite -Dexec.args="--claims 10000"
 * </pre>
 */
public final class ReliabilitySuite {

    /**
     * How much the suite does.
     *
     * @param workers claim workers of part (a), on each side
     * @param claims runs claimed in part (a), on each side
     * @param faults part (b)'s work
     * @param suffix appended to the databases' and roles' names (tests run several suites on one server)
     */
    public record Settings(int workers, int claims, FaultLoad.Settings faults, String suffix) {

        /** @return the sizes: 8 workers, 10,000 claims */
        public static Settings defaults() {
            return new Settings(8, 10_000, new FaultLoad.Settings(3, 2_000, 300, 20, 50, 20, 100, 10, 13), "");
        }
    }

    private static final Set<String> OPTIONS = Set.of("--jdbc-url", "--user", "--password", "--workers", "--claims",
            "--fault-claims", "--deploys", "--bulk-batches", "--csv-batches", "--migrations", "--seed");

    private ReliabilitySuite() {
    }

    /**
     * @param args {@code --claims N --workers N --fault-claims N --deploys N --bulk-batches N --csv-batches N
     *     --migrations N --seed N}, and {@code --jdbc-url URL --user U --password P} for an existing server
     */
    public static void main(String... args) {
        BenchOptions given = BenchOptions.parse(OPTIONS, args);
        Settings d = Settings.defaults();
        FaultLoad.Settings f = d.faults();
        Settings settings = new Settings(given.count("--workers", d.workers()), given.count("--claims", d.claims()),
                new FaultLoad.Settings(f.claimWorkers(), given.count("--fault-claims", f.claims()),
                        given.count("--deploys", f.deploys()), given.count("--bulk-batches", f.bulkBatches()), f.bulkRows(),
                        given.count("--csv-batches", f.csvBatches()), f.csvRows(), given.count("--migrations", f.migrations()),
                        given.integer("--seed", (int) f.seed())), "");
        PrintStream out = System.out;
        Summary[] summary = new Summary[1];
        BenchDatabase.withPostgres(given.text("--jdbc-url", null), given.text("--user", null), given.text("--password", null),
                out, server -> summary[0] = run(new SuiteDatabases(server), settings, out));
        out.println(summary[0].line());
    }

    /** Runs the four parts and returns their figures (printing the details). */
    static Summary run(SuiteDatabases databases, Settings s, PrintStream out) {
        try {
            out.printf(Locale.ROOT, "(a) %d workers x %d claims (claim + finish)%n", s.workers(), s.claims());
            ClaimLoad.Result a = ClaimLoad.run(databases.migrated("reliability_claims" + s.suffix()), s.workers(), s.claims());
            out.printf(Locale.ROOT, "    claims/s: library %,.0f   plain JDBC (same SQL) %,.0f   ratio %.2f%n",
                    a.libraryPerSecond(), a.jdbcPerSecond(), a.jdbcPerSecond() / a.libraryPerSecond());
            out.printf(Locale.ROOT, "    double=%d lost=%d stuck=%d, failures caught: %d transient, %d untyped%n", a.doubles(), a.lost(),
                    a.stuck(), a.failures().transientFailures(), a.failures().untyped());

            out.printf(Locale.ROOT, "(b) faults: backends killed every %d-%d ms (seed %d)%n", FaultInjector.MIN_INTERVAL_MS,
                    FaultInjector.MAX_INTERVAL_MS, s.faults().seed());
            FaultLoad.Result b = FaultLoad.run(databases, s.suffix(), s.faults());
            out.println("    " + b.summary());
            out.println("    backends killed: " + b.faults());
            b.failures().examples().forEach(e -> out.println("    e.g. " + e));
            b.violations().forEach(v -> out.println("    VIOLATION " + v));

            out.println("(c) hostile inputs");
            HostileInputs.Result c = HostileInputs.run(databases.migrated("reliability_inputs" + s.suffix()));
            out.println("    " + c.counts());
            c.others().forEach(o -> out.println("    UNTYPED " + o));

            out.println("(d) least privilege");
            LeastPrivilege.Result d = LeastPrivilege.run(databases, s.suffix());
            out.printf(Locale.ROOT, "    %d checks%n", d.checks());
            d.violations().forEach(v -> out.println("    VIOLATION " + v));
            d.untyped().forEach(u -> out.println("    UNTYPED " + u));

            return new Summary(a.claims(), a.doubles(), a.lost(), a.stuck(), b.faults(),
                    b.violations().size() + d.violations().size(), c.inputs(),
                    a.failures().untyped() + b.failures().untyped() + c.untyped() + d.untyped().size());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
