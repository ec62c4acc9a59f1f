package org.mlregistry.examples.reliability;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.mlregistry.examples.reliability.InputProber.Outcome;
import org.mlregistry.examples.reliability.InputProber.Verdict;

/**
 * Part (c): every probe of {@link ValueProbes} and {@link EdgeProbes}, given one at a time, each
 * classified by {@link InputProber}.
 */
final class HostileInputs {

    /**
     * @param counts how many probes got each verdict
     * @param others each probe whose verdict was {@link Verdict#OTHER}: entry, input and what happened
     */
    record Result(Map<Verdict, Integer> counts, List<String> others) {
        int inputs() {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }

        int untyped() {
            return counts.getOrDefault(Verdict.OTHER, 0);
        }
    }

    private HostileInputs() {
    }

    /** Every probe, built and run on one connection of db (a migrated database of its own). */
    static List<Probe> all(ValueProbes values) {
        EdgeProbes edges = new EdgeProbes(values);
        List<Probe> probes = new ArrayList<>();
        probes.addAll(values.texts());
        probes.addAll(values.numbers());
        probes.addAll(edges.nulls());
        probes.addAll(edges.timesAndDurations());
        probes.addAll(edges.tokensAndVersions());
        probes.addAll(edges.csv());
        return probes;
    }

    static Result run(DataSource db) {
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        List<String> others = new ArrayList<>();
        try (WorkerConnection connection = new WorkerConnection(db, "rel-c-prober")) {
            for (Probe probe : all(new ValueProbes(connection))) {
                Outcome outcome = InputProber.probe(probe);
                counts.merge(outcome.verdict(), 1, Integer::sum);
                if (outcome.verdict() == Verdict.OTHER) {
                    others.add(probe.entry() + " <- " + probe.input() + " → " + outcome.what());
                }
                if (outcome.verdict() != Verdict.VERBATIM) {
                    connection.afterFailure();
                }
            }
        }
        return new Result(counts, others);
    }
}
