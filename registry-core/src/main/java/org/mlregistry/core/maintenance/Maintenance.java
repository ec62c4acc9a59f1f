package org.mlregistry.core.maintenance;

import org.mlregistry.core.internal.Session;

/**
 * Storage maintenance a service schedules (e.g. daily): partitions ahead of need and retention.
 * Obtain it from {@code registry.maintenance()}.
 */
public final class Maintenance {

    private final Session session;

    private Maintenance(Session session) {
        this.session = session;
    }

    /**
     * For the registry (internal).
     *
     * @param session the registry's session
     * @return the maintenance operations working through it
     */
    public static Maintenance of(Session session) {
        return new Maintenance(session);
    }

    /**
     * The monthly partitions of the metric history and the audit log.
     *
     * @return create ahead, list, detach and drop old partitions
     */
    public Partitions partitions() {
        return Partitions.of(session);
    }
}
