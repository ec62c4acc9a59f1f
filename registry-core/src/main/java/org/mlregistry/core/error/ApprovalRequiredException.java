package org.mlregistry.core.error;

import java.util.Set;
import java.util.UUID;
import org.mlregistry.schema.types.ApprovalType;

/**
 * A deployment to a production environment of a version of a model with
 * {@code compliance_required} lacks approved, unexpired approvals; nothing was written.
 */
public class ApprovalRequiredException extends RefusedException {

    /** The version that was to be deployed. */
    private final UUID versionId;
    /** The production environment's name. */
    private final String environment;
    /** The approval types without an approved, unexpired approval. */
    private final Set<ApprovalType> missing;

    /**
     * @param versionId the version that was to be deployed
     * @param environment the production environment's name
     * @param missing approval types without an approved, unexpired approval
     */
    public ApprovalRequiredException(UUID versionId, String environment, Set<ApprovalType> missing) {
        super("Deploying version " + versionId + " to " + environment + " requires approved, unexpired approvals: missing "
                + missing);
        this.versionId = versionId;
        this.environment = environment;
        this.missing = Set.copyOf(missing);
    }

    /**
     * The version that was to be deployed.
     *
     * @return the version's id
     */
    public UUID versionId() {
        return versionId;
    }

    /**
     * The production environment's name.
     *
     * @return the environment's name
     */
    public String environment() {
        return environment;
    }

    /**
     * The approval types without an approved, unexpired approval.
     *
     * @return the missing approval types, not empty
     */
    public Set<ApprovalType> missing() {
        return missing;
    }
}
