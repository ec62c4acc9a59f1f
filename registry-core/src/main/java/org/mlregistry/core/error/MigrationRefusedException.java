package org.mlregistry.core.error;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A strict migration of lab 01's runs into the registry found tracking runs it cannot
 * migrate and refused to run; nothing was written.
 */
public class MigrationRefusedException extends RefusedException {

    private final transient List<UnmigratableRun> unmigratable;

    /** @param unmigratable the runs that cannot be migrated, with their reasons */
    public MigrationRefusedException(List<UnmigratableRun> unmigratable) {
        super(unmigratable.size() + " tracking run(s) cannot be migrated to the registry, nothing was written: "
                + unmigratable.stream().limit(5)
                        .map(s -> s.runId() + " (" + s.modelName() + ": " + s.reason() + ", " + s.detail() + ")")
                        .collect(Collectors.joining("; "))
                + (unmigratable.size() > 5 ? "; …" : ""));
        this.unmigratable = List.copyOf(unmigratable);
    }

    /**
     * The runs that cannot be migrated, with their reasons.
     *
     * @return every unmigratable run, in the order they were examined
     */
    public List<UnmigratableRun> unmigratable() {
        return unmigratable;
    }
}
