package org.mlregistry.core.replica;

import java.time.Duration;
import java.util.List;
import org.mlregistry.core.Registry;
import org.mlregistry.schema.RegistrySchema;
import org.mlregistry.testing.database.StandbyPair;

/** The JVM's primary and hot standby, the primary migrated once (the standby replays the schema). */
final class ReplicaPair {

    private static StandbyPair pair;

    private ReplicaPair() {
    }

    static synchronized StandbyPair pair() {
        if (pair == null) {
            StandbyPair started = StandbyPair.shared();
            RegistrySchema.configure().dataSource(started.primary()).load().migrate();
            started.awaitReplay();
            pair = started;
        }
        return pair;
    }

    /** Settings that check the replica before every read, so each read sees the replica's state of now. */
    static ReadReplicas checkedEveryRead() {
        return ReadReplicas.of(List.of(pair().standby())).healthCheckEvery(Duration.ZERO).maxLag(Duration.ofHours(1));
    }

    static Registry registry(ReadReplicas replicas) {
        return Registry.configure().dataSource(pair().primary()).readReplicas(replicas).load();
    }
}
