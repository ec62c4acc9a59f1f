package org.mlregistry.core.models;

import java.util.List;
import java.util.UUID;
import org.mlregistry.core.error.InvalidTransitionException;
import org.mlregistry.schema.types.VersionStatus;

/**
 * A version cannot be archived while deployments of it are active or degraded (still serve
 * traffic); undeploy them first. Nothing was written.
 */
public class VersionServingException extends InvalidTransitionException {

    private final List<UUID> servingDeployments;

    public VersionServingException(UUID versionId, VersionStatus current, VersionStatus attempted, List<UUID> servingDeployments) {
        super("model version", versionId, current, attempted + " while deployments " + servingDeployments + " still serve it");
        this.servingDeployments = List.copyOf(servingDeployments);
    }

    /** Ids of the active or degraded deployments of the version. */
    public List<UUID> servingDeployments() {
        return servingDeployments;
    }
}
