package org.mlregistry.core.migration;

import java.util.List;
import java.util.stream.Collectors;
import org.mlregistry.core.error.RegistryException;

/**
 * A {@linkplain FlatToRegistryMigration#strict() strict} migration found tracking runs it cannot
 * migrate and refused to run; nothing was written.
 */
public class MigrationRefusedException extends RegistryException {

    private final transient List<FlatToRegistryReport.SkippedRun> unmigratable;

    /** @param unmigratable the runs that cannot be migrated, with their reasons */
    public MigrationRefusedException(List<FlatToRegistryReport.SkippedRun> unmigratable) {
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
    public List<FlatToRegistryReport.SkippedRun> unmigratable() {
        return unmigratable;
    }
}
