package org.mlregistry.core.migration;

import java.util.Objects;
import org.mlregistry.core.Registry;

/**
 * Data migrations between mlregistry's schemas, reached through {@link Registry#migrations()}.
 * Each migration is a builder; {@code run()} executes it in one transaction.
 */
public final class Migrations {

    private final Registry registry;

    /** @param registry the registry whose transactions the migrations run in */
    public Migrations(Registry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * Lab 02's challenge 3: lab 01's flat {@code tracking.training_runs} into the normalized
     * {@code registry} schema. Set an {@linkplain FlatToRegistryMigration#actor(String) actor}, then
     * {@link FlatToRegistryMigration#run()}.
     *
     * @return the migration for this registry, with no actor set
     */
    public FlatToRegistryMigration flatRunsToRegistry() {
        return FlatToRegistryMigration.of(registry);
    }
}
