package org.mlregistry.examples.bench;

import java.io.PrintStream;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.mlregistry.core.Registry;
import org.mlregistry.core.models.Deployment;
import org.mlregistry.core.models.Model;
import org.mlregistry.core.models.ModelRegistry;
import org.mlregistry.core.models.ModelVersion;
import org.mlregistry.core.models.NewDeployment;
import org.mlregistry.core.models.NewModel;
import org.mlregistry.core.models.NewVersion;
import org.mlregistry.schema.types.ModelFramework;

/**
 * Model registry writes, committed, on one connection: register a version, deploy it to
 * {@code staging}, promote it to {@code qa}; per operation the median time and what one call sends
 * (statements / round trips, counted at the connection).
 */
final class RegistryOperations {

    /**
     * @param operation what was measured
     * @param rounds how many times
     * @param medianMicros median µs
     * @param sent statements/round trips of one call
     */
    record Result(String operation, int rounds, double medianMicros, RoundTrips.Counts sent) {
    }

    private RegistryOperations() {
    }

    static List<Result> measure(DataSource dataSource, int rounds, PrintStream out) throws Exception {
        RoundTrips trips = new RoundTrips();
        try (Connection connection = dataSource.getConnection()) {
            Registry registry = Registry.configure().dsl(DSL.using(trips.counting(connection), SQLDialect.POSTGRES)).load();
            ModelRegistry models = registry.models().actor("bench");
            Model model = models.catalog().createModel(NewModel.of("bench-" + UUID.randomUUID().toString().substring(0, 8), "Bench"));
            Map<String, long[]> times = new LinkedHashMap<>();
            Map<String, RoundTrips.Counts> sent = new LinkedHashMap<>();
            for (String op : List.of("register version", "deploy (staging)", "promote (qa)")) {
                times.put(op, new long[rounds]);
            }
            for (int i = 0; i < rounds; i++) {
                int round = i;
                ModelVersion version = timed(times, sent, "register version", i, trips, () -> models.versions().register(
                        NewVersion.of(model.modelId(), "1.0." + round, "s3://bench/1.0." + round, ModelFramework.XGBOOST)));
                models.versions().validate(version.versionId(), "bench");
                Deployment deployed = timed(times, sent, "deploy (staging)", i, trips,
                        () -> models.deployments().deploy(NewDeployment.of(version.versionId(), "staging", 100)));
                models.deployments().undeploy(deployed.deploymentId());
                timed(times, sent, "promote (qa)", i, trips, () -> models.rollouts().promote(version.versionId(), "qa"));
            }
            List<Result> results = new ArrayList<>();
            for (var e : times.entrySet()) {
                Result r = new Result(e.getKey(), rounds, LibraryVsJdbc.median(e.getValue()) / 1e3, sent.get(e.getKey()));
                results.add(r);
                out.printf(Locale.ROOT, "  %-20s median %,10.1f µs  statements/round trips %s%n", r.operation(), r.medianMicros(),
                        r.sent());
            }
            return results;
        }
    }

    private static <T> T timed(Map<String, long[]> times, Map<String, RoundTrips.Counts> sent, String op, int round,
            RoundTrips trips, Supplier<T> call) {
        List<T> result = new ArrayList<>();
        long start = System.nanoTime();
        RoundTrips.Counts counts = trips.of(() -> result.add(call.get()));
        times.get(op)[round] = System.nanoTime() - start;
        sent.put(op, counts);
        return result.get(0);
    }
}
