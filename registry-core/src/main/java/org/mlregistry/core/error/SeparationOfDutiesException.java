package org.mlregistry.core.error;

import java.util.UUID;

/**
 * A decision on an approval broke separation of duties: the actor who would approve it is the one
 * who requested it. Nothing was written; another person must decide.
 */
public class SeparationOfDutiesException extends RefusedException {

    /** The rule in words. */
    public static final String RULE = "the approver of an approval cannot be its requester";

    /** The approval. */
    private final UUID approvalId;
    /** The actor who tried to decide. */
    private final String actor;

    /**
     * @param approvalId the approval
     * @param actor the actor who requested it and tried to approve it
     */
    public SeparationOfDutiesException(UUID approvalId, String actor) {
        super("'" + actor + "' cannot approve approval " + approvalId + ": " + RULE);
        this.approvalId = approvalId;
        this.actor = actor;
    }

    /** @return the approval */
    public UUID approvalId() {
        return approvalId;
    }

    /** @return the actor who requested the approval and tried to approve it */
    public String actor() {
        return actor;
    }

    /** @return the rule in words, {@value #RULE} */
    public String rule() {
        return RULE;
    }
}
