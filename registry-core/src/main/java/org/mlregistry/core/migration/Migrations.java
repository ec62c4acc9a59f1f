package org.mlregistry.core.migration;

import java.util.Objects;
import org.mlregistry.core.internal.Session;

/**
 * Data migrations between mlregistry's schemas, reached through {@code Registry.migrations()}.
 * Each migration is a builder; {@code run()} executes it in one transaction.
 */
public final class Migrations {

    private final Session session;

    private Migrations(Session session) {
        this.session = session;
    }

    /**
     * The migrations of a session; services get them from {@code Registry.migrations()}.
     *
     * @param session the registry's session (internal)
     * @return the data migrations, running in its transactions
     */
    public static Migrations of(Session session) {
        return new Migrations(Objects.requireNonNull(session, "session"));
    }

    /**
     * Lab 02's challenge 3: lab 01's flat {@code tracking.training_runs} into the normalized
     * {@code registry} schema. Set an {@linkplain FlatToRegistryMigration#actor(String) actor}, then
     * {@link FlatToRegistryMigration#run()}.
     *
     * @return the migration for this registry, with no actor set
     */
    public FlatToRegistryMigration flatRunsToRegistry() {
        return FlatToRegistryMigration.of(session);
    }
}
