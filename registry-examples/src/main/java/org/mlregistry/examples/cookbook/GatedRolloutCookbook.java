package org.mlregistry.examples.cookbook;

import java.time.OffsetDateTime;
import java.util.Set;
import org.mlregistry.core.error.ApprovalRequiredException;
import org.mlregistry.core.models.Approval;
import org.mlregistry.core.models.Deployment;
import org.mlregistry.core.models.Model;
import org.mlregistry.core.models.ModelRegistry;
import org.mlregistry.core.models.ModelVersion;
import org.mlregistry.core.models.NewDeployment;
import org.mlregistry.core.models.NewModel;
import org.mlregistry.core.models.NewVersion;
import org.mlregistry.schema.types.ApprovalType;
import org.mlregistry.schema.types.ModelFramework;
import org.mlregistry.schema.types.RiskLevel;

/**
 * Cookbook: the gated production rollout of a model with compliance_required: the first deploy
 * is refused with the missing approval types, the compliance officer approves, the deploy
 * succeeds.
 */
public final class GatedRolloutCookbook {

    /**
     * What the recipe produced.
     *
     * @param missingAtFirstAttempt the approval types the refused deploy named
     * @param approval the approved approval
     * @param deployment the production deployment
     */
    public record Outcome(Set<ApprovalType> missingAtFirstAttempt, Approval approval, Deployment deployment) {
    }

    private GatedRolloutCookbook() {
    }

    /** Runs the recipe for a new high-risk model called modelName; models acts as the engineer. */
    public static Outcome run(ModelRegistry models, String modelName) {
        Model model = models.catalog().createModel(NewModel.of(modelName, "Credit scoring").risk(RiskLevel.HIGH, true));
        ModelVersion v = models.versions().register(
                NewVersion.of(model.modelId(), "2.0.0", "s3://models/" + modelName + "/2.0.0", ModelFramework.LIGHTGBM));
        models.versions().validate(v.versionId(), "fairness and accuracy checks passed");

        Set<ApprovalType> missing;
        try {
            models.deployments().deploy(NewDeployment.of(v.versionId(), "prod", 100));
            throw new IllegalStateException("the approval gate let an unapproved version into production");
        } catch (ApprovalRequiredException refused) {
            missing = refused.missing(); // [COMPLIANCE]; nothing was written
        }

        Approval request = models.approvals().request(v.versionId(), ApprovalType.COMPLIANCE, "production",
                "model card and DPIA attached");
        Approval approved = models.actor("compliance-officer")
                .approvals().approve(request.approvalId(), OffsetDateTime.now().plusDays(90), "approved for 90 days");

        Deployment deployment = models.deployments().deploy(NewDeployment.of(v.versionId(), "prod", 100));
        return new Outcome(missing, approved, deployment);
    }
}
