package org.mlregistry.core.error;

import java.util.List;
import java.util.UUID;
import org.mlregistry.schema.types.VersionStatus;

/**
 * A version cannot be archived while deployments of it are active or degraded (still serve
 * traffic); undeploy them first. Nothing was written.
 */
public class VersionServingException extends InvalidTransitionException {

    /** Ids of the deployments that still serve the version. */
    private final List<UUID> servingDeployments;

    /**
     * @param versionId the version that was to be archived
     * @param current the version's status
     * @param attempted the refused target status, {@code archived}
     * @param servingDeployments ids of the active or degraded deployments of the version
     */
    public VersionServingException(UUID versionId, VersionStatus current, VersionStatus attempted, List<UUID> servingDeployments) {
        super("model version", versionId, current, attempted + " while deployments " + servingDeployments + " still serve it");
        this.servingDeployments = List.copyOf(servingDeployments);
    }

    /**
     * Ids of the active or degraded deployments of the version.
     *
     * @return the deployment ids, not empty
     */
    public List<UUID> servingDeployments() {
        return servingDeployments;
    }
}
